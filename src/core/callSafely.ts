/** Calls a user's listener; one that throws must not break delivery (or the caller of `buffer()`). */
export function callSafely<A extends unknown[]>(listener: (...args: A) => void, ...args: A): void {
  try {
    listener(...args)
  } catch (error) {
    console.error('[stripemeter] a listener threw:', error)
  }
}
