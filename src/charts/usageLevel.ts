/** Where a metric stands against its limit. `none`: it has no limit, so no level applies. */
export type UsageLevel = 'none' | 'ok' | 'warning' | 'critical' | 'over'

/** Warning from 80 % of the limit. */
export const WARNING_RATIO = 0.8

/** The level of `current` against `limit`: warning from 80 %, critical at 100 %, over beyond. */
export function usageLevel(current: number, limit: number | undefined): UsageLevel {
  if (limit === undefined) return 'none'
  if (limit <= 0) return current > 0 ? 'over' : 'critical'
  const ratio = current / limit
  if (ratio > 1) return 'over'
  if (ratio >= 1) return 'critical'
  if (ratio >= WARNING_RATIO) return 'warning'
  return 'ok'
}

/** Words for each level, so nothing is told by colour alone. */
export const usageLevelLabels: Record<UsageLevel, string> = {
  none: 'No limit',
  ok: 'Within limit',
  warning: 'Near limit',
  critical: 'At limit',
  over: 'Over limit',
}
