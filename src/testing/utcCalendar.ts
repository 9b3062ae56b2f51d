/** UTC calendar arithmetic: the server's periods are calendar months in UTC, dates `YYYY-MM-DD`. */
export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000

export function startOfUtcDay(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS
}

export function startOfUtcMonth(timeMs: number): number {
  const date = new Date(timeMs)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
}

/** The first instant of the month after the one holding `timeMs`. */
export function startOfNextUtcMonth(timeMs: number): number {
  const date = new Date(timeMs)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}

/** `YYYY-MM-DD` of the UTC day holding `timeMs`. */
export function formatUtcDate(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10)
}

/** The current month as the server reports it: first and last day, both inclusive. */
export function utcMonthPeriod(timeMs: number): { start: string; end: string } {
  return {
    start: formatUtcDate(startOfUtcMonth(timeMs)),
    end: formatUtcDate(startOfNextUtcMonth(timeMs) - DAY_MS),
  }
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/

/** Parses a strict `YYYY-MM-DD` (a real calendar day) to its UTC midnight, else `undefined`. */
export function parseUtcDate(text: string): number | undefined {
  const match = datePattern.exec(text)
  if (!match) return undefined
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  const timeMs = Date.UTC(year, month - 1, day)
  return formatUtcDate(timeMs) === text ? timeMs : undefined
}

/** ISO-8601 date-time with a time part and a zone (`Z` or `±HH:MM`), like zod's `datetime({ offset: true })`. */
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** Parses a full ISO date-time to epoch milliseconds, else `undefined` (bare dates are refused). */
export function parseIsoDateTime(text: string): number | undefined {
  if (!dateTimePattern.test(text)) return undefined
  const timeMs = Date.parse(text)
  return Number.isNaN(timeMs) ? undefined : timeMs
}
