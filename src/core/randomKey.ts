import { UUID_PATTERN } from './apiLimits.js'

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
  if (!UUID_PATTERN.test(key))
    throw new Error(`crypto.randomUUID() returned ${JSON.stringify(key)}`)
  return key
}
