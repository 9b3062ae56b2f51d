import { currencyFractionDigits, roundToMinorUnit } from '../core/minorUnits.js'
import { priceUsage } from '../core/priceUsage.js'
import type { ProjectionLineItem, ProjectionResponse } from '../core/types.js'
import { type EmulatorContext, orderMetrics, type RouteRequest } from './EmulatorContext.js'
import { checkTenantId, jsonReply, requestShapeError } from './emulatorReply.js'
import { aggregateValue } from './MetricAggregate.js'
import {
  DAY_MS,
  formatUtcDate,
  parseUtcDate,
  startOfNextUtcMonth,
  startOfUtcMonth,
} from './utcCalendar.js'
import { isPlainObject } from './zodMessages.js'

/** `POST /v1/usage/projection`: the cost of the usage so far; reads the store directly (no cache). */
export function handleProjection(request: RouteRequest, context: EmulatorContext) {
  const body = isPlainObject(request.body) ? request.body : {}
  for (const field of ['tenantId', 'customerRef'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '') {
      return requestShapeError(`body must have required property '${field}'`)
    }
  }
  const tenantId = body.tenantId as string
  const customerRef = body.customerRef as string

  const nowMs = context.now().getTime()
  const period = {
    startMs: startOfUtcMonth(nowMs),
    endMs: startOfNextUtcMonth(nowMs) - DAY_MS,
  }
  for (const [field, key] of [
    ['periodStart', 'startMs'],
    ['periodEnd', 'endMs'],
  ] as const) {
    const value = body[field]
    if (value === undefined) continue
    const dayMs = typeof value === 'string' ? parseUtcDate(value) : undefined
    if (dayMs === undefined) {
      return requestShapeError(
        `Invalid ${field}: expected YYYY-MM-DD, received ${JSON.stringify(value)}`,
      )
    }
    period[key] = dayMs
  }
  const refusal = checkTenantId(tenantId, request.keyTenantId, context.profile)
  if (refusal) return refusal

  context.store.settle()
  const fractionDigits = currencyFractionDigits(context.currency)
  const lineItems: ProjectionLineItem[] = []
  const names = orderMetrics(
    context.store.usage.metricNames(tenantId, customerRef),
    context.catalog,
  )
  for (const metric of names) {
    const definition = context.catalog.get(metric)
    // A metric without an active price mapping gets no line item, as on the real server.
    if (!definition?.price) continue
    const aggregate = context.store.usage.aggregateRange(
      tenantId,
      customerRef,
      metric,
      period.startMs,
      period.endMs + DAY_MS,
    )
    if (aggregate.count === 0) continue
    const quantity = aggregateValue(aggregate, definition.aggregation)
    lineItems.push({ metric, quantity, ...priceUsage(quantity, definition.price, fractionDigits) })
  }
  const subtotal = roundToMinorUnit(
    lineItems.reduce((sum, item) => sum + item.total, 0),
    fractionDigits,
  )
  const credits = Math.min(context.credits.get(customerRef) ?? 0, subtotal)
  const lastUpdateMs =
    context.store.usage.lastUpdateMs(tenantId, customerRef) ?? context.startedAtMs
  const response: ProjectionResponse = {
    customerRef,
    periodStart: formatUtcDate(period.startMs),
    periodEnd: formatUtcDate(period.endMs),
    lineItems,
    subtotal,
    credits,
    total: roundToMinorUnit(subtotal - credits, fractionDigits),
    currency: context.currency,
    freshness:
      context.profile.freshness === 'exact'
        ? {
            lastUpdate: new Date(lastUpdateMs).toISOString(),
            staleness: Math.max(0, Math.floor((nowMs - lastUpdateMs) / 1000)),
          }
        : {
            lastUpdate: new Date(Math.floor(lastUpdateMs / 1000) * 1000).toISOString(),
            staleness: 0,
          },
  }
  return jsonReply(200, response)
}
