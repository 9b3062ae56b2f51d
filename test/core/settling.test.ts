import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import type { StripeMeterErrorHandler } from '../../src/core/StripeMeterClientOptions.js'
import { isStripeMeterError, type StripeMeterError } from '../../src/core/StripeMeterError.js'
import { mulberry32 } from '../../src/testing/seededRandom.js'
import {
  failWith,
  type LoopbackServer,
  type Responder,
  startLoopbackServer,
} from './loopbackServer.js'

let server: LoopbackServer
const clients: StripeMeterClient[] = []

beforeEach(async () => {
  server = await startLoopbackServer()
})

afterEach(async () => {
  vi.useRealTimers()
  server.setDefault((request) => server.commit(request))
  await Promise.allSettled(clients.splice(0).map((client) => client.close()))
  await server.close()
})

function makeClient(onError?: StripeMeterErrorHandler) {
  const client = new StripeMeterClient({
    apiUrl: server.url,
    tenantId: 'tenant_test',
    apiKey: 'sk_test.secret',
    flushInterval: 0,
    batchSize: 4,
    retryAttempts: 0,
    storage: false,
    ...(onError === undefined ? {} : { onError }),
  })
  clients.push(client)
  return client
}

const event = (quantity: number) => ({ metric: 'api_calls', customerRef: 'cus_1', quantity })

/** Each promise's outcome, recorded from the moment it exists (so none is ever unhandled). */
function watch(promises: Promise<unknown>[]) {
  const outcomes: PromiseSettledResult<unknown>[] = []
  return {
    add(promise: Promise<unknown>) {
      const index = promises.push(promise) - 1
      promise.then(
        (value) => {
          outcomes[index] = { status: 'fulfilled', value }
        },
        (reason: unknown) => {
          outcomes[index] = { status: 'rejected', reason }
        },
      )
    },
    /**
     * Liveness, not timing: waits in real time for every promise to settle and fails naming the
     * ones still pending. A hang is a failure here, never a slow pass.
     */
    async allSettled(bound = 5_000): Promise<PromiseSettledResult<unknown>[]> {
      const deadlineMs = Date.now() + bound
      while (outcomes.filter(Boolean).length < promises.length) {
        if (Date.now() > deadlineMs) {
          const pending = promises.map((_, index) => index).filter((index) => !outcomes[index])
          throw new Error(`promises ${pending.join(', ')} of ${promises.length} never settled`)
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
      return outcomes
    },
  }
}

describe('close() after a failed flush()', () => {
  it.each([
    ['401', () => ({ status: 401, json: { error: 'Invalid API key' } })],
    ['500', failWith(500)],
  ] as const)(
    '%s: close() rejects while the server fails, and resolves once it heals',
    async (_, failure: Responder) => {
      const client = makeClient()
      server.setDefault(failure)
      client.buffer(event(1))
      let closing: Promise<void> | undefined
      try {
        await client.flush()
      } catch {
        // The shutdown handler of the issue: it used to hang here for ever.
        closing = client.close()
      }
      expect(closing).toBeDefined()
      await expect(closing).rejects.toSatisfy(isStripeMeterError)
      server.setDefault((request) => server.commit(request))
      await client.close()
      expect(server.counted.size).toBe(1)
      expect(client.getState()).toMatchObject({ closed: true, pending: 0, inFlight: 0 })
    },
  )

  it('flush() right after a failed flush() tries again at once rather than waiting for the retry timer', async () => {
    // The retry timer never fires on its own here: only the new flush() can deliver.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const client = makeClient()
    server.script(failWith(500))
    client.buffer(event(1))
    const calls = watch([])
    await client.flush().catch(() => calls.add(client.flush()))
    const [second] = await calls.allSettled()
    expect(second?.status).toBe('fulfilled')
    expect(server.counted.size).toBe(1)
  })
})

describe('random buffer/flush/close/track against a server that fails, then heals', () => {
  const seeds = Array.from({ length: 24 }, (_, index) => index + 1)

  it.each(seeds)(
    'seed %i: every promise settles; every event counted once or reported',
    async (seed) => {
      const random = mulberry32(seed)
      const pick = <T>(choices: readonly T[]): T =>
        choices[Math.floor(random() * choices.length)] as T
      const failures: Responder[] = [
        failWith(500),
        failWith(503),
        failWith(429),
        () => ({ status: 401, json: { error: 'Invalid API key' } }),
        () => ({ reset: true }),
        (request) => {
          server.commit(request)
          return { reset: true } // counted, but the client never hears so
        },
      ]
      // The first few requests fail in random ways, then the server heals.
      let failuresLeft = Math.floor(random() * 10)
      server.setDefault((request) => {
        if (failuresLeft > 0) {
          failuresLeft--
          return pick(failures)(request)
        }
        return server.commit(request)
      })

      const reported = new Map<string, StripeMeterError>()
      const client = makeClient((error, events) => {
        for (const { idempotencyKey } of events) reported.set(idempotencyKey as string, error)
      })
      const delivered: string[] = []
      client.onLifecycle((step) => {
        if (step.type !== 'settled' || step.status === 'rejected') return
        delivered.push(...step.events.map((e) => e.idempotencyKey as string))
      })
      const recorded: string[] = []
      const calls = watch([])
      let closed = false
      for (let step = 0; step < 30; step++) {
        const roll = random()
        if (roll < 0.5 && !closed) {
          for (let count = 1 + Math.floor(random() * 5); count > 0; count--) {
            recorded.push(client.buffer(event(step + 1)).idempotencyKey as string)
          }
        } else if (roll < 0.6 && !closed) {
          calls.add(client.track(event(step + 1)))
        } else if (roll < 0.75) {
          calls.add(client.flush())
        } else if (roll < 0.85) {
          // The shutdown handler of the issue: close() as soon as a flush() failed.
          calls.add(
            client.flush().catch(() => {
              closed = true
              return client.close()
            }),
          )
        } else {
          closed = true
          calls.add(client.close())
        }
        // Sometimes let the requests run before the next step, sometimes pile calls up.
        if (random() < 0.5) await new Promise((resolve) => setImmediate(resolve))
      }
      for (const outcome of await calls.allSettled()) {
        if (outcome.status === 'rejected') expect(isStripeMeterError(outcome.reason)).toBe(true)
      }

      // Healed: a last close() delivers whatever is still queued.
      failuresLeft = 0
      await client.close()
      expect(client.getState()).toMatchObject({ closed: true, pending: 0, inFlight: 0 })
      for (const key of recorded) {
        const wasCounted = server.counted.has(key)
        expect(wasCounted || reported.has(key), `event ${key}`).toBe(true)
        expect(wasCounted && reported.has(key), `event ${key} counted and reported`).toBe(false)
      }
      // The client reports each buffered event delivered exactly once (accepted or duplicate).
      const deliveredBuffered = delivered.filter((key) => recorded.includes(key))
      expect(new Set(deliveredBuffered).size).toBe(deliveredBuffered.length)
      expect(deliveredBuffered.length).toBe(
        recorded.filter((key) => server.counted.has(key)).length,
      )
    },
  )
})
