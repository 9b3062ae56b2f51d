import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  budgetIssueOf,
  createClient,
  isStripeMeterError,
  type StripeMeterClient,
} from '../../src/index.js'
import {
  type BudgetStore,
  createStripeMeterHandler,
  memoryBudgetStore,
  type StripeMeterHandlerOptions,
  toNodeHandler,
} from '../../src/server/index.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js'
import { serveOnLoopback } from './loopback.js'

/**
 * Budgets through the whole setup with real parts: the library's client, holding no key, talks
 * to the app's route (the handler behind Node http) with a budget store; the route checks the
 * currency against the emulator's projection.
 */
let running: RunningEmulator
const clients: StripeMeterClient[] = []
const servers: (() => Promise<void>)[] = []
beforeAll(async () => {
  running = await startEmulator({ seed: false, currency: 'USD' })
})
afterAll(async () => {
  for (const client of clients.splice(0)) await client.close()
  for (const close of servers.splice(0)) await close()
  await running.close()
})

const sessions: Record<string, string> = { 'session=alice': 'cus_alice', 'session=bob': 'cus_bob' }

async function startAppRoute(options: Partial<StripeMeterHandlerOptions> = {}): Promise<string> {
  const handler = createStripeMeterHandler({
    apiUrl: running.url,
    apiKey: running.emulator.apiKey,
    tenantId: running.emulator.tenantId,
    identify: (request) => sessions[request.headers.get('cookie') ?? ''] ?? null,
    ...options,
  })
  const app = await serveOnLoopback(toNodeHandler(handler))
  servers.push(app.close)
  return `${app.url}/api/stripemeter`
}

function clientAs(apiUrl: string, cookie: string) {
  const client = createClient({
    apiUrl,
    tenantId: running.emulator.tenantId,
    headers: { cookie },
    flushInterval: 0,
    retryAttempts: 0,
    storage: false,
  })
  clients.push(client)
  return client
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a refusal')
}

describe('budget routes', () => {
  it('stores a budget with its defaults for the signed-in customer only', async () => {
    const store = memoryBudgetStore()
    const apiUrl = await startAppRoute({ budgets: store })
    const alice = clientAs(apiUrl, 'session=alice')
    const bob = clientAs(apiUrl, 'session=bob')

    expect(await alice.getBudget('cus_alice')).toBeNull()
    const saved = await alice.setBudget('cus_alice', { amount: 200, currency: 'usd' })
    expect(saved).toEqual({
      amount: 200,
      currency: 'USD',
      thresholds: [50, 80, 100],
      mode: 'notify',
    })
    expect(await alice.getBudget('cus_alice')).toEqual(saved)
    expect(await store.get('cus_alice')).toEqual(saved)
    // Scoped like every route: bob asking for alice's budget reads his own.
    expect(await bob.getBudget('cus_alice')).toBeNull()
    await bob.setBudget('cus_bob', { amount: 5, currency: 'USD', thresholds: [90], mode: 'hard' })
    expect(await alice.getBudget('cus_alice')).toEqual(saved)
    expect(await store.get('cus_bob')).toMatchObject({ amount: 5, mode: 'hard' })

    expect(await alice.setBudget('cus_alice', null)).toBeNull()
    expect(await store.get('cus_alice')).toBeNull()
  })

  it('refuses a bad budget with a typed 400 naming the field and value, storing nothing', async () => {
    const store = memoryBudgetStore()
    const apiUrl = await startAppRoute({ budgets: store })
    const cases: [unknown, string, string, string][] = [
      [{ amount: 0, currency: 'USD' }, 'amount', 'got 0', 'amount_not_positive'],
      [{ amount: -5, currency: 'USD' }, 'amount', 'got -5', 'amount_not_positive'],
      [{ amount: 10, currency: 'EUR' }, 'currency', 'must be USD', 'currency_not_the_bills'],
      [{ amount: 10, currency: 'dollars' }, 'currency', '"dollars"', 'currency_not_iso'],
      [
        { amount: 10, currency: 'USD', thresholds: [80, 50] },
        'thresholds[1]',
        'got 50',
        'threshold_not_ascending',
      ],
      [
        { amount: 10, currency: 'USD', thresholds: [0.5] },
        'thresholds[0]',
        'got 0.5',
        'threshold_out_of_range',
      ],
      [
        { amount: 10, currency: 'USD', thresholds: [50, 101] },
        'thresholds[1]',
        'got 101',
        'threshold_out_of_range',
      ],
      [
        { amount: 10, currency: 'USD', thresholds: [] },
        'thresholds',
        'an array of 0',
        'thresholds_empty',
      ],
      [{ amount: 10, currency: 'USD', mode: 'block' }, 'mode', '"block"', 'mode_unknown'],
      ['200', 'budget', '"200"', 'not_an_object'],
    ]
    for (const [budget, field, got, reason] of cases) {
      const response = await fetch(`${apiUrl}/v1/budget`, {
        method: 'POST',
        headers: { cookie: 'session=alice', 'content-type': 'application/json' },
        body: JSON.stringify({ budget }),
      })
      expect(response.status).toBe(400)
      const body = (await response.json()) as Record<string, string>
      expect(body).toMatchObject({ code: 'validation_error', field, reason })
      expect(body.message).toContain(field)
      expect(body.message).toContain(got)
    }
    expect(await store.get('cus_alice')).toBeNull()
  })

  it('the client checks before sending and reports the backend’s refusal as validation_error', async () => {
    const apiUrl = await startAppRoute({ budgets: memoryBudgetStore() })
    const alice = clientAs(apiUrl, 'session=alice')
    const local = await refusal(alice.setBudget('cus_alice', { amount: -1, currency: 'USD' }))
    expect(isStripeMeterError(local) && local.code).toBe('validation_error')
    expect(String(local)).toContain('amount must be a number greater than 0, got -1')
    const remote = await refusal(alice.setBudget('cus_alice', { amount: 1, currency: 'EUR' }))
    expect(isStripeMeterError(remote) && [remote.code, remote.statusCode]).toEqual([
      'validation_error',
      400,
    ])
    expect(String(remote)).toContain('currency must be USD')
    // Both carry the checker's typed reason and value, for a form to word in its language.
    expect(budgetIssueOf(local)).toMatchObject({ reason: 'amount_not_positive', value: -1 })
    expect(budgetIssueOf(remote)).toMatchObject({
      field: 'currency',
      reason: 'currency_not_the_bills',
      value: 'EUR',
      expected: 'USD',
    })
    expect(budgetIssueOf(new Error('offline'))).toBeUndefined()
  })

  it('refuses a write naming another customer, and answers 401 without a session', async () => {
    const apiUrl = await startAppRoute({ budgets: memoryBudgetStore() })
    const post = (cookie: string, body: unknown) =>
      fetch(`${apiUrl}/v1/budget`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const other = await post('session=alice', {
      customerRef: 'cus_bob',
      budget: { amount: 1, currency: 'USD' },
    })
    expect(other.status).toBe(400)
    expect(await other.json()).toMatchObject({ field: 'customerRef' })
    expect((await post('', { budget: null })).status).toBe(401)
    expect((await fetch(`${apiUrl}/v1/budget`)).status).toBe(401)
    const options = await fetch(`${apiUrl}/v1/budget`, { method: 'OPTIONS' })
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS')
  })

  it('is not served without a store', async () => {
    const apiUrl = await startAppRoute()
    const response = await fetch(`${apiUrl}/v1/budget`, { headers: { cookie: 'session=alice' } })
    expect(response.status).toBe(404)
  })

  it('never drops or refuses usage events, even over a hard budget', async () => {
    const store = memoryBudgetStore({
      cus_alice: { amount: 0.01, currency: 'USD', thresholds: [100], mode: 'hard' },
    })
    const apiUrl = await startAppRoute({ budgets: store })
    const alice = clientAs(apiUrl, 'session=alice')
    const before = running.emulator.countedEvents().length
    for (let index = 0; index < 5; index++) {
      alice.buffer({ metric: 'api_calls', customerRef: 'cus_alice', quantity: 1000 })
    }
    await alice.flush()
    expect(running.emulator.countedEvents().length - before).toBe(5)
  })

  it('refuses a store without get and set when the handler is made', () => {
    const make = (budgets: unknown) => () =>
      createStripeMeterHandler({
        apiUrl: running.url,
        apiKey: running.emulator.apiKey,
        tenantId: running.emulator.tenantId,
        identify: () => null,
        budgets: budgets as BudgetStore,
      })
    expect(make({ get: () => null })).toThrow(/budgets must be a store with get/)
  })

  it('memoryBudgetStore hands out copies', () => {
    const store = memoryBudgetStore()
    const budget = { amount: 1, currency: 'USD', thresholds: [50], mode: 'notify' as const }
    store.set('cus_a', budget)
    budget.thresholds.push(99)
    const read = store.get('cus_a') as typeof budget
    read.thresholds.push(98)
    expect(store.get('cus_a')).toEqual({ ...budget, thresholds: [50] })
  })
})
