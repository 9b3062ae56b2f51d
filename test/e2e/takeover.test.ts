import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { meteredPageSuite } from './harness/meteredPageSuite.js'
import { closeTab } from './harness/openMeteredPage.js'

const suite = meteredPageSuite()

type Step = `${'start' | 'store' | 'close'} ${string}`

/** Every interleaving of the given step sequences, each keeping its own order. */
function interleavings(...sequences: Step[][]): Step[][] {
  const live = sequences.filter((sequence) => sequence.length > 0)
  if (live.length === 0) return [[]]
  return live.flatMap((sequence) =>
    interleavings(...live.map((other) => (other === sequence ? other.slice(1) : other))).map(
      (rest) => [sequence[0] as Step, ...rest],
    ),
  )
}

const EVENTS_PER_STORE = 40

/**
 * Plays `steps` with real tabs: `start X` opens tab X (a client, flushing on no timer), `store X`
 * buffers events in it and waits until they are in IndexedDB, `close X` closes it the way a user
 * does while its requests fail (its pagehide keepalive too), so all it stored is left behind.
 * Then the closed tabs' events must be counted with nothing but the live tabs running, and no
 * event may reach the server twice (it would if two tabs sent it).
 */
async function play(steps: readonly Step[]): Promise<void> {
  const tabs = new Map<string, Page>()
  const keysOf = new Map<string, string[]>()
  const closed: string[] = []
  for (const step of steps) {
    const [action, tab = ''] = step.split(' ')
    if (action === 'start') tabs.set(tab, await suite.openTab())
    const page = tabs.get(tab) as Page
    if (action === 'store') {
      const keys = await page.evaluate(
        ({ tab, count }) => window.e2e.buffer(count, `${tab}-event`),
        { tab, count: EVENTS_PER_STORE },
      )
      keysOf.set(tab, keys)
      await page.waitForFunction(
        async ({ tab, count }) => (await window.e2e.storedEventCount(`${tab}-event`)) === count,
        { tab, count: EVENTS_PER_STORE },
        { polling: 50 },
      )
    } else if (action === 'close') {
      await page.evaluate(() => window.e2e.failRequests())
      await waitUntilAtRest(page)
      await closeTab(page)
      tabs.delete(tab)
      closed.push(tab)
    }
  }
  const leftBehind = closed.flatMap((tab) => keysOf.get(tab) ?? [])
  // Taken over by a live tab on its own: nothing here flushes, reloads or shows a page.
  await expect
    .poll(() => leftBehind.filter((key) => !countedKeys().has(key)), { timeout: 15_000 })
    .toEqual([])
  for (const page of tabs.values()) {
    expect(await page.evaluate(() => window.e2e.flush())).toEqual({ ok: true })
  }
  const all = [...keysOf.values()].flat()
  expect([...countedKeys()].sort()).toEqual([...all].sort())
  expect(suite.api.emulator.stats()).toMatchObject({ eventsReceived: all.length, duplicates: 0 })
}

/**
 * Waits until nothing `page` sent can still reach the server and nothing the server counted is
 * still stored. A tab closed under a request on the wire legitimately has those events sent again
 * by the tab that takes over (counted once by their keys; "leaving a page mid-request" tests that),
 * so only a tab closed at rest makes any second arrival a takeover bug.
 */
async function waitUntilAtRest(page: Page): Promise<void> {
  await page.waitForFunction(() => window.e2e.requestsOnTheWire() === 0, undefined, { polling: 20 })
  await expect
    .poll(async () => {
      const stored = await page.evaluate(() => window.e2e.storedKeys())
      const counted = countedKeys()
      return stored.filter((key) => counted.has(key))
    })
    .toEqual([])
}

function countedKeys(): Set<string> {
  return new Set(suite.api.emulator.countedEvents().map((event) => event.idempotencyKey as string))
}

describe('a live tab takes over a closed tab’s events, whatever the order', () => {
  describe('two tabs: A stores and closes, B stores and stays', () => {
    for (const steps of interleavings(['start A', 'store A', 'close A'], ['start B', 'store B'])) {
      it(steps.join(', '), () => play(steps))
    }
  })

  describe('three tabs: A and B store and close, C stores and stays', () => {
    // Every order the three start in (each storing at once), closed in either order; and C
    // starting between a tab's store and its close, or after a first tab closed.
    const starts = interleavings(['start A'], ['start B'], ['start C']).map((order) =>
      order.flatMap((step): Step[] => [step, `store ${step.slice(6)}`]),
    )
    const orders: Step[][] = [
      ...starts.map((order): Step[] => [...order, 'close A', 'close B']),
      ...starts.map((order): Step[] => [...order, 'close B', 'close A']),
      ['start A', 'store A', 'start B', 'store B', 'close A', 'start C', 'store C', 'close B'],
      ['start A', 'start B', 'store A', 'start C', 'store B', 'close B', 'store C', 'close A'],
    ]
    for (const steps of orders) it(steps.join(', '), () => play(steps))
  })
})

describe('leaving a page mid-request', () => {
  it('sends the events not in flight with keepalive at once; the next visit counts the rest once', async () => {
    const page = await suite.openTab()
    // The first request is held by the server long enough for the page to be closed under it.
    suite.api.emulator.faults.next('ingest', { kind: 'latency', delayMs: 1_500 })
    const inFlight = await page.evaluate(() => {
      const keys = window.e2e.buffer(100, 'in-flight')
      void window.e2e.flush()
      return keys
    })
    await page.waitForFunction(() => window.e2e.state().inFlight === 100)
    const late = await page.evaluate(() => window.e2e.buffer(50, 'late'))
    await page.waitForFunction(
      async () => (await window.e2e.storedEventCount()) === 150,
      undefined,
      { polling: 50 },
    )
    await closeTab(page)
    // No tab is open: only the closing page's keepalive requests can have brought these.
    await expect
      .poll(() => late.filter((key) => !countedKeys().has(key)), { timeout: 15_000 })
      .toEqual([])

    const nextVisit = await suite.openTab()
    await expect.poll(() => countedKeys().size, { timeout: 15_000 }).toBe(150)
    await nextVisit.waitForFunction(async () => (await window.e2e.storedEventCount()) === 0)
    expect([...countedKeys()].sort()).toEqual([...inFlight, ...late].sort())
    expect(suite.api.emulator.stats().eventsCounted).toBe(150)
  })
})
