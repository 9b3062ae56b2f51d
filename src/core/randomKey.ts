/** Any regular expression run over a string makes V8 flatten it first. */
const FLATTEN = /^/

/**
 * A random UUID (Web Crypto) as an event's idempotency key. Node builds `randomUUID()`'s result
 * from ~20 concatenated pieces, a rope V8 keeps at ~490 bytes until something flattens it;
 * flattening here keeps a queued event's key at ~60 bytes.
 */
export function randomKey(): string {
  const key = crypto.randomUUID()
  FLATTEN.test(key)
  return key
}
