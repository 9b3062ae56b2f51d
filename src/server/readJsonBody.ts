import { MAX_BODY_BYTES } from '../core/apiLimits.js'
import { parseJsonText } from './parseJsonText.js'
import { readBodyBytes } from './readBodyBytes.js'

export type JsonBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; message: string }

/** `application/json`, with or without parameters such as `charset`. */
const jsonMediaType = /^application\/json\s*(?:;|$)/i

/**
 * Reads and parses a request's JSON body without ever holding more than the real server's body limit (it would refuse more with a 413
 * anyway): a
 * browser (or anyone with a session) must not be able to make the app buffer a huge upload.
 *
 * Only `content-type: application/json` is read: a cross-site page can send a `text/plain`
 * POST with the visitor's cookies and no CORS preflight, but not a JSON one, so this is what
 * stops another site from recording usage in a signed-in visitor's name.
 */
export async function readJsonBody(
  request: Request,
  limitBytes = MAX_BODY_BYTES,
): Promise<JsonBodyResult> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!jsonMediaType.test(contentType)) {
    const got = contentType === '' ? 'none' : JSON.stringify(contentType)
    return {
      ok: false,
      status: 415,
      message: `Send JSON with content-type: application/json (got ${got})`,
    }
  }
  const bytes = await readBodyBytes(request, limitBytes)
  if (bytes === undefined) {
    return {
      ok: false,
      status: 413,
      message: `Request body is larger than the ${limitBytes}-byte limit`,
    }
  }
  const text = new TextDecoder().decode(bytes)
  if (text.trim() === '') {
    return { ok: false, status: 400, message: 'Request body is empty; expected JSON' }
  }
  const parsed = parseJsonText(text)
  if (parsed.ok) return { ok: true, value: parsed.value }
  const problem = parsed.error instanceof SyntaxError ? 'is not valid JSON' : 'is refused'
  return { ok: false, status: 400, message: `Request body ${problem}: ${parsed.error.message}` }
}
