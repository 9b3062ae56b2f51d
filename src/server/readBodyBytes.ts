/**
 * Reads a request body without ever holding more than `limitBytes`: a declared
 * `content-length` over the limit is refused before reading, a streamed one as soon as it
 * passes it. `undefined` when the body is too large.
 */
export async function readBodyBytes(
  request: Request,
  limitBytes: number,
): Promise<Uint8Array | undefined> {
  const declaredBytes = Number(request.headers.get('content-length'))
  if (declaredBytes > limitBytes) return undefined
  if (request.body === null) return new Uint8Array(0)

  const chunks: Uint8Array[] = []
  let receivedBytes = 0
  const reader = request.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    receivedBytes += value.byteLength
    if (receivedBytes > limitBytes) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0]
  const bytes = new Uint8Array(receivedBytes)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
