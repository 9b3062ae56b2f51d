/** Abbreviations shown in capitals when a metric name is turned into words. */
const ACRONYMS = new Set(['api', 'ai', 'gb', 'mb', 'tb', 'kb', 'cpu', 'gpu', 'sms', 'url', 'id'])

/** `api_calls` → `API calls`, `storage_gb` → `Storage GB`: a readable default for metric names. */
export function metricLabel(name: string): string {
  const words = name.split(/[_\-.\s]+/).filter(Boolean)
  if (words.length === 0) return name
  return words
    .map((word, index) => {
      const lower = word.toLowerCase()
      if (ACRONYMS.has(lower)) return lower.toUpperCase()
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower
    })
    .join(' ')
}
