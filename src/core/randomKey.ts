/** The shape of `crypto.randomUUID()`'s answer. */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A random UUID (Web Crypto) as an event's idempotency key.
 *
 * The shape check also matters for memory: Node builds `randomUUID()`'s result from ~20
 * concatenated pieces, a rope V8 keeps at ~490 bytes until something flattens it, and running
 * a regular expression over it flattens it to ~60 bytes. (A bare `test()` whose result is
 * unused would be dropped by bundlers as side-effect free; this one can throw.)
 */
export function randomKey(): string {
  const key = crypto.randomUUID()
  if (!UUID_SHAPE.test(key)) throw new Error(`crypto.randomUUID() returned ${JSON.stringify(key)}`)
  return key
}
