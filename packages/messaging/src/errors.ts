/** Throw (or reject with) this from a handler for a message that can never succeed. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/** Publish refused because the message could be routed nowhere, not even to the unrouted store. */
export class UnroutableMessageError extends Error {
  override readonly name = 'UnroutableMessageError';
}
