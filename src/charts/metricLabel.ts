/** Abbreviations shown in capitals when a metric name is turned into words. */
const ACRONYMS = new Set(['api', 'ai', 'gb', 'mb', 'tb', 'kb', 'cpu', 'gpu', 'sms', 'url', 'id'])
/** Time units that follow a size to make a rate unit: `gb_s` → `GB-s`, `gb_h` → `GB-h`. */
const PER_TIME = new Set(['s', 'h'])

/**
 * `api_calls` → `API calls`, `storage_gb` → `Storage GB`, `functions_gb_s` → `Functions GB-s`:
 * a readable default for metric names (an app names its own with `metricLabels`).
 */
export function metricLabel(name: string): string {
  const words = name.split(/[_\-.\s]+/).filter(Boolean)
  if (words.length === 0) return name
  const shown: string[] = []
  for (const [index, word] of words.entries()) {
    const lower = word.toLowerCase()
    const previous = words[index - 1]?.toLowerCase()
    if (PER_TIME.has(lower) && previous !== undefined && ACRONYMS.has(previous)) {
      shown[shown.length - 1] += `-${lower}`
    } else if (ACRONYMS.has(lower)) {
      shown.push(lower.toUpperCase())
    } else {
      shown.push(index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower)
    }
  }
  return shown.join(' ')
}
