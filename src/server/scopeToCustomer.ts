import type { IngestIssue } from '../core/types.js'
import { errorResponse, ingestRefusal } from './errorResponse.js'

/** Whose usage a request may touch: the app's tenant and the customer `identify` returned. */
export interface CustomerScope {
  tenantId: string
  customerRef: string
}

/** What a browser may put in one ingest batch, beyond the identity fields. */
export interface IngestPolicy {
  maxEventsPerRequest: number
  /** `undefined` allows every metric. */
  allowedMetrics: ReadonlySet<string> | undefined
}

/**
 * The query of a read, with `tenantId` and `customerRef` forced to the scope. `set` replaces
 * every copy of a parameter, so `?customerRef=a&customerRef=b` cannot smuggle a second one.
 */
export function scopeQuery(url: URL, scope: CustomerScope): URLSearchParams {
  const query = new URLSearchParams(url.searchParams)
  query.set('tenantId', scope.tenantId)
  query.set('customerRef', scope.customerRef)
  return query
}

/** The projection body with its identity forced; the period and anything else pass through. */
export function scopeProjectionBody(
  body: unknown,
  scope: CustomerScope,
  requestId: string,
): Record<string, unknown> | Response {
  if (!isPlainObject(body)) {
    return errorResponse(
      400,
      `Projection body must be a JSON object, got ${describe(body)}`,
      requestId,
    )
  }
  return { ...body, tenantId: scope.tenantId, customerRef: scope.customerRef }
}

/**
 * The ingest body with every event scoped to the customer. `tenantId` is overwritten silently
 * (the browser client sets the app's public tenant anyway) and a missing `customerRef` filled
 * in. An event naming another customer is refused, never re-attributed: it may be one buffered
 * before a different user signed in on this browser, and billing it to the new one would be
 * wrong. The refusal is the ingest route's own 400 naming the event, which the client settles
 * by isolating that event and reporting it, so the rest of the batch is still counted. (A 403
 * would read as bad credentials, and the client would keep retrying the batch.)
 */
export function scopeIngestBody(
  body: unknown,
  scope: CustomerScope,
  policy: IngestPolicy,
  requestId: string,
): { events: Record<string, unknown>[] } | Response {
  if (!isPlainObject(body) || !Array.isArray(body.events)) {
    return ingestRefusal(
      [{ index: -1, error: `Body must be {"events":[…]}, got ${describe(body)}` }],
      requestId,
    )
  }
  const events: unknown[] = body.events
  if (events.length === 0) {
    return ingestRefusal([{ index: -1, error: 'Batch is empty: send 1 or more events' }], requestId)
  }
  if (events.length > policy.maxEventsPerRequest) {
    // The server's own wording for an oversized batch, which the client already knows to split.
    const error = `Batch too large: ${events.length} > ${policy.maxEventsPerRequest}`
    return ingestRefusal([{ index: -1, error }], requestId)
  }

  const issues: IngestIssue[] = []
  const scopedEvents: Record<string, unknown>[] = []
  for (const [index, event] of events.entries()) {
    if (!isPlainObject(event)) {
      issues.push({ index, error: `Event ${index} must be a JSON object, got ${describe(event)}` })
      continue
    }
    const { customerRef, metric } = event
    if (customerRef !== undefined && customerRef !== scope.customerRef) {
      issues.push({
        index,
        error: `Event ${index} is for customerRef ${JSON.stringify(customerRef)}, but this session may only record usage for its own customer`,
      })
      continue
    }
    if (policy.allowedMetrics !== undefined && !policy.allowedMetrics.has(metric as string)) {
      const allowed = [...policy.allowedMetrics].join(', ') || 'none'
      issues.push({
        index,
        error: `Event ${index} has metric ${JSON.stringify(metric)}, which may not be tracked from the browser (allowed: ${allowed})`,
      })
      continue
    }
    scopedEvents.push({ ...event, tenantId: scope.tenantId, customerRef: scope.customerRef })
  }
  return issues.length > 0 ? ingestRefusal(issues, requestId) : { events: scopedEvents }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object without an "events" array'
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 80)
}
