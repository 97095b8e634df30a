/**
 * The one thing card protocols need from a reader: send a command APDU, get the response
 * APDU (data followed by SW1 SW2). The PC/SC layer implements it over pcscd; tests can also
 * connect a card simulator in-process through the same interface.
 */
export interface CardChannel {
  readonly reader: string;
  /** The card's answer to reset, as reported when the channel was opened. */
  readonly atr: Uint8Array;
  /**
   * Sends one command. Requests are serialised: a second call waits for the first. Fails
   * with a typed LifeboatError (card-removed, card-reset, card-timeout, reader-busy,
   * no-service, reader-error, malformed-response) and never resolves with fewer than 2 bytes.
   */
  transmit(apdu: Uint8Array, options?: { timeoutMs?: number }): Promise<Uint8Array>;
  /** Releases the card; a closed channel rejects further commands. Safe to call twice. */
  close(): Promise<void>;
  readonly closed: boolean;
}
