export interface ProxiedRoute {
  name: 'ingest' | 'current' | 'projection' | 'history'
  /** The route's path on the StripeMeter API, e.g. `/v1/usage/current`. */
  path: string
  method: 'GET' | 'POST'
}

/** The four StripeMeter routes a browser needs: ingest for `track`, three reads for the widgets. */
const proxiedRoutes: readonly ProxiedRoute[] = [
  { name: 'ingest', path: '/v1/events/ingest', method: 'POST' },
  { name: 'current', path: '/v1/usage/current', method: 'GET' },
  { name: 'projection', path: '/v1/usage/projection', method: 'POST' },
  { name: 'history', path: '/v1/usage/history', method: 'GET' },
]

/**
 * Finds the route a request's path ends with, so the handler works under any mount point
 * (`/api/stripemeter/v1/usage/current`, `/v1/usage/current`, …). The method is not checked
 * here: a known path with the wrong method is the caller's 404, as on the real server.
 */
export function matchRoute(pathname: string): ProxiedRoute | undefined {
  return proxiedRoutes.find((route) => pathname.endsWith(route.path))
}

/** True when `method` may be used on `route`; HEAD rides on GET like on any HTTP server. */
export function acceptsMethod(route: ProxiedRoute, method: string): boolean {
  return method === route.method || (method === 'HEAD' && route.method === 'GET')
}

/** The `allow` header of a route, for OPTIONS. */
export function allowedMethods(route: ProxiedRoute): string {
  return route.method === 'GET' ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS'
}
