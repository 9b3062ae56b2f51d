/** The real server's request body limit; anything larger it would refuse with a 413 anyway. */
export const maxBodyBytes = 1024 * 1024

export type JsonBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; message: string }

/** `application/json`, with or without parameters such as `charset`. */
const jsonMediaType = /^application\/json\s*(?:;|$)/i

/**
 * Reads and parses a request's JSON body without ever holding more than `maxBodyBytes`: a
 * browser (or anyone with a session) must not be able to make the app buffer a huge upload.
 *
 * Only `content-type: application/json` is read: a cross-site page can send a `text/plain`
 * POST with the visitor's cookies and no CORS preflight, but not a JSON one, so this is what
 * stops another site from recording usage in a signed-in visitor's name.
 */
export async function readJsonBody(
  request: Request,
  limitBytes = maxBodyBytes,
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
  const tooLarge = {
    ok: false,
    status: 413,
    message: `Request body is larger than the ${limitBytes}-byte limit`,
  } as const
  const declaredBytes = Number(request.headers.get('content-length'))
  if (declaredBytes > limitBytes) return tooLarge
  if (request.body === null)
    return { ok: false, status: 400, message: 'Request body is empty; expected JSON' }

  const chunks: Uint8Array[] = []
  let receivedBytes = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    receivedBytes += value.byteLength
    if (receivedBytes > limitBytes) {
      await reader.cancel()
      return tooLarge
    }
    chunks.push(value)
  }

  const text = new TextDecoder().decode(concatBytes(chunks, receivedBytes))
  if (text.trim() === '')
    return { ok: false, status: 400, message: 'Request body is empty; expected JSON' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, status: 400, message: `Request body is not valid JSON: ${reason}` }
  }
}

function concatBytes(chunks: Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0]
  const bytes = new Uint8Array(totalBytes)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
