/** Headers the client sends that a browser must be allowed to send cross-origin. */
export const allowedRequestHeaders =
  'authorization, content-type, idempotency-key, x-request-id, x-api-key'

/** Headers a browser client must be allowed to read. */
export const exposedResponseHeaders =
  'x-request-id, retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset'

/**
 * CORS headers for a request the pipeline allows (any origin in the 'demo' profile: browser
 * apps on another port, Vite or Storybook, must reach it). No credentials: auth travels in a
 * header.
 */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin')
  if (!origin) return {}
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': exposedResponseHeaders,
    vary: 'Origin',
  }
}

export function preflightHeaders(request: Request): Record<string, string> {
  return {
    ...corsHeaders(request),
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': allowedRequestHeaders,
    'access-control-max-age': '600',
  }
}

/** The API key from `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function readApiKey(headers: Headers): string | undefined {
  const authorization = headers.get('authorization')
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim())
    if (match?.[1]) return match[1].trim()
  }
  return headers.get('x-api-key')?.trim() || undefined
}
