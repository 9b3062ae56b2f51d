import { EdgeRuntime } from 'edge-runtime'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type RunningEmulator, startEmulator } from '../../src/testing/startEmulator.js'
import { bundleWorker } from './bundleWorker.js'
import type { StripeMeterEnv, TrackRequest } from './trackUsage.js'

/** Sends four requests at once, as a burst of traffic would, each tracking `perRequest` events. */
async function trackThroughWorker(
  dispatch: (body: TrackRequest) => Promise<Response>,
  perRequest: number,
): Promise<{ keys: string[]; runtime: string }> {
  const customers = ['cus_edge_a', 'cus_edge_b', 'cus_edge_c', 'cus_edge_d']
  const answers = await Promise.all(
    customers.map(async (customerRef) => {
      const response = await dispatch({ customerRef, count: perRequest })
      if (response.status !== 200)
        throw new Error(`worker answered ${response.status}: ${await response.text()}`)
      return (await response.json()) as { keys: string[]; runtime: string }
    }),
  )
  return { keys: answers.flatMap((answer) => answer.keys), runtime: answers[0]?.runtime ?? '' }
}

/** Every key the worker handed out is counted by the emulator, once, and nothing else. */
async function expectCountedOnce(server: RunningEmulator, keys: string[]): Promise<void> {
  await vi.waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(keys.length), {
    timeout: 15_000,
    interval: 20,
  })
  const counted = server.emulator.countedEvents().map((event) => event.idempotencyKey)
  expect(new Set(counted)).toEqual(new Set(keys))
  expect(server.emulator.stats().duplicates).toBe(0)
}

function envFor(server: RunningEmulator): StripeMeterEnv {
  return {
    STRIPEMETER_URL: server.url,
    STRIPEMETER_TENANT: server.emulator.tenantId,
    STRIPEMETER_KEY: server.emulator.apiKey,
  }
}

describe('Cloudflare workerd (Miniflare)', () => {
  let server: RunningEmulator
  let miniflare: Miniflare

  beforeAll(async () => {
    server = await startEmulator({ seed: false })
    miniflare = new Miniflare({
      modules: true,
      script: await bundleWorker('workerdWorker.ts', 'esm'),
      compatibilityDate: '2026-07-01',
      bindings: { ...envFor(server) },
    })
    await miniflare.ready
  }, 60_000)

  afterAll(async () => {
    await miniflare?.dispose()
    await server?.close()
  })

  it('delivers every event tracked with ctx.waitUntil(client.flush()) after the response', async () => {
    const { keys, runtime } = await trackThroughWorker(
      (body) =>
        miniflare.dispatchFetch('http://worker.test/track', {
          method: 'POST',
          body: JSON.stringify(body),
        }) as unknown as Promise<Response>,
      150,
    )
    expect(runtime).toBe('Cloudflare-Workers')
    expect(keys).toHaveLength(600)
    await expectCountedOnce(server, keys)
  })
})

describe("Vercel's edge-runtime", () => {
  let server: RunningEmulator
  let runtime: EdgeRuntime

  beforeAll(async () => {
    server = await startEmulator({ seed: false })
    const env = envFor(server)
    runtime = new EdgeRuntime({
      initialCode: await bundleWorker('vercelEdgeFunction.ts', 'iife'),
      extend: (context) => Object.assign(context, { process: { env } }),
    })
  }, 60_000)

  afterAll(async () => {
    await server?.close()
  })

  it('delivers every event tracked with context.waitUntil(client.flush()) after the response', async () => {
    const pending: Promise<unknown>[] = []
    const { keys, runtime: userAgent } = await trackThroughWorker(async (body) => {
      const response = await runtime.dispatchFetch('http://edge.test/track', {
        method: 'POST',
        body: JSON.stringify(body),
      })
      pending.push(response.waitUntil())
      return response as unknown as Response
    }, 150)
    expect(userAgent).toBe('edge-runtime (edge-runtime)')
    expect(keys).toHaveLength(600)
    // The runtime's own record of waitUntil work: every flush it was handed settles.
    await Promise.all(pending)
    await expectCountedOnce(server, keys)
  })
})
