import type { MetricUsage, UsageAlert, UsageResponse } from '../core/types.js'
import { type EmulatorContext, orderMetrics, type RouteRequest } from './EmulatorContext.js'
import { checkTenantId, jsonReply, requestShapeError } from './emulatorReply.js'
import { aggregateValue } from './MetricAggregate.js'
import { unknownMetricUnit } from './metricCatalog.js'
import { startOfNextUtcMonth, startOfUtcMonth, utcMonthPeriod } from './utcCalendar.js'

/** Alert thresholds, as fractions of a metric's limit. */
const WARNING_RATIO = 0.8
const CRITICAL_RATIO = 1

/** `GET /v1/usage/current?tenantId=…&customerRef=…` */
export function handleUsageCurrent(request: RouteRequest, context: EmulatorContext) {
  const tenantId = request.url.searchParams.get('tenantId')
  const customerRef = request.url.searchParams.get('customerRef')
  if (!tenantId) return requestShapeError("querystring must have required property 'tenantId'")
  if (!customerRef) {
    return requestShapeError("querystring must have required property 'customerRef'")
  }
  const refusal = checkTenantId(tenantId, request.keyTenantId, context.profile)
  if (refusal) return refusal

  const body = context.cache.getOrCompute(`current:${tenantId}:${customerRef}`, () => {
    context.store.settle()
    return currentUsage(tenantId, customerRef, context)
  })
  return jsonReply(200, body)
}

function currentUsage(tenantId: string, customerRef: string, context: EmulatorContext) {
  const nowMs = context.now().getTime()
  const monthStartMs = startOfUtcMonth(nowMs)
  const nextMonthStartMs = startOfNextUtcMonth(nowMs)
  const metrics: MetricUsage[] = []
  const alerts: UsageAlert[] = []
  const names = orderMetrics(
    context.store.usage.metricNames(tenantId, customerRef),
    context.catalog,
  )
  for (const name of names) {
    const aggregate = context.store.usage.aggregateRange(
      tenantId,
      customerRef,
      name,
      monthStartMs,
      nextMonthStartMs,
    )
    if (aggregate.count === 0) continue
    const definition = context.catalog.get(name)
    const current = aggregateValue(aggregate, definition?.aggregation ?? 'sum')
    const usage: MetricUsage = { name, current, unit: definition?.unit ?? unknownMetricUnit }
    if (definition?.limit !== undefined) {
      usage.limit = definition.limit
      const alert = limitAlert(definition.label, current, definition.limit)
      if (alert) alerts.push(alert)
    }
    metrics.push(usage)
  }
  const response: UsageResponse = { customerRef, period: utcMonthPeriod(nowMs), metrics, alerts }
  return response
}

function limitAlert(label: string, current: number, limit: number): UsageAlert | undefined {
  // A zero limit (a plan without this metric) is exceeded by any usage.
  const ratio = limit > 0 ? current / limit : Number.POSITIVE_INFINITY
  const percent = Math.floor(ratio * 100)
  if (ratio >= CRITICAL_RATIO) {
    const message =
      ratio === CRITICAL_RATIO
        ? `${label} usage has reached 100% of your limit`
        : limit > 0
          ? `${label} usage has exceeded your limit (${percent}%)`
          : `${label} usage has exceeded your limit`
    return { type: 'threshold', message, severity: 'critical' }
  }
  if (ratio >= WARNING_RATIO) {
    return {
      type: 'threshold',
      message: `${label} usage is at ${percent}% of your limit`,
      severity: 'warning',
    }
  }
  return undefined
}
