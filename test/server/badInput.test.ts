import { createServer, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { toNodeHandler } from '../../src/server/index.js'
import { callAsBrowser, createTestHandler } from './handlerHarness.js'
import { deeplyNestedJson, rawHttp, requestText } from './rawHttp.js'
import { answerJson, type RecordingApi, startRecordingApi } from './recordingApi.js'

let api: RecordingApi
let appUrl: string
const app = createServer()
beforeAll(async () => {
  api = await startRecordingApi()
  api.respondWith((request, response) => answerJson(response, 200, { path: request.url }))
  app.on('request', toNodeHandler(createTestHandler(api.url)))
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
})
afterAll(async () => {
  app.closeAllConnections()
  await new Promise((resolve) => app.close(resolve))
  await api.close()
})
afterEach(() => vi.restoreAllMocks())

/** Bad input to the app's route never earns a 5xx: the browser (or an attacker) gets a 4xx. */
describe('stripemeter/server: bad input is a 4xx, never a 5xx', () => {
  it('JSON nested 5,000 levels deep → 400, not a 502 "network error"', async () => {
    const response = await callAsBrowser(createTestHandler(api.url), '/v1/events/ingest', {
      method: 'POST',
      body: deeplyNestedJson(5000),
    })
    expect(response.status).toBe(400)
    expect(response.json()).toMatchObject({
      error: 'Bad Request',
      message: 'Request body is refused: JSON is nested deeper than 64 levels',
    })
  })

  it.each(['TRACE', 'CONNECT'])('%s → 405, and nothing logged', async (method) => {
    const errors = vi.spyOn(console, 'error')
    const target = method === 'CONNECT' ? 'app.test:443' : '/api/stripemeter/v1/usage/current'
    const handler = toNodeHandler(createTestHandler(api.url))
    // CONNECT never reaches a Node request listener by itself; a framework may route it there.
    const server = createServer(handler).on('connect', (request, socket) => {
      socket.on('error', () => undefined)
      const response = new ServerResponse(request)
      response.assignSocket(socket as Socket)
      response.on('finish', () => socket.end())
      handler(request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const response = await rawHttp(
      url,
      requestText(`${method} ${target} HTTP/1.1`, { host: 'app.test' }),
    )
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    expect(response.status).toBe(405)
    expect(JSON.parse(response.body)).toEqual({
      error: 'Method Not Allowed',
      message: `${method} is not supported`,
    })
    expect(errors).not.toHaveBeenCalled()
  })

  it('an absolute-form target (GET http://host/path) is served as its path', async () => {
    const response = await rawHttp(
      appUrl,
      requestText('GET http://app.test/api/stripemeter/v1/usage/current HTTP/1.1', {
        host: 'app.test',
        cookie: 'session=sess-alice',
      }),
    )
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body).path).toMatch(/^\/v1\/usage\/current\?/)
  })

  it('a Host header that is not a host still routes by the path', async () => {
    const response = await rawHttp(
      appUrl,
      requestText('GET /api/stripemeter/v1/usage/current HTTP/1.1', {
        host: 'not a host',
        cookie: 'session=sess-alice',
      }),
    )
    expect(response.status).toBe(200)
  })
})
