import { createClient, type StripeMeterClient } from '../../src/index.js'

/** What the worker needs to reach StripeMeter: bindings in Workers, `process.env` on Vercel. */
export interface StripeMeterEnv {
  STRIPEMETER_URL: string
  STRIPEMETER_TENANT: string
  STRIPEMETER_KEY: string
}

/** A request to the worker: record `count` events for one customer. */
export interface TrackRequest {
  customerRef: string
  count: number
}

// One client per isolate, kept across requests: a request's events ride along with the next
// request's flush when `waitUntil` was cut short, and no client is built per request.
let client: StripeMeterClient | undefined

/**
 * The pattern the docs recommend for edge runtimes: buffer while handling the request, answer
 * at once, and hand `client.flush()` to `waitUntil` so the runtime keeps the isolate alive until
 * every event is counted. No flush timer: timers do not run once the response is sent.
 */
export async function trackUsage(
  request: Request,
  env: StripeMeterEnv,
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<Response> {
  client ??= createClient({
    apiUrl: env.STRIPEMETER_URL,
    tenantId: env.STRIPEMETER_TENANT,
    apiKey: env.STRIPEMETER_KEY,
    flushInterval: 0,
  })
  const { customerRef, count } = (await request.json()) as TrackRequest
  const keys: string[] = []
  for (let index = 0; index < count; index++) {
    const event = client.buffer({ metric: 'api_calls', customerRef, quantity: 1 })
    keys.push(event.idempotencyKey as string)
  }
  waitUntil(client.flush())
  return Response.json({ keys, runtime: runtimeName() })
}

declare const EdgeRuntime: string | undefined

/** Which runtime answered, so the test knows the worker did not run in plain Node. */
function runtimeName(): string {
  if (typeof EdgeRuntime === 'string') return `edge-runtime (${EdgeRuntime})`
  return typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent
}
