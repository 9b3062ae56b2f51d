import {
  createStripeMeterHandler,
  type StripeMeterHandler,
  type StripeMeterHandlerOptions,
} from '../../src/server/index.js'

/** A key shaped like the real ones (`<prefix>.<secret>`); no response may ever contain it. */
export const apiKey = 'smk_test.q7VnR2xW9sLpT4cYb8Kd'
export const secretPart = 'q7VnR2xW9sLpT4cYb8Kd'
export const tenantId = '3f6c1a52-8d4e-4b8a-9c1e-2f5d7a9b0c13'

/** The app's own sessions: the cookie a browser holds → the customer it is signed in as. */
export const sessions = new Map([
  ['sess-alice', 'cus_alice'],
  ['sess-bob', 'cus_bob'],
])

/** `identify` as an app writes it: from its own session cookie, asynchronously. */
export async function identifyFromCookie(request: Request): Promise<string | null> {
  const cookie = request.headers.get('cookie') ?? ''
  const token = /(?:^|;\s*)session=([^;]+)/.exec(cookie)?.[1]
  await Promise.resolve()
  return token === undefined ? null : (sessions.get(token) ?? null)
}

export function createTestHandler(
  apiUrl: string,
  options: Partial<StripeMeterHandlerOptions> = {},
): StripeMeterHandler {
  return createStripeMeterHandler({
    apiUrl,
    apiKey,
    tenantId,
    identify: identifyFromCookie,
    ...options,
  })
}

/** Every response text and header the tests saw, for the key-leak check. */
export const seenByBrowser: string[] = []

export interface BrowserCall {
  /** As the browser's session; `null` sends no cookie. @default 'sess-alice' */
  session?: string | null
  method?: string
  body?: unknown
  headers?: Record<string, string>
}

/** What a browser gets back from the app's `/api/stripemeter` route. */
export interface BrowserResponse {
  status: number
  headers: Headers
  text: string
  json: () => unknown
}

/** Calls the handler as the browser would through `/api/stripemeter/…`, and keeps what came back. */
export async function callAsBrowser(
  handler: StripeMeterHandler,
  path: string,
  { session = 'sess-alice', method = 'GET', body, headers = {} }: BrowserCall = {},
): Promise<BrowserResponse> {
  const requestHeaders = new Headers(headers)
  if (session !== null) requestHeaders.set('cookie', `session=${session}`)
  if (body !== undefined && !requestHeaders.has('content-type')) {
    requestHeaders.set('content-type', 'application/json')
  }
  const request = new Request(`http://app.test/api/stripemeter${path}`, {
    method,
    headers: requestHeaders,
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const response = await handler(request)
  const text = await response.text()
  response.headers.forEach((value, name) => {
    seenByBrowser.push(`${name}: ${value}`)
  })
  seenByBrowser.push(text)
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
}

/** An ingest body as the browser client sends it. */
export function eventsFor(
  customerRef: string,
  metrics: string[],
  extra: Record<string, unknown> = {},
) {
  return {
    events: metrics.map((metric, index) => ({
      tenantId,
      metric,
      customerRef,
      quantity: 1,
      ts: '2026-11-26T10:00:00.000Z',
      idempotencyKey: `evt_${customerRef}_${metric}_${index}`,
      ...extra,
    })),
  }
}
