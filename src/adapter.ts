/**
 * The port every platform adapter implements. Kept tiny on purpose: the entry point starts and
 * stops adapters; each adapter turns platform events into a `Query`, calls the bot, and renders
 * the `Reply`. Nothing else crosses this line.
 */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Settles when the adapter has nothing more to do by itself (the console at end of input). */
  readonly finished?: Promise<void>;
}
