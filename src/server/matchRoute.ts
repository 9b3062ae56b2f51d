/** The four StripeMeter routes a browser needs: ingest for `track`, three reads for the widgets. */
export const proxiedRoutes = {
  ingest: { path: '/v1/events/ingest', method: 'POST' },
  current: { path: '/v1/usage/current', method: 'GET' },
  projection: { path: '/v1/usage/projection', method: 'POST' },
  history: { path: '/v1/usage/history', method: 'GET' },
} as const

export type ProxiedRouteName = keyof typeof proxiedRoutes

export interface ProxiedRoute {
  name: ProxiedRouteName
  /** The route's path on the StripeMeter API, e.g. `/v1/usage/current`. */
  path: string
  method: 'GET' | 'POST'
}

/**
 * Finds the route a request's path ends with, so the handler works under any mount point
 * (`/api/stripemeter/v1/usage/current`, `/v1/usage/current`, …). The method is not checked
 * here: a known path with the wrong method is the caller's 404, as on the real server.
 */
export function matchRoute(pathname: string): ProxiedRoute | undefined {
  for (const [name, route] of Object.entries(proxiedRoutes) as [
    ProxiedRouteName,
    (typeof proxiedRoutes)[ProxiedRouteName],
  ][]) {
    if (pathname.endsWith(route.path)) return { name, path: route.path, method: route.method }
  }
  return undefined
}

/** True when `method` may be used on `route`; HEAD rides on GET like on any HTTP server. */
export function acceptsMethod(route: ProxiedRoute, method: string): boolean {
  return method === route.method || (method === 'HEAD' && route.method === 'GET')
}

/** The `allow` header of a route, for OPTIONS. */
export function allowedMethods(route: ProxiedRoute): string {
  return route.method === 'GET' ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS'
}
