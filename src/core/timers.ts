/** A timer handle in any runtime (a number in browsers, an object in Node, Deno and Bun). */
export type TimerHandle = ReturnType<typeof setTimeout>

/**
 * `setTimeout` that does not keep a Node process alive: a client's background flush must
 * never stop a script or server from exiting (servers `await client.close()` instead).
 */
export function backgroundTimeout(callback: () => void, delayMs: number): TimerHandle {
  const timer = setTimeout(callback, delayMs)
  if (typeof timer === 'object' && timer !== null && 'unref' in timer) timer.unref()
  return timer
}

/** Resolves after `delayMs`; keeps the process alive, since a caller is awaiting it. */
export function sleep(delayMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, delayMs))
}
