import 'server-only'
import { cookies } from 'next/headers'

/**
 * The app's own session: a cookie `<payload>.<signature>` set at sign-in, where the payload is
 * base64url JSON `{ customerRef, expiresAt }` and the signature its HMAC-SHA256 under
 * SESSION_SECRET. Swap in your auth library's session here (Auth.js:
 * `(await auth())?.user.customerRef ?? null`): StripeMeter only needs "who is signed in".
 */
const sessionCookie = 'session'

interface SessionPayload {
  customerRef: string
  /** Epoch milliseconds. */
  expiresAt: number
}

let signingKey: Promise<CryptoKey> | undefined

function sessionKey(): Promise<CryptoKey> {
  signingKey ??= crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(process.env.SESSION_SECRET ?? ''),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  return signingKey
}

/** The customer a session cookie belongs to, or null when it is missing, forged or expired. */
export async function customerRefFromSessionCookie(
  cookie: string | undefined,
): Promise<string | null> {
  const [payload, signature] = cookie?.split('.') ?? []
  if (payload === undefined || signature === undefined) return null
  const genuine = await crypto.subtle.verify(
    'HMAC',
    await sessionKey(),
    Buffer.from(signature, 'base64url'),
    new TextEncoder().encode(payload),
  )
  if (!genuine) return null
  const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionPayload
  return session.expiresAt > Date.now() ? session.customerRef : null
}

/** For route handlers: the signed-in customer of a request. */
export function customerRefFromRequest(request: Request): Promise<string | null> {
  const cookie = request.headers
    .get('cookie')
    ?.split(/;\s*/)
    .find((pair) => pair.startsWith(`${sessionCookie}=`))
  return customerRefFromSessionCookie(cookie?.slice(sessionCookie.length + 1))
}

/** For server components: the signed-in customer of the page being rendered. */
export async function currentCustomerRef(): Promise<string | null> {
  const cookieStore = await cookies()
  return customerRefFromSessionCookie(cookieStore.get(sessionCookie)?.value)
}
