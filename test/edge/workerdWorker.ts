import { type StripeMeterEnv, trackUsage } from './trackUsage.js'

/** A Cloudflare Worker (module syntax), as `wrangler deploy` would run it. */
export default {
  fetch(
    request: Request,
    env: StripeMeterEnv,
    ctx: { waitUntil(promise: Promise<unknown>): void },
  ): Promise<Response> {
    return trackUsage(request, env, (promise) => ctx.waitUntil(promise))
  },
}
