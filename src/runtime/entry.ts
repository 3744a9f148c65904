/**
 * Helpers for entry points (`bin/`), which alone touch the process: its environment file,
 * and the last words of a failed start.
 */
import { scrubSecrets } from '../config.js';
import { FactdeskError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * Loads `.env` into the environment when there is one; a missing file is fine, and variables
 * already set win over the file (Node's rule), so an operator's export overrides `.env`.
 */
export function loadDotEnv(path = '.env'): boolean {
  try {
    process.loadEnvFile(path);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * One line on why the process could not run. Factdesk's own errors are shown as they are (they
 * are written to name the setting or file at fault, never a secret's value); anything else is
 * reduced to its message, and every configured secret is scrubbed out in case a library quoted it.
 */
export function fatalMessage(
  error: unknown,
  secrets: readonly string[],
  env: Record<string, string | undefined> = process.env,
): string {
  const text =
    error instanceof FactdeskError ? error.message : error instanceof Error ? error.message : String(error);
  return scrubSecrets(text, secrets, env);
}

/**
 * Runs an entry point's `main` and exits with the code it returns. A failure is logged (when
 * the logger exists yet) and also printed as one plain line: whoever started the process reads
 * that first, whatever the log level. `secrets` names the settings whose values must not show.
 */
export function exitWhenDone(
  main: () => Promise<number>,
  last: { logger: () => Logger | undefined; secrets: readonly string[] },
): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = fatalMessage(error, last.secrets);
      last.logger()?.fatal({ err: message }, 'factdesk could not run');
      process.stderr.write(`factdesk: ${message}\n`);
      process.exit(1);
    },
  );
}
