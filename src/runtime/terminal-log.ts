import { prettyFactory } from 'pino-pretty';

/**
 * The log destination of a chat in the terminal. Its operational logs (a knowledge reload that
 * failed, a store that went away) are for the person at that terminal: each line is printed
 * readably (`12:04:31 ERROR: knowledge reload failed … file: "…", line: 12`), not as JSON, and
 * around the chat's prompt, so that it never lands glued to `you> ` with the prompt lost.
 */
export interface TerminalLogs {
  /** What the logger writes to: one JSON log line per call. */
  readonly destination: { write(line: string): void };
  /**
   * Called by a chat on this terminal with the function that prints a log line around its
   * prompt (clear the prompt's line, `print()`, redraw the prompt and what was typed); with
   * nothing, to print lines as they come again.
   */
  interject(around: ((print: () => void) => void) | undefined): void;
}

export interface TerminalLogsOptions {
  /** Colours, for a terminal; plain text when the stream is redirected to a file. */
  colorize?: boolean;
}

export function createTerminalLogs(
  stream: { write(text: string): unknown },
  options: TerminalLogsOptions = {},
): TerminalLogs {
  const pretty = prettyFactory({
    colorize: options.colorize ?? false,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    // The error's message right after what happened, on the same line, rather than below it.
    messageFormat: '{msg}{if err}: {err}{end}',
    // Constant or known to the person who started it: the process's id, host and app name.
    ignore: 'pid,hostname,app,err',
  });
  let around: ((print: () => void) => void) | undefined;
  return {
    destination: {
      write(line) {
        const text = pretty(line);
        const print = () => {
          stream.write(text);
        };
        if (around) around(print);
        else print();
      },
    },
    interject(next) {
      around = next;
    },
  };
}
