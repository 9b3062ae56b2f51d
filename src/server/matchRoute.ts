import { budgetPath } from '../core/budgetRequests.js'

export interface HandledRoute {
  name: 'ingest' | 'current' | 'projection' | 'history' | 'budget'
  /** The route's path, e.g. `/v1/usage/current`. */
  path: string
  /** GET routes answer HEAD too. */
  methods: readonly ('GET' | 'POST')[]
}

/** The four StripeMeter routes a browser needs: ingest for `track`, three reads for the widgets. */
const proxiedRoutes: readonly HandledRoute[] = [
  { name: 'ingest', path: '/v1/events/ingest', methods: ['POST'] },
  { name: 'current', path: '/v1/usage/current', methods: ['GET'] },
  { name: 'projection', path: '/v1/usage/projection', methods: ['POST'] },
  { name: 'history', path: '/v1/usage/history', methods: ['GET'] },
]
/** Served by the handler itself from the app's `budgets` store: the API has no budgets. */
const budgetRoute: HandledRoute = { name: 'budget', path: budgetPath, methods: ['GET', 'POST'] }

/**
 * Finds the route a request's path ends with, so the handler works under any mount point
 * (`/api/stripemeter/v1/usage/current`, `/v1/usage/current`, …). The method is not checked
 * here: a known path with the wrong method is the caller's 404, as on the real server. The
 * budget route exists only when the app gave a budget store.
 */
export function matchRoute(pathname: string, withBudgets = false): HandledRoute | undefined {
  if (withBudgets && pathname.endsWith(budgetRoute.path)) return budgetRoute
  return proxiedRoutes.find((route) => pathname.endsWith(route.path))
}

/** True when `method` may be used on `route`; HEAD rides on GET like on any HTTP server. */
export function acceptsMethod(route: HandledRoute, method: string): boolean {
  const asMethod = method === 'HEAD' ? 'GET' : method
  return route.methods.some((allowed) => allowed === asMethod)
}

/** The `allow` header of a route, for OPTIONS. */
export function allowedMethods(route: HandledRoute): string {
  return [
    ...route.methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])),
    'OPTIONS',
  ].join(', ')
}
