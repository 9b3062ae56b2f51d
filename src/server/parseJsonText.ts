/**
 * Deeper than this, a parsed body is refused. `JSON.parse` copes with any depth, but the
 * recursive walks after it (`JSON.stringify`, validation) overflow the stack near a few
 * thousand levels, and a usage event never needs more than a handful.
 */
export const MAX_JSON_DEPTH = 64

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: Error }

/** `JSON.parse`, plus a refusal of values nested deeper than `MAX_JSON_DEPTH`, as an error to report, never thrown. */
export function parseJsonText(text: string): ParsedJson {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new SyntaxError(String(error)) }
  }
  if (jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return {
      ok: false,
      error: new RangeError(`JSON is nested deeper than ${MAX_JSON_DEPTH} levels`),
    }
  }
  return { ok: true, value }
}

/** The nesting depth of a parsed JSON value, counted without recursion and stopping past `limit`. */
function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0
  const pending: [unknown, number][] = [[value, 0]]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next
    if (typeof item !== 'object' || item === null) continue
    if (depth + 1 > deepest) deepest = depth + 1
    if (deepest > limit) return deepest
    for (const child of Object.values(item)) pending.push([child, depth + 1])
  }
  return deepest
}
