import type { LimitForecast } from '../core/forecastUsage.js'
import type { WidgetText } from './useWidgetText.js'

/**
 * When this period's pace reaches the limit, in words: around the likely date; "could … by"
 * when only the forecast range's high end reaches it; "won't reach it" when even that ends
 * below. `undefined` without a forecast (no limit, zero usage, too little history) or once the
 * limit is reached: the meter already says so.
 */
export function limitDateText(
  reachesLimit: LimitForecast | null | undefined,
  current: number,
  limit: number | undefined,
  unit: string | undefined,
  { format, messages }: WidgetText,
): string | undefined {
  if (!reachesLimit || limit === undefined || current >= limit) return undefined
  const limitText = format.quantity(limit, unit)
  if (reachesLimit.likely !== null) {
    return messages.limitDateLikely(limitText, format.shortDate(reachesLimit.likely))
  }
  if (reachesLimit.earliest !== null) {
    return messages.limitDatePossible(limitText, format.shortDate(reachesLimit.earliest))
  }
  return messages.limitDateNotThisPeriod
}
