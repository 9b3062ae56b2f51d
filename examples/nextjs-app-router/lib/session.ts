import 'server-only'
import { cookies } from 'next/headers'

/**
 * The app's own session: a cookie `<payload>.<signature>` set at sign-in, where the payload is
 * base64url JSON `{ customerRef, expiresAt }` and the signature its HMAC-SHA256 under
 * SESSION_SECRET. Swap in your auth library's session here (Auth.js:
 * `(await auth())?.user.customerRef ?? null`): StripeMeter only needs "who is signed in".
 */
const sessionCookie = 'session'
const sessionMaxAgeSeconds = 8 * 60 * 60

interface SessionPayload {
  customerRef: string
  /** Epoch milliseconds. */
  expiresAt: number
}

let hmacKey: Promise<CryptoKey> | undefined

function sessionKey(): Promise<CryptoKey> {
  const secret = process.env.SESSION_SECRET ?? ''
  if (secret.length < 32) throw new Error('Set SESSION_SECRET to at least 32 random characters')
  hmacKey ??= crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
  return hmacKey
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

/** For the sign-in action, once the credentials check out: signs the user in as `customerRef`. */
export async function startSession(customerRef: string): Promise<void> {
  const session: SessionPayload = {
    customerRef,
    expiresAt: Date.now() + sessionMaxAgeSeconds * 1000,
  }
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url')
  const signature = await crypto.subtle.sign(
    'HMAC',
    await sessionKey(),
    new TextEncoder().encode(payload),
  )
  const cookieStore = await cookies()
  cookieStore.set(sessionCookie, `${payload}.${Buffer.from(signature).toString('base64url')}`, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    path: '/',
    maxAge: sessionMaxAgeSeconds,
  })
}
