import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BudgetStore,
  createStripeMeterHandler,
  type StripeMeterHandler,
} from '../../src/server/index.js'
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js'

// Imported by a computed path: tsc would otherwise type-check the example against the built
// package (`stripemeter/server`), which does not exist before `npm run build`.
const examplePath = '../../examples/express/sqliteBudgetStore.ts'
type ExampleModule = { sqliteBudgetStore(db: DatabaseSync): BudgetStore }

let running: RunningEmulator
let directory: string
beforeAll(async () => {
  running = await startEmulator({ seed: false })
  directory = mkdtempSync(join(tmpdir(), 'stripemeter-budgets-'))
})
afterAll(async () => {
  await running.close()
  rmSync(directory, { recursive: true, force: true })
})

function handlerWith(budgets: BudgetStore): StripeMeterHandler {
  return createStripeMeterHandler({
    apiUrl: running.url,
    apiKey: running.emulator.apiKey,
    tenantId: running.emulator.tenantId,
    identify: () => 'cus_alice',
    budgets,
  })
}

const post = (handler: StripeMeterHandler, budget: unknown) =>
  handler(
    new Request('http://app.test/api/stripemeter/v1/budget', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ budget }),
    }),
  )
const get = (handler: StripeMeterHandler) =>
  handler(new Request('http://app.test/api/stripemeter/v1/budget'))

describe('the Express example’s SQLite budget store', () => {
  it('keeps budgets across a restart of the app, and removes them', async () => {
    const { sqliteBudgetStore } = (await import(examplePath)) as ExampleModule
    const file = join(directory, 'budgets.sqlite')
    const first = new DatabaseSync(file)
    const before = handlerWith(sqliteBudgetStore(first))
    const saved = await post(before, { amount: 200, currency: 'USD', thresholds: [75, 100] })
    expect(saved.status).toBe(200)
    first.close()

    // A new process: a new connection and a new store over the same file.
    const second = new DatabaseSync(file)
    const after = handlerWith(sqliteBudgetStore(second))
    expect(await (await get(after)).json()).toEqual({
      budget: { amount: 200, currency: 'USD', thresholds: [75, 100], mode: 'notify' },
    })
    await post(after, { amount: 250.5, currency: 'USD', mode: 'hard' })
    expect(await (await get(after)).json()).toMatchObject({
      budget: { amount: 250.5, mode: 'hard' },
    })

    expect((await post(after, null)).status).toBe(200)
    expect(await (await get(after)).json()).toEqual({ budget: null })
    second.close()
  })

  it('stores nothing the handler refuses', async () => {
    const { sqliteBudgetStore } = (await import(examplePath)) as ExampleModule
    const db = new DatabaseSync(':memory:')
    const handler = handlerWith(sqliteBudgetStore(db))
    expect(
      (await post(handler, { amount: 10, currency: 'USD', thresholds: [90, 80] })).status,
    ).toBe(400)
    expect(db.prepare('SELECT COUNT(*) AS rows FROM stripemeter_budgets').get()).toEqual({
      rows: 0,
    })
    db.close()
  })
})
