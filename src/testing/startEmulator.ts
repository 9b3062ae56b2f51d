import type { AddressInfo } from 'node:net'
import { toNodeHandler } from '../server/toNodeHandler.js'
import { isEmulatorNetworkError } from './EmulatorNetworkError.js'
import type { EmulatorOptions } from './EmulatorOptions.js'
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

/**
 * Serves a new emulator over real HTTP with Node's `http` module, through the same
 * Node↔Fetch bridge as `stripemeter/server` (`toNodeHandler`).
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = '127.0.0.1', ...emulatorOptions } = options
  const emulator = createEmulator(emulatorOptions)
  // Loaded on use, so bundling `stripemeter/testing` for a browser (Storybook, msw's worker) works.
  const { createServer } = await import('node:http')
  const serve = toNodeHandler((request) => emulator.handle(request))
  const server = createServer((incoming, outgoing) => {
    serve(incoming, outgoing, (error) => {
      // A scripted reset: drop the connection, as a crashed server would.
      if (isEmulatorNetworkError(error)) return incoming.socket.destroy()
      if (outgoing.headersSent) return outgoing.destroy()
      outgoing.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
      outgoing.end(JSON.stringify({ error: 'Internal Server Error', message: String(error) }))
    })
  })
  // Node hands CONNECT to this event, never to the request listener; without it the socket just closes.
  server.on('connect', (_request, socket) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
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
