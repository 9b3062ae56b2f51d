/** Where a metric stands against its limit: `unlimited` when it has none (the real server today). */
export type QuotaLevel = 'ok' | 'near' | 'over' | 'unlimited'

export interface QuotaStatus {
  level: QuotaLevel
  used: number
  /** `null` when the metric has no limit. */
  limit: number | null
  /** What is left before the limit, never below 0; `null` without a limit. */
  remaining: number | null
  /** `used ÷ limit × 100`, above 100 once over; `null` without a limit. */
  percent: number | null
}

/** The share of the limit from which a quota is `near`. */
export const defaultNearPercent = 80

/**
 * A metric's quota: `over` once `used` reaches the limit (nothing is left), `near` from
 * `nearPercent` of it, `ok` below, `unlimited` without a limit. Pure.
 */
export function quotaStatus(
  used: number,
  limit: number | undefined,
  nearPercent = defaultNearPercent,
): QuotaStatus {
  if (limit === undefined) {
    return { level: 'unlimited', used, limit: null, remaining: null, percent: null }
  }
  const percent = limit > 0 ? (used / limit) * 100 : Number.POSITIVE_INFINITY
  const level = used >= limit ? 'over' : percent >= nearPercent ? 'near' : 'ok'
  return { level, used, limit, remaining: Math.max(0, limit - used), percent }
}

/** Whether `quantity` more still fits: `used + quantity ≤ limit`, always without a limit. */
export function quotaAllows(quota: Pick<QuotaStatus, 'used' | 'limit'>, quantity: number): boolean {
  return quota.limit === null || quota.used + quantity <= quota.limit
}
