import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  bodyBytes: number
}

export interface RecordingProxy {
  url: string
  /** Every request that reached the proxy, in arrival order. */
  requests: RecordedRequest[]
  close(): Promise<void>
}

/**
 * Forwards everything to `targetUrl` and records each request's body size on the way. Requests
 * a closing page sends with keepalive are invisible to the browser's tooling, but not to this.
 */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = []
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const method = incoming.method ?? 'GET'
    const path = incoming.url ?? '/'
    requests.push({ method, path, bodyBytes: body.byteLength })
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (name !== 'host' && value !== undefined) headers.set(name, String(value))
    }
    try {
      const response = await fetch(targetUrl + path, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? {} : { body }),
      })
      const responseHeaders: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        if (name !== 'content-encoding' && name !== 'content-length') responseHeaders[name] = value
      })
      outgoing.writeHead(response.status, responseHeaders)
      outgoing.end(Buffer.from(await response.arrayBuffer()))
    } catch {
      outgoing.destroy()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
