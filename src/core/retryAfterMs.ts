/**
 * The wait a `Retry-After` header asks for, in ms: delay-seconds (`60`) or an HTTP date.
 * `undefined` when absent or unreadable (StripeMeter's per-tenant 429 sends none).
 */
export function retryAfterMs(headers: Headers, nowMs = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  // An HTTP date has a weekday and a month name; `Date.parse` would read "-5" as a year.
  if (!/[a-z]/i.test(value)) return undefined
  const atMs = Date.parse(value)
  return Number.isNaN(atMs) ? undefined : Math.max(0, atMs - nowMs)
}
