/**
 * Whether dev-time warnings are on: everywhere but a production build (bundlers replace
 * `process.env.NODE_ENV`; where nothing defines `process`, it counts as development).
 */
function isDevelopment(): boolean {
  return typeof process === 'undefined' || process.env.NODE_ENV !== 'production'
}

/** Warns with the `[stripemeter]` prefix in development; `warned` keeps each topic to once. */
export function warnOnce(warned: Set<string>, topic: string, message: string): void {
  if (warned.has(topic) || !isDevelopment()) return
  warned.add(topic)
  console.warn(`[stripemeter] ${message}`)
}
