import type { HistoryStep, UsageHistoryResponse } from '../core/types.js'
import type { EmulatorContext, RouteRequest } from './EmulatorContext.js'
import { checkTenantId, jsonReply } from './emulatorReply.js'
import { aggregateValue } from './MetricAggregate.js'
import { parseIsoDateTime } from './utcCalendar.js'
import { checkString, invalidEnumMessage } from './zodMessages.js'

const historySteps: readonly HistoryStep[] = ['day', 'month']

/** `GET /v1/usage/history`: day or month buckets of one metric, empty buckets omitted. */
export function handleUsageHistory(request: RouteRequest, context: EmulatorContext) {
  const query = request.url.searchParams
  const read = (name: string) => query.get(name) ?? undefined
  const messages: string[] = []
  const report = (message: string | undefined) => {
    if (message !== undefined) messages.push(message)
  }
  report(checkString(read('tenantId'), { min: 1 }))
  report(checkString(read('customerRef'), { min: 1 }))
  report(checkString(read('metric'), { min: 1 }))
  const periodStartMs = readDateTime(read('periodStart'), report)
  const periodEndMs = readDateTime(read('periodEnd'), report)
  const stepMode = context.profile.historyStepDefault
  // The real server defaults `step` to month, and reads a repeated one as an array.
  const step = read('step') ?? (stepMode === 'month' ? 'month' : undefined)
  if (stepMode === 'month' && query.getAll('step').length > 1) {
    report(`Expected ${historySteps.map((option) => `'${option}'`).join(' | ')}, received array`)
  } else if (step === undefined) report('Required')
  else if (!historySteps.includes(step as HistoryStep))
    report(invalidEnumMessage(historySteps, step))
  if (messages.length > 0 || periodStartMs === undefined || periodEndMs === undefined) {
    return jsonReply(400, { usage: [], errors: messages.map((error, index) => ({ index, error })) })
  }

  const tenantId = read('tenantId') as string
  const customerRef = read('customerRef') as string
  const metric = read('metric') as string
  const refusal = checkTenantId(tenantId, request.keyTenantId, context.profile)
  if (refusal) return refusal

  const cacheKey = `history:${request.url.search}`
  const body = context.cache.getOrCompute(cacheKey, () => {
    context.store.settle()
    const aggregation = context.catalog.get(metric)?.aggregation ?? 'sum'
    // periodEnd is inclusive: an event stamped exactly at periodEnd belongs to the range.
    const buckets = context.store.usage.buckets(
      tenantId,
      customerRef,
      metric,
      periodStartMs,
      periodEndMs + 1,
      step as HistoryStep,
    )
    const response: UsageHistoryResponse = {
      usage: buckets.map((bucket) => ({
        ts: new Date(bucket.startMs).toISOString(),
        value: aggregateValue(bucket.aggregate, aggregation),
      })),
    }
    return response
  })
  return jsonReply(200, body)
}

function readDateTime(value: string | undefined, report: (message: string | undefined) => void) {
  if (value === undefined) {
    report('Required')
    return undefined
  }
  const timeMs = parseIsoDateTime(value)
  if (timeMs === undefined) report('Invalid datetime')
  return timeMs
}
