import { type BigIntStats, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Deeper than any knowledge layout (`<pack>/pack.yaml`, `<pack>/sources/…`); bounds symlink loops. */
const MAX_DEPTH = 4;
/** Files and folders looked at, at most: a knowledge folder holds a few per pack. */
const MAX_ENTRIES = 10_000;

/**
 * What the folder at `path` looks like now, as a string that changes whenever anything under it
 * does: its real path (a swapped symlink changes it) and inode (a folder removed and recreated or
 * renamed into place changes it), then every file and folder below it, symlinks followed, with
 * its inode, size and modification time in nanoseconds (hidden names skipped). `undefined` when
 * the folder is missing. Never throws: an entry that cannot be read (a looping or dangling link,
 * no permission) is listed as unreadable.
 *
 * File-system events (`fs.watch`) follow the inode they were set on, so they go silent when the
 * folder is replaced; this follows the path, at the cost of a `stat` per file each time it is read
 * (a few hundred microseconds for a few dozen packs).
 */
export function folderSignature(path: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined;
  }
  const lines: string[] = [];
  const visit = (dir: string, relative: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      lines.push(`${relative}/ unreadable`);
      return;
    }
    for (const name of names) {
      if (lines.length >= MAX_ENTRIES) return;
      // Editors' swap files and Kubernetes' `..data` (reached through the visible links anyway).
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      const shown = relative ? `${relative}/${name}` : name;
      const stat = statOf(full);
      if (!stat) {
        lines.push(`${shown} unreadable`); // a dangling or looping link, no permission
        continue;
      }
      if (stat.isDirectory()) {
        // Its entries, not its own times, which change whenever an editor makes a temporary file.
        lines.push(`${shown}/ ${stat.ino}`);
        if (depth < MAX_DEPTH) visit(full, shown, depth + 1);
      } else {
        lines.push(`${shown} ${stat.ino} ${stat.size} ${stat.mtimeNs}`);
      }
    }
  };
  const root = statOf(real);
  if (!root?.isDirectory()) return undefined;
  lines.push(`${real} ${root.dev} ${root.ino}`);
  visit(real, '', 1);
  return lines.join('\n');
}

/** `stat` (symlinks followed), or undefined when there is nothing readable there. Never throws. */
function statOf(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
