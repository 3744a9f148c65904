import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

export type PathPart = string | number;

/** Finds the line of a field in a YAML text, for error messages. */
export interface YamlLocator {
  /** 1-based line of the deepest node that exists along `path`. */
  lineOf(path: PathPart[]): number;
  /** 1-based line of the key `key` in the map at `path`. */
  keyLine(path: PathPart[], key: string): number;
  /** Whether a node exists at `path`. */
  has(path: PathPart[]): boolean;
}

// The `yaml` package keeps every node's position, which is what an error message needs, but it
// parses a pack several times slower than js-yaml and loads slowly too. So packs are read with
// js-yaml, and `yaml` is loaded only when something is wrong and a line must be named.
let yaml: typeof Yaml | undefined;

export function locate(text: string): YamlLocator {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  const { isMap, isSeq } = yaml;
  const lines = new yaml.LineCounter();
  const root = yaml.parseDocument(text, { lineCounter: lines }).contents as Yaml.Node | null;

  const nodeAt = (path: PathPart[]): Yaml.Node | undefined => {
    let node: unknown = root;
    for (const part of path) {
      if (isMap(node)) node = node.get(part, true);
      else if (isSeq(node) && typeof part === 'number') node = node.get(part, true);
      else return undefined;
      if (node === undefined || node === null) return undefined;
    }
    return (node ?? undefined) as Yaml.Node | undefined;
  };
  const offsetOf = (path: PathPart[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(path.slice(0, depth));
      if (node?.range) return node.range[0];
    }
    return 0;
  };

  return {
    lineOf: (path) => lines.linePos(offsetOf(path)).line,
    keyLine(path, key) {
      const map = nodeAt(path);
      if (isMap(map)) {
        for (const pair of map.items) {
          const k = pair.key as Yaml.Node | null;
          if (k && 'value' in k && k.value === key && k.range) return lines.linePos(k.range[0]).line;
        }
      }
      return lines.linePos(offsetOf(path)).line;
    },
    has: (path) => nodeAt(path) !== undefined,
  };
}
