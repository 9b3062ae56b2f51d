/** Any regular expression run over a string makes V8 flatten it first; this one matches at once. */
const FLATTEN = /^/

/**
 * A random UUID (Web Crypto) as an event's idempotency key.
 *
 * Flattened for memory: Node builds `randomUUID()`'s result from ~20 concatenated pieces, a rope
 * V8 keeps at ~490 bytes until something flattens it; a queued key then takes ~60 bytes. The
 * match is checked (it always holds) so that no bundler drops the call as side-effect free; a
 * full UUID pattern here cost buffer() about 15 % of its time.
 */
export function randomKey(): string {
  const key = crypto.randomUUID()
  if (!FLATTEN.test(key)) throw new Error(`crypto.randomUUID() returned ${JSON.stringify(key)}`)
  return key
}
