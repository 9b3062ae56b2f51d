import { parseJsonText } from '../server/parseJsonText.js'
import { readBodyBytes } from '../server/readBodyBytes.js'
import type { EmulatorProfile } from './EmulatorProfile.js'
import { type EmulatorReply, jsonReply, namedError, requestShapeError } from './emulatorReply.js'

/** The real server's body limit (Fastify `bodyLimit`). */
export const MAX_BODY_BYTES = 1024 * 1024

const utf8 = new TextDecoder()

/**
 * Reads a JSON body the way Fastify does: 413 over 1 MiB (by `content-length` before reading
 * when it is declared), 415 for a non-JSON content type, 400 for an empty, malformed or
 * absurdly nested body. The 'stripemeter' profile answers with Fastify's raw error names.
 */
export async function readJsonBody(
  request: Request,
  profile: Pick<EmulatorProfile, 'rawErrorNames'>,
): Promise<{ ok: true; body: unknown } | { ok: false; reply: EmulatorReply }> {
  const bytes = await readBodyBytes(request, MAX_BODY_BYTES)
  if (bytes === undefined) {
    const reply = profile.rawErrorNames
      ? jsonReply(413, { error: 'FastifyError', message: 'Request body is too large' })
      : namedError(413, `Request body is too large: the limit is ${MAX_BODY_BYTES} bytes`)
    return { ok: false, reply }
  }

  const contentType = request.headers.get('content-type') ?? ''
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    return {
      ok: false,
      reply: namedError(415, `Unsupported Media Type: ${contentType || 'none'}`),
    }
  }
  if (bytes.byteLength === 0) {
    return {
      ok: false,
      reply: requestShapeError(
        "Body cannot be empty when content-type is set to 'application/json'",
      ),
    }
  }
  const parsed = parseJsonText(utf8.decode(bytes))
  if (parsed.ok) return { ok: true, body: parsed.value }
  if (profile.rawErrorNames) {
    return {
      ok: false,
      reply: jsonReply(400, { error: parsed.error.name, message: parsed.error.message }),
    }
  }
  const message =
    parsed.error instanceof SyntaxError
      ? "Body is not valid JSON but content-type is set to 'application/json'"
      : parsed.error.message
  return { ok: false, reply: requestShapeError(message) }
}
