import type { EmulatorContext, RouteRequest } from './EmulatorContext.js'
import type { EmulatorFault, EmulatorFaults, EmulatorRoute } from './EmulatorFaults.js'
import { EmulatorNetworkError } from './EmulatorNetworkError.js'
import { corsHeaders, preflightHeaders, readApiKey } from './emulatorHeaders.js'
import { type EmulatorReply, jsonReply, namedError, notFoundReply } from './emulatorReply.js'
import type { FixedWindowRateLimiter } from './FixedWindowRateLimiter.js'
import { handleIngest } from './handleIngest.js'
import { handleProjection } from './handleProjection.js'
import { handleUsageCurrent } from './handleUsageCurrent.js'
import { handleUsageHistory } from './handleUsageHistory.js'
import { readJsonBody } from './readJsonBody.js'
import type { TenantRateLimiter } from './TenantRateLimiter.js'

export interface RequestPipeline {
  context: EmulatorContext
  basePath: string
  /** The tenant of an API key, `undefined` for an unknown key; the pipeline itself absent when auth is off. */
  authenticate: ((apiKey: string) => string | undefined) | undefined
  faults: EmulatorFaults
  /** Times the rate-limit windows. */
  clock: () => number
  rateLimiter: FixedWindowRateLimiter | undefined
  tenantRateLimiter: TenantRateLimiter | undefined
  /** Origins allowed by CORS; `undefined` leaves it to the profile. */
  corsOrigins: readonly string[] | undefined
  nextRequestId: () => string
  countRequest: (route: EmulatorRoute | 'notFound') => void
}

interface RouteDefinition {
  name: EmulatorRoute
  /** Whether the route reads a JSON body. */
  hasBody: boolean
  /** `/health` is public, like on the real server. */
  public: boolean
  handle: (request: RouteRequest, context: EmulatorContext) => EmulatorReply
}

const routes: Record<string, RouteDefinition> = {
  'POST /v1/events/ingest': { name: 'ingest', hasBody: true, public: false, handle: handleIngest },
  'GET /v1/usage/current': {
    name: 'usage',
    hasBody: false,
    public: false,
    handle: handleUsageCurrent,
  },
  'POST /v1/usage/projection': {
    name: 'projection',
    hasBody: true,
    public: false,
    handle: handleProjection,
  },
  'GET /v1/usage/history': {
    name: 'history',
    hasBody: false,
    public: false,
    handle: handleUsageHistory,
  },
  'GET /health': {
    name: 'health',
    hasBody: false,
    public: true,
    handle: (_request, context) => jsonReply(200, context.profile.health(context.now())),
  },
}

/** The request pipeline: CORS, rate limit, faults, auth, body, route — then the common headers. */
export async function handleEmulatorRequest(request: Request, pipeline: RequestPipeline) {
  const { profile } = pipeline.context
  const incomingRequestId = request.headers.get('x-request-id') || undefined
  // The real server only echoes an incoming id in the ingest body, and sends no header at all.
  const requestId = profile.sendsRequestId
    ? (incomingRequestId ?? pipeline.nextRequestId())
    : incomingRequestId
  const headers: Record<string, string> = {}
  if (profile.sendsRequestId && requestId !== undefined) headers['x-request-id'] = requestId

  const origin = request.headers.get('origin')
  const corsApplies =
    pipeline.corsOrigins === undefined
      ? profile.corsForAnyOrigin
      : origin !== null && pipeline.corsOrigins.includes(origin)
  if (request.method === 'OPTIONS' && corsApplies) {
    return new Response(null, {
      status: 204,
      headers: { ...preflightHeaders(request), ...headers },
    })
  }
  if (corsApplies) Object.assign(headers, corsHeaders(request))

  const url = new URL(request.url)
  const pathname = stripBasePath(url.pathname, pipeline.basePath)
  const route = routes[`${request.method} ${pathname}`]
  pipeline.countRequest(route?.name ?? 'notFound')

  if (pipeline.rateLimiter) {
    const decision = pipeline.rateLimiter.check(pipeline.clock())
    headers['x-ratelimit-limit'] = String(decision.limit)
    headers['x-ratelimit-remaining'] = String(decision.remaining)
    headers['x-ratelimit-reset'] = String(decision.resetSeconds)
    if (!decision.allowed) {
      headers['retry-after'] = String(decision.resetSeconds)
      return toResponse(namedError(429, 'Rate limit exceeded. Please try again later.'), headers)
    }
  }

  const fault = pipeline.faults.take(route?.name)
  if (fault?.delayMs) await sleep(fault.delayMs)
  if (fault?.kind === 'reset') throw new EmulatorNetworkError(false)
  if (fault?.kind === 'status') return toResponse(injectedStatus(fault), headers)

  const reply = await serveRoute(route, request, url, requestId, pipeline).catch(internalError)
  if (fault?.kind === 'commitThenFail') {
    if (fault.reset) throw new EmulatorNetworkError(true)
    return toResponse(namedError(fault.status ?? 503, 'Service temporarily unavailable'), headers)
  }
  return toResponse(reply, headers)
}

async function serveRoute(
  route: RouteDefinition | undefined,
  request: Request,
  url: URL,
  requestId: string | undefined,
  pipeline: RequestPipeline,
): Promise<EmulatorReply> {
  const { profile } = pipeline.context
  let keyTenantId: string | undefined
  const needsKey = route === undefined ? profile.authenticatesUnknownRoutes : !route.public
  if (needsKey && pipeline.authenticate) {
    const apiKey = readApiKey(request.headers)
    if (apiKey === undefined) return jsonReply(401, { error: 'Missing API key' })
    if (!apiKey.includes('.')) return jsonReply(401, { error: 'Invalid API key format' })
    keyTenantId = pipeline.authenticate(apiKey)
    if (keyTenantId === undefined) return jsonReply(401, { error: 'Invalid API key' })
  }
  if (route === undefined) return notFoundReply(request.method, url.pathname)
  // Without auth every request counts against one shared tenant.
  if (
    !route.public &&
    pipeline.tenantRateLimiter &&
    !pipeline.tenantRateLimiter.allow(keyTenantId ?? '', pipeline.clock())
  ) {
    return jsonReply(429, { error: 'Rate limit exceeded' })
  }
  let body: unknown
  if (route.hasBody) {
    const read = await readJsonBody(request, profile)
    if (!read.ok) return read.reply
    body = read.body
  }
  return route.handle(
    { url, headers: request.headers, body, requestId, keyTenantId },
    pipeline.context,
  )
}

/** A bug in the emulator still answers like the server would. */
function internalError(error: unknown): EmulatorReply {
  return namedError(500, error instanceof Error ? error.message : String(error))
}

function injectedStatus(fault: Extract<EmulatorFault, { kind: 'status' }>): EmulatorReply {
  const reply =
    fault.body === undefined
      ? namedError(fault.status, 'Injected fault')
      : jsonReply(fault.status, fault.body)
  if (fault.headers) reply.headers = fault.headers
  return reply
}

function toResponse(reply: EmulatorReply, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers, ...reply.headers },
  })
}

function stripBasePath(pathname: string, basePath: string): string {
  if (basePath && pathname.startsWith(basePath)) return pathname.slice(basePath.length) || '/'
  return pathname
}

function sleep(delayMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, delayMs))
}
