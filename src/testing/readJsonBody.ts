import { type EmulatorReply, namedError, requestShapeError } from './emulatorReply.js'

/** The real server's body limit (Fastify `bodyLimit`). */
export const MAX_BODY_BYTES = 1024 * 1024

const utf8 = new TextDecoder()

/**
 * Reads a JSON body the way Fastify does: 413 over 1 MiB (by `content-length` before reading
 * when it is declared), 415 for a non-JSON content type, 400 for an empty or malformed body.
 */
export async function readJsonBody(
  request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; reply: EmulatorReply }> {
  const declaredBytes = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declaredBytes > MAX_BODY_BYTES) return { ok: false, reply: tooLarge() }
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (bytes.byteLength > MAX_BODY_BYTES) return { ok: false, reply: tooLarge() }

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
  try {
    return { ok: true, body: JSON.parse(utf8.decode(bytes)) }
  } catch {
    return {
      ok: false,
      reply: requestShapeError(
        "Body is not valid JSON but content-type is set to 'application/json'",
      ),
    }
  }
}

function tooLarge() {
  return namedError(413, `Request body is too large: the limit is ${MAX_BODY_BYTES} bytes`)
}
