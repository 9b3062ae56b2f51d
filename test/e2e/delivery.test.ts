import { describe, expect, it } from 'vitest'
import { meteredPageSuite } from './harness/meteredPageSuite.js'
import { closeTab, waitUntilStored } from './harness/openMeteredPage.js'
import { startRecordingProxy } from './harness/recordingProxy.js'

const suite = meteredPageSuite()

/** The idempotency keys the emulator counted, sorted. */
function countedKeys(): string[] {
  return suite.api.emulator
    .countedEvents()
    .map((event) => event.idempotencyKey as string)
    .sort()
}

/** Waits until the emulator has counted `count` unique events. */
async function waitUntilCounted(count: number): Promise<void> {
  await expect.poll(() => suite.api.emulator.stats().eventsCounted, { timeout: 30_000 }).toBe(count)
}

describe('events survive the page', () => {
  it('reload before the flush: every event is counted exactly once after the reload', async () => {
    const page = await suite.openTab()
    const keys = await page.evaluate(() => window.e2e.buffer(40, 'reload'))
    await waitUntilStored(page, 40)
    // The server counts the pagehide request but the answer never arrives: the reloaded page
    // still holds all 40 and must resend them without counting any twice.
    suite.api.emulator.faults.always('ingest', { kind: 'commitThenFail', reset: true })
    await page.reload()
    await page.waitForFunction(() => window.e2e !== undefined)
    suite.api.emulator.faults.clear()
    await waitUntilCounted(40)
    await page.waitForFunction(async () => (await window.e2e.storedEventCount()) === 0)
    expect(countedKeys()).toEqual([...keys].sort())
    expect(suite.api.emulator.stats().duplicates).toBeGreaterThan(0)
  })

  it('reload while the API is down: the stored events go out from the next page', async () => {
    const page = await suite.openTab()
    const keys = await page.evaluate(() => window.e2e.buffer(25, 'down'))
    await waitUntilStored(page, 25)
    suite.api.emulator.faults.always('ingest', { kind: 'reset' })
    await page.reload()
    await page.waitForFunction(() => window.e2e !== undefined)
    expect(suite.api.emulator.stats().eventsCounted).toBe(0)
    suite.api.emulator.faults.clear()
    await waitUntilCounted(25)
    expect(countedKeys()).toEqual([...keys].sort())
  })

  it('reload in the same task as buffer(), API down: nothing is lost', async () => {
    const page = await suite.openTab()
    suite.api.emulator.faults.always('ingest', { kind: 'reset' })
    const keys = await page.evaluate(() => {
      const buffered = window.e2e.buffer(20, 'same-task')
      location.reload()
      return buffered
    })
    await page.waitForFunction(() => window.e2e !== undefined)
    expect(await page.evaluate(() => window.e2e.storedEventCount())).toBe(20)
    suite.api.emulator.faults.clear()
    await waitUntilCounted(20)
    expect(countedKeys()).toEqual([...keys].sort())
  })

  it('close the tab with events pending: they are counted on the next visit', async () => {
    const page = await suite.openTab()
    const keys = await page.evaluate(() => window.e2e.buffer(30, 'closed'))
    await waitUntilStored(page, 30)
    suite.api.emulator.faults.always('ingest', { kind: 'reset' })
    await closeTab(page)
    suite.api.emulator.faults.clear()
    expect(suite.api.emulator.stats().eventsCounted).toBe(0)

    const nextVisit = await suite.openTab()
    await waitUntilCounted(30)
    await nextVisit.waitForFunction(async () => (await window.e2e.storedEventCount()) === 0)
    expect(countedKeys()).toEqual([...keys].sort())
  })

  it('close the tab normally: its keepalive requests deliver, and the next visit counts none twice', async () => {
    const page = await suite.openTab()
    const keys = await page.evaluate(() => window.e2e.buffer(30, 'bye'))
    await waitUntilStored(page, 30)
    await closeTab(page)
    await waitUntilCounted(30)
    const nextVisit = await suite.openTab()
    await nextVisit.waitForFunction(async () => (await window.e2e.storedEventCount()) === 0)
    expect(suite.api.emulator.stats().eventsCounted).toBe(30)
    expect(countedKeys()).toEqual([...keys].sort())
  })
})

describe('two tabs', () => {
  it('never send the same stored event: a closed tab’s events go to exactly one of two new tabs', async () => {
    const first = await suite.openTab()
    const keys = await first.evaluate(() => window.e2e.buffer(100, 'orphan'))
    await waitUntilStored(first, 100)
    // Offline, the closing tab sends nothing: its 100 events are left in storage.
    await suite.context.setOffline(true)
    await closeTab(first)
    await suite.context.setOffline(false)
    expect(suite.api.emulator.stats().eventsReceived).toBe(0)

    const [second, third] = await Promise.all([suite.openTab(), suite.openTab()])
    await waitUntilCounted(100)
    for (const tab of [second, third]) {
      await tab.waitForFunction(async () => (await window.e2e.storedEventCount()) === 0)
    }
    // Each event reached the server once: had both tabs claimed them, 100 would be duplicates.
    expect(suite.api.emulator.stats()).toMatchObject({ eventsReceived: 100, duplicates: 0 })
    expect(countedKeys()).toEqual([...keys].sort())
  })

  it('buffering side by side: nothing counted twice or lost', async () => {
    const [left, right] = await Promise.all([suite.openTab(), suite.openTab()])
    const leftKeys = await left.evaluate(() => window.e2e.buffer(60, 'left'))
    const rightKeys = await right.evaluate(() => window.e2e.buffer(60, 'right'))
    await Promise.all([waitUntilStored(left, 120), waitUntilStored(right, 120)])
    const moreLeft = await left.evaluate(async () => {
      const more = window.e2e.buffer(20, 'left-more')
      await window.e2e.flush()
      return more
    })
    await right.evaluate(() => window.e2e.flush())
    await waitUntilCounted(140)
    expect(suite.api.emulator.stats()).toMatchObject({ eventsReceived: 140, duplicates: 0 })
    expect(countedKeys()).toEqual([...leftKeys, ...rightKeys, ...moreLeft].sort())
  })
})

describe('offline', () => {
  it('sends nothing while offline and everything once back online', async () => {
    const page = await suite.openTab()
    await suite.context.setOffline(true)
    const keys = await page.evaluate(() => window.e2e.buffer(20, 'offline'))
    const flushed = await page.evaluate(() => window.e2e.flush())
    expect(flushed).toMatchObject({ ok: false, code: 'network_error' })
    expect(flushed.ok === false && flushed.message).toContain('offline')
    expect(await page.evaluate(() => window.e2e.state())).toMatchObject({
      pending: 20,
      inFlight: 0,
    })
    // Not even an attempt: requests doomed to fail would only burn retries and battery, and
    // hiding the page (which sends with keepalive) does not send either.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    expect(await page.evaluate(() => window.e2e.fetchCalls())).toBe(0)
    expect(suite.api.emulator.stats().eventsReceived).toBe(0)

    await suite.context.setOffline(false)
    await waitUntilCounted(20)
    expect(countedKeys()).toEqual([...keys].sort())
    await page.waitForFunction(() => window.e2e.state().pending === 0)
  })
})

describe('leaving the page', () => {
  it('a hidden page that comes back online still sends with keepalive', async () => {
    const page = await suite.openTab()
    await suite.context.setOffline(true)
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    const keys = await page.evaluate(() => window.e2e.buffer(10, 'hidden-online'))
    await waitUntilStored(page, 10)
    // `online` fires while the page is still hidden: it may be killed any moment, so the
    // requests must outlive it.
    await suite.context.setOffline(false)
    await waitUntilCounted(10)
    expect(countedKeys()).toEqual([...keys].sort())
    expect(await page.evaluate(() => window.e2e.keepaliveRequests())).toBeGreaterThan(0)
  })

  it('pagehide sends keepalive requests under 64 KiB, and what did not fit is counted next visit', async () => {
    const proxy = await startRecordingProxy(suite.api.url)
    try {
      const page = await suite.openTab(proxy.url)
      // 600 events of ~650 bytes: about 380 KiB, far more than one page's keepalive budget.
      const keys = await page.evaluate(() => window.e2e.buffer(600, 'hide', 500))
      await waitUntilStored(page, 600)
      await closeTab(page)

      // Read the page's own log of the keepalive fetches it made while closing, from a new tab
      // that is not yet metering; each of them must reach the server: one the browser refused
      // for crossing its 64 KiB in-flight cap would be logged but never arrive.
      const inspector = await suite.context.newPage()
      await inspector.goto(suite.served.url)
      const keepaliveRequests = await inspector.evaluate(() =>
        Number(localStorage.getItem('e2e:keepalive-requests')),
      )
      await inspector.close()
      const ingestBodies = () =>
        proxy.requests
          .filter(({ method, path }) => method === 'POST' && path === '/v1/events/ingest')
          .map(({ bodyBytes }) => bodyBytes)
      await expect.poll(() => ingestBodies().length).toBe(keepaliveRequests)
      expect(keepaliveRequests).toBeGreaterThan(1)
      for (const bytes of ingestBodies()) expect(bytes).toBeLessThanOrEqual(16 * 1024)

      // What the closing page could not send is stored; the next visit sends it.
      await suite.openTab(proxy.url)
      await waitUntilCounted(600)
      expect(countedKeys()).toEqual([...keys].sort())
    } finally {
      await proxy.close()
    }
  })

  it('hidden (not closed): keepalive chunks keep going until everything is counted', async () => {
    const page = await suite.openTab()
    const keys = await page.evaluate(() => window.e2e.buffer(300, 'hidden', 500))
    await waitUntilStored(page, 300)
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await waitUntilCounted(300)
    expect(countedKeys()).toEqual([...keys].sort())
    expect(await page.evaluate(() => window.e2e.keepaliveRequests())).toBeGreaterThan(3)
    await page.waitForFunction(async () => (await window.e2e.storedEventCount()) === 0)
  })
})
