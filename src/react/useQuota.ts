import { useCallback, useMemo } from 'react'
import { forecastUsage, type LimitForecast } from '../core/forecastUsage.js'
import { defaultNearPercent, type QuotaLevel, quotaStatus } from '../core/quotaStatus.js'
import type { StripeMeterError } from '../core/StripeMeterError.js'
import type { UsagePeriod } from '../core/types.js'
import { periodHistoryRange } from '../core/utcPeriod.js'
import type { LiveMetricUsage, LiveUsageResponse } from './liveUsage.js'
import { useUsage } from './useUsage.js'
import { useUsageHistory } from './useUsageHistory.js'

export interface UseQuotaOptions {
  /**
   * The percentage of the limit from which the status is `near`.
   * @default 80
   */
  nearThreshold?: number
  /**
   * Forecast when the limit will be reached (`reachesLimit`) from this period's daily history:
   * one more request, made only for a metric with a limit.
   * @default true
   */
  forecast?: boolean
  /** Set `false` to fetch nothing. @default true */
  enabled?: boolean
}

export interface UseQuotaResult {
  /** `loading` until the first usage answer; then the quota's level. */
  status: 'loading' | QuotaLevel
  /** The live figure: the server's total plus the events tracked here it does not show yet. */
  used: number
  /** `null` without a limit (the real server sends none today) and while loading. */
  limit: number | null
  remaining: number | null
  percent: number | null
  /** The metric's unit, once known. */
  unit: string | undefined
  /** When the limit will be reached at this pace (see `forecastUsage`); `null` when unknown. */
  reachesLimit: LimitForecast | null
  /** When the usage was last read from the server (epoch ms), 0 before. */
  dataUpdatedAt: number
  error: StripeMeterError | null
}

interface MetricOfPeriod {
  metric: LiveMetricUsage | undefined
  period: UsagePeriod
}

/**
 * One metric's quota for a customer, live: `used` moves the moment an event is tracked through
 * this provider (never counted twice once the server catches up), so a gate can close on the
 * click that crosses the limit rather than after the next read. SSR-safe: on the server, and
 * until the first answer, the status is `loading`.
 */
export function useQuota(
  customerRef: string,
  metric: string,
  options: UseQuotaOptions = {},
): UseQuotaResult {
  const { nearThreshold = defaultNearPercent, forecast = true, enabled = true } = options
  const select = useCallback(
    (data: LiveUsageResponse): MetricOfPeriod => ({
      metric: data.metrics.find((candidate) => candidate.name === metric),
      period: data.period,
    }),
    [metric],
  )
  const usage = useUsage(customerRef, { enabled, select })
  const live = usage.data?.metric
  const period = usage.data?.period
  const limit = live?.limit
  const history = useUsageHistory(customerRef, {
    metric,
    period: period && periodHistoryRange(period.start, period.end),
    enabled: enabled && forecast && limit !== undefined,
  })
  const used = live?.current ?? 0
  const points = history.data?.usage
  const nowMs = usage.dataUpdatedAt
  const periodStart = period?.start
  const periodEnd = period?.end
  const reachesLimit = useMemo(() => {
    if (points === undefined || periodStart === undefined || periodEnd === undefined) return null
    // A limit of 0 leaves nothing to forecast (forecastUsage refuses it).
    if (limit === undefined || !(limit > 0)) return null
    const options = { period: { start: periodStart, end: periodEnd }, limit, used }
    return forecastUsage(points, { ...options, now: new Date(nowMs) }).reachesLimit
  }, [points, periodStart, periodEnd, limit, used, nowMs])

  const quota = quotaStatus(used, limit, nearThreshold)
  const loaded = usage.data !== undefined
  return {
    status: loaded ? quota.level : 'loading',
    used,
    limit: quota.limit,
    remaining: quota.remaining,
    percent: quota.percent,
    unit: live?.unit,
    reachesLimit,
    dataUpdatedAt: usage.dataUpdatedAt,
    error: usage.error,
  }
}
