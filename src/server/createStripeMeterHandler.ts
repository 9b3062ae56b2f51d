import { MAX_CUSTOMER_REF_CHARS, MAX_EVENTS_PER_REQUEST } from '../core/apiLimits.js'
import { validationError } from '../core/validationError.js'
import { EventRateLimiter, type RateDecision } from './EventRateLimiter.js'
import { errorResponse, notFoundResponse } from './errorResponse.js'
import { type ApiConnection, forwardToApi } from './forwardToApi.js'
import { handleBudgetRequest } from './handleBudgetRequest.js'
import { acceptsMethod, allowedMethods, matchRoute } from './matchRoute.js'
import { readJsonBody } from './readJsonBody.js'
import {
  type StripeMeterHandlerOptions,
  validateHandlerOptions,
} from './StripeMeterHandlerOptions.js'
import {
  type CustomerScope,
  type IngestPolicy,
  scopeIngestBody,
  scopeProjectionBody,
  scopeQuery,
} from './scopeToCustomer.js'

/** A standard Fetch handler: Next.js route handlers, Hono, Remix, Bun, Deno, or Node via `toNodeHandler`. */
export type StripeMeterHandler = (request: Request) => Promise<Response>

const defaultTimeoutMs = 10_000
/** A browser-chosen request id is echoed only when it is plainly an id. */
const requestIdPattern = /^[\w.:-]{1,128}$/

/**
 * The app's own `/api/stripemeter/*` route: it lets a browser use the StripeMeter client and
 * widgets for the signed-in customer only, and keeps the secret API key on the server.
 *
 * It forwards the four routes a browser needs (ingest, usage/current, projection, history),
 * matched on the path's tail so it can be mounted under any prefix, and forces `tenantId` and
 * `customerRef` to the customer `identify` returns on every read and every event. With a
 * `budgets` store it also serves the customer's own budget (`/v1/budget`) from that store. An error
 * thrown by `identify` is not caught: the hosting framework reports it like any other.
 */
export function createStripeMeterHandler(options: StripeMeterHandlerOptions): StripeMeterHandler {
  const apiUrl = validateHandlerOptions(options)
  const { identify, tenantId, allowMetrics, limits = {}, budgets } = options
  const api: ApiConnection = {
    apiUrl,
    apiKey: options.apiKey,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeout ?? defaultTimeoutMs,
  }
  const policy: IngestPolicy = {
    // A batch larger than the per-minute cap could never pass, so it is refused as too large.
    maxEventsPerRequest: Math.min(
      limits.eventsPerRequest ?? MAX_EVENTS_PER_REQUEST,
      limits.eventsPerMinute ?? MAX_EVENTS_PER_REQUEST,
    ),
    allowedMetrics: allowMetrics === undefined ? undefined : new Set(allowMetrics),
  }
  const limiter =
    limits.eventsPerMinute === undefined ? undefined : new EventRateLimiter(limits.eventsPerMinute)

  return async function handleStripeMeterRequest(request) {
    const url = new URL(request.url)
    const method = request.method.toUpperCase()
    const browserRequestId = request.headers.get('x-request-id') ?? ''
    const requestId = requestIdPattern.test(browserRequestId)
      ? browserRequestId
      : crypto.randomUUID()

    const route = matchRoute(url.pathname, budgets !== undefined)
    if (route === undefined) return notFoundResponse(method, url.pathname, requestId)
    if (method === 'OPTIONS') {
      const headers = { allow: allowedMethods(route), 'x-request-id': requestId }
      return new Response(null, { status: 204, headers })
    }
    if (!acceptsMethod(route, method)) return notFoundResponse(method, url.pathname, requestId)

    const customerRef = await identify(request)
    if (customerRef === null || customerRef === undefined) {
      const message = 'No signed-in customer: sign in to see or record usage'
      return errorResponse(401, message, requestId)
    }
    const scope: CustomerScope = { tenantId, customerRef: checkedCustomerRef(customerRef) }
    const call = {
      path: route.path,
      requestId,
      signal: request.signal,
      omitBody: method === 'HEAD',
    }

    if (route.name === 'budget' && budgets !== undefined) {
      const budgetMethod = method as 'GET' | 'HEAD' | 'POST'
      return handleBudgetRequest(budgets, api, { method: budgetMethod, request, scope, requestId })
    }
    if (method === 'GET' || method === 'HEAD') {
      return forwardToApi(api, { ...call, method: 'GET', query: scopeQuery(url, scope) })
    }
    const body = await readJsonBody(request)
    if (!body.ok) return errorResponse(body.status, body.message, requestId)
    if (route.name === 'projection') {
      const scoped = scopeProjectionBody(body.value, scope, requestId)
      if (scoped instanceof Response) return scoped
      return forwardToApi(api, { ...call, method: 'POST', body: scoped })
    }

    const scoped = scopeIngestBody(body.value, scope, policy, requestId)
    if (scoped instanceof Response) return scoped
    const eventCount = scoped.events.length
    if (limiter !== undefined) {
      const decision = limiter.take(scope.customerRef, eventCount, Date.now())
      if (!decision.allowed) return tooManyEvents(limiter.eventsPerMinute, decision, requestId)
    }
    const response = await forwardToApi(api, { ...call, method: 'POST', body: scoped })
    // No answer or a server error: nothing was counted and the client will send these again.
    if (limiter !== undefined && response.status >= 499) {
      limiter.refund(scope.customerRef, eventCount, Date.now())
    }
    return response
  }
}

/** The 429 of the per-minute cap, with the headers the client's backoff reads. */
function tooManyEvents(
  eventsPerMinute: number,
  decision: Extract<RateDecision, { allowed: false }>,
  requestId: string,
): Response {
  const retryAfter = String(decision.retryAfterSeconds)
  const message = `Too many events: this customer may send ${eventsPerMinute} per minute; retry in ${retryAfter} s`
  const headers = {
    'retry-after': retryAfter,
    'x-ratelimit-limit': String(eventsPerMinute),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': retryAfter,
  }
  return errorResponse(429, message, requestId, { headers })
}

/** `identify` is app code; a wrong return value is a bug to report loudly, not a 401. */
function checkedCustomerRef(customerRef: unknown): string {
  if (
    typeof customerRef === 'string' &&
    customerRef.length > 0 &&
    customerRef.length <= MAX_CUSTOMER_REF_CHARS
  ) {
    return customerRef
  }
  throw validationError(
    'identify() result',
    `must be a customerRef of 1–${MAX_CUSTOMER_REF_CHARS} characters, or null when nobody is signed in`,
    customerRef,
  )
}
