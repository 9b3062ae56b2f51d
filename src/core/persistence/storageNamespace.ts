/**
 * The name stored events live under: the page's origin, the absolute API URL and the tenant.
 * Two apps on one origin, or one app talking to two tenants, never send each other's events.
 * A relative `apiUrl` (`/api/stripemeter`, the recommended proxy setup) is resolved against the
 * page, so it names the same place on every page of the site.
 */
export function storageNamespace(apiUrl: string, tenantId: string): string {
  const page = typeof location === 'undefined' ? undefined : location.href
  const origin = typeof location === 'undefined' ? 'no-origin' : location.origin
  const absoluteApiUrl = new URL(apiUrl, page).href.replace(/\/+$/, '')
  return `${origin}|${absoluteApiUrl}|${tenantId}`
}
