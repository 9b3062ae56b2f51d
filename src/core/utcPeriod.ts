/**
 * Billing-period arithmetic. Periods are calendar months in UTC written as their first and
 * last day (`YYYY-MM-DD`), so a period ends at the start of the day after its last day.
 */

/** A UTC day; UTC has no daylight-saving days. */
export const DAY_MS = 86_400_000

/** Epoch ms of a day's start (midnight UTC); `NaN` for anything but a real `YYYY-MM-DD` date. */
export function utcDayStartMs(day: string): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`)
  // Date.parse rolls 2026-02-30 over to March; a real date prints back the same.
  return Number.isNaN(ms) || utcDay(ms) !== day ? Number.NaN : ms
}

/** Epoch ms of a `YYYY-MM-DD` (midnight UTC) or of an ISO date-time; `NaN` for anything else. */
export function utcMs(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN
  return value.length === 10 ? utcDayStartMs(value) : Date.parse(value)
}

/** Epoch ms at which a period whose last day is `lastDay` ends: the next day's start. */
export function periodEndMs(lastDay: string): number {
  return utcDayStartMs(lastDay) + DAY_MS
}

/** The UTC date (`YYYY-MM-DD`) of a moment. */
export function utcDay(ms: number | Date): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** Epoch ms of the start of the UTC month after the one `ms` falls in. */
export function nextUtcMonthStartMs(ms: number): number {
  const date = new Date(ms)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}

/**
 * The history query range covering a whole billing period (`YYYY-MM-DD` bounds): the server
 * wants full ISO date-times, from the first day's start to the last day's end.
 */
export function periodHistoryRange(
  periodStart: string,
  periodEnd: string,
): { periodStart: string; periodEnd: string } {
  return {
    periodStart: `${periodStart}T00:00:00.000Z`,
    periodEnd: `${periodEnd}T23:59:59.999Z`,
  }
}
