import { type StripeMeterEnv, trackUsage } from './trackUsage.js'

declare const process: { env: StripeMeterEnv }

/** A Vercel Edge Function: `(request, context)`, configuration in `process.env`. */
export default function handler(
  request: Request,
  context: { waitUntil(promise: Promise<unknown>): void },
): Promise<Response> {
  return trackUsage(request, process.env, (promise) => context.waitUntil(promise))
}

// How the edge runtime calls it: a FetchEvent per request, whose waitUntil is the context's.
interface FetchEvent extends Event {
  request: Request
  respondWith(response: Promise<Response>): void
  waitUntil(promise: Promise<unknown>): void
}
addEventListener('fetch', (event) => {
  const fetchEvent = event as FetchEvent
  fetchEvent.respondWith(handler(fetchEvent.request, fetchEvent))
})
