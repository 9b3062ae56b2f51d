/** Anything beyond printable ASCII (JSON text escapes control characters anyway). */
const NOT_PRINTABLE_ASCII = /[^ -~]/

/**
 * Bytes `text` takes as UTF-8, without encoding it: the server's limits (meta 4096 bytes, body
 * 1 MiB) count bytes, while `length` counts UTF-16 units.
 */
export function utf8ByteLength(text: string): number {
  // Nearly all event JSON is ASCII: one native scan answers it.
  if (!NOT_PRINTABLE_ASCII.test(text)) return text.length
  let bytes = text.length
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is 2 units and 4 bytes: count the pair as 2 + 2 and skip its low half.
      bytes += 2
      index++
    } else bytes += 2
  }
  return bytes
}
