import { createClient } from '../../src/core/StripeMeterClient.js'
import { type BudgetStore, memoryBudgetStore } from '../../src/server/BudgetStore.js'
import { createStripeMeterHandler } from '../../src/server/createStripeMeterHandler.js'
import { createEmulator } from '../../src/testing/StripeMeterEmulator.js'

/**
 * The app's backend route (`createStripeMeterHandler`) over an in-page demo emulator, signed in
 * as `customerRef`, keeping budgets in `store`; and a client that calls that route, as the
 * provider does in the recommended browser set-up.
 */
export function appBackend(customerRef: string, store: BudgetStore = memoryBudgetStore()) {
  const emulator = createEmulator({ seed: 'demo' })
  const handler = createStripeMeterHandler({
    apiUrl: 'https://stripemeter.emulator.invalid',
    apiKey: emulator.apiKey,
    tenantId: emulator.tenantId,
    identify: () => customerRef,
    budgets: store,
    fetch: (input, init) => emulator.handle(new Request(input, init)),
  })
  const client = createClient({
    apiUrl: 'http://app.test/api/stripemeter',
    tenantId: emulator.tenantId,
    fetch: (request) => handler(request),
    storage: false,
  })
  return { client, store }
}
