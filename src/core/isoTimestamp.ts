let cachedMs = Number.NaN
let cachedIso = ''

/**
 * `new Date(ms).toISOString()`, reusing the string while the millisecond is the same: buffering
 * a burst then costs one formatting per millisecond and the queued events share one string.
 */
export function isoTimestamp(ms: number): string {
  if (ms !== cachedMs) {
    cachedMs = ms
    cachedIso = new Date(ms).toISOString()
  }
  return cachedIso
}
