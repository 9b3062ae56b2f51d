import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isEmulatorNetworkError } from './EmulatorNetworkError.js'
import type { EmulatorOptions } from './EmulatorOptions.js'
import { MAX_BODY_BYTES } from './readJsonBody.js'
import { createEmulator, type StripeMeterEmulator } from './StripeMeterEmulator.js'

export interface StartEmulatorOptions extends EmulatorOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string
}

export interface RunningEmulator {
  /** Base URL to give the client as `apiUrl`, e.g. `http://127.0.0.1:53122`. */
  url: string
  emulator: StripeMeterEmulator
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

/** Serves a new emulator over real HTTP with Node's `http` module. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = '127.0.0.1', ...emulatorOptions } = options
  const emulator = createEmulator(emulatorOptions)
  // Loaded on use, so bundling `stripemeter/testing` for a browser (Storybook, msw's worker) works.
  const { createServer } = await import('node:http')
  const server = createServer((incoming, outgoing) => {
    serveNodeRequest(emulator, incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) {
        outgoing.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
      }
      outgoing.end(JSON.stringify({ error: 'Internal Server Error', message: String(error) }))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const urlHost = address.address.includes(':') ? `[${address.address}]` : address.address
  return {
    url: `http://${urlHost}:${address.port}`,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

async function serveNodeRequest(
  emulator: StripeMeterEmulator,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const body = await readCappedBody(incoming)
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  // Past the cap only the length is kept: the core answers 413 from it without the bytes.
  if (body.truncated) headers.set('content-length', String(body.totalBytes))
  const method = incoming.method ?? 'GET'
  const request = new Request(
    `http://${incoming.headers.host ?? 'localhost'}${incoming.url ?? '/'}`,
    {
      method,
      headers,
      ...(method === 'GET' || method === 'HEAD'
        ? {}
        : { body: body.truncated ? null : body.bytes }),
    },
  )
  let response: Response
  try {
    response = await emulator.handle(request)
  } catch (error) {
    if (isEmulatorNetworkError(error)) {
      incoming.socket.destroy()
      return
    }
    throw error
  }
  const responseBytes = Buffer.from(await response.arrayBuffer())
  outgoing.writeHead(response.status, Object.fromEntries(response.headers))
  outgoing.end(responseBytes)
}

/** Reads the body, keeping at most 1 MiB + 1 byte in memory. */
async function readCappedBody(incoming: IncomingMessage) {
  const chunks: Buffer[] = []
  let totalBytes = 0
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    totalBytes += chunk.byteLength
    if (totalBytes <= MAX_BODY_BYTES + 1) chunks.push(chunk)
  }
  return { bytes: Buffer.concat(chunks), totalBytes, truncated: totalBytes > MAX_BODY_BYTES + 1 }
}
