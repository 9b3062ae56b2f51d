import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ServedPage {
  /** `http://127.0.0.1:<port>/`: a secure context, so Web Locks and IndexedDB are available. */
  url: string
  close(): Promise<void>
}

/** Serves one HTML page that loads `script` as a module, on an ephemeral loopback port. */
export async function servePage(script: string): Promise<ServedPage> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>stripemeter e2e</title><script type="module" src="/page.js"></script>'
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    if (path === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' })
      response.end(script)
    } else if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
      response.end(html)
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
