import { connect } from 'node:net'

export interface RawResponse {
  status: number
  head: string
  body: string
}

/**
 * Sends `requestText` byte for byte over a new TCP connection and reads the answer until the
 * server closes it: for what `fetch` cannot send (TRACE, CONNECT, absolute-form targets).
 */
export function rawHttp(baseUrl: string, requestText: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const split = received.indexOf('\r\n\r\n')
      const head = received.slice(0, split)
      const raw = received.slice(split + 4)
      const body = /transfer-encoding: chunked/i.test(head) ? dechunk(raw) : raw
      resolve({ status: Number(head.split(' ')[1]), head, body })
    })
    socket.write(requestText)
  })
}

function dechunk(raw: string): string {
  let body = ''
  let rest = raw
  for (;;) {
    const lineEnd = rest.indexOf('\r\n')
    const size = Number.parseInt(rest.slice(0, lineEnd), 16)
    if (!(size > 0)) return body
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size)
    rest = rest.slice(lineEnd + 2 + size + 2)
  }
}

/** A request text with `connection: close`, so the answer ends with the connection. */
export function requestText(requestLine: string, headers: Record<string, string> = {}, body = '') {
  const lines = [
    requestLine,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ]
  if (body !== '') lines.push(`content-length: ${Buffer.byteLength(body)}`)
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

/** `[[[…]]]` nested `depth` levels: valid JSON that recursive code cannot walk. */
export function deeplyNestedJson(depth: number): string {
  return `{"events":${'['.repeat(depth)}${']'.repeat(depth)}}`
}
