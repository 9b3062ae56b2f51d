import { setupServer } from 'msw/node'
import {
  createEmulator,
  type EmulatorOptions,
  type StripeMeterEmulator,
  startEmulator,
} from '../../src/testing/index.js'
import { stripeMeterHandlers } from '../../src/testing/msw.js'

/** One running emulator as a test sees it: where to send requests, and with which `fetch`. */
export interface RunningTarget {
  baseUrl: string
  fetch: typeof fetch
  emulator: StripeMeterEmulator
  close(): Promise<void>
}

export interface EmulatorTarget {
  name: string
  start(options?: EmulatorOptions): Promise<RunningTarget>
}

/** The untouched `fetch`, captured before msw patches the global one. */
const realFetch = globalThis.fetch

/** The msw adapter: `setupServer` from `msw/node`, the client's global `fetch` intercepted. */
const mswTarget: EmulatorTarget = {
  name: 'msw adapter',
  async start(options) {
    const emulator = createEmulator(options)
    const baseUrl = 'https://api.stripemeter.test/base'
    const server = setupServer(...stripeMeterHandlers(emulator, { baseUrl }))
    server.listen({ onUnhandledFrame: 'error' })
    return {
      baseUrl,
      fetch: (input, init) => globalThis.fetch(input, init),
      emulator,
      close: async () => server.close(),
    }
  },
}

/** The Node adapter: a real HTTP server on 127.0.0.1 and the real `fetch`. */
const nodeTarget: EmulatorTarget = {
  name: 'Node server',
  async start(options) {
    const running = await startEmulator({ ...options, port: 0 })
    return {
      baseUrl: running.url,
      fetch: realFetch,
      emulator: running.emulator,
      close: running.close,
    }
  },
}

export const emulatorTargets = [mswTarget, nodeTarget]

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies and check them with expect()
export interface JsonResponse<Body = any> {
  status: number
  headers: Headers
  body: Body
}

/** A tiny JSON client for one running target; `apiKey: null` sends no key. */
export function apiClient(target: RunningTarget, apiKey: string | null = target.emulator.apiKey) {
  const authHeaders = (): Record<string, string> =>
    apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }
  const send = async (path: string, init: RequestInit = {}): Promise<JsonResponse> => {
    const response = await target.fetch(`${target.baseUrl}${path}`, init)
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    }
  }
  return {
    send,
    get(path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) {
      const search = new URLSearchParams(query).toString()
      return send(search ? `${path}?${search}` : path, {
        headers: { ...authHeaders(), ...headers },
      })
    },
    post(path: string, body: unknown, headers: Record<string, string> = {}) {
      return send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
    },
  }
}
