import { createStripeMeterHandler, type StripeMeterHandler } from 'stripemeter/server'
import { customerRefFromRequest } from '@/lib/session'

/**
 * The browser's only way to StripeMeter. The secret key stays here; every read and every
 * event is forced to the customer of the session cookie, so a page cannot read or record
 * another customer's usage by changing a parameter.
 *
 * Browser                       This route                          StripeMeter API
 * /api/stripemeter/v1/…  ──▶  identify() + key + scoping  ──▶  https://api.stripemeter.io/v1/…
 */
let handler: StripeMeterHandler | undefined

/** Made on the first request rather than at import: `next build` imports this file without the secrets. */
function stripeMeter(): StripeMeterHandler {
  handler ??= createStripeMeterHandler({
    apiUrl: process.env.STRIPEMETER_API_URL ?? '',
    apiKey: process.env.STRIPEMETER_API_KEY ?? '',
    tenantId: process.env.NEXT_PUBLIC_STRIPEMETER_TENANT_ID ?? '',
    identify: customerRefFromRequest,
    // The browser may only report what it can observe; billing-critical metrics such as
    // seats or storage are recorded by the backend with its own client.
    allowMetrics: ['api_calls', 'ai_tokens'],
    // The client's default batch is 100 events; a page that sends more than 600 a minute is
    // misbehaving.
    limits: { eventsPerRequest: 100, eventsPerMinute: 600 },
  })
  return handler
}

function handle(request: Request): Promise<Response> {
  return stripeMeter()(request)
}

export { handle as GET, handle as POST }
