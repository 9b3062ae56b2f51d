import type { BrowserContext, Page } from 'playwright-core'
import type { RunningEmulator } from '../../../src/testing/index.js'

/**
 * Opens the client page in a new tab of `context`, wired to the emulator (or to `apiUrl` in
 * front of it) with a bearer token.
 */
export async function openMeteredPage(
  context: BrowserContext,
  pageUrl: string,
  { url, emulator }: RunningEmulator,
  apiUrl = url,
): Promise<Page> {
  const page = await context.newPage()
  const query = new URLSearchParams({
    api: apiUrl,
    tenant: emulator.tenantId,
    token: emulator.apiKey,
  })
  await page.goto(`${pageUrl}?${query}`)
  await page.waitForFunction(() => window.e2e !== undefined)
  return page
}

/** Waits until every event `page` buffered is in IndexedDB (writes are asynchronous). */
export async function waitUntilStored(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    async (count) => (await window.e2e.storedEventCount()) === count,
    count,
    {
      polling: 50,
    },
  )
}

/**
 * Closes a tab the way a user does (beforeunload, pagehide, unload run) and waits until it is
 * gone: `close({ runBeforeUnload: true })` alone returns before the page has finished closing.
 */
export async function closeTab(page: Page): Promise<void> {
  const closed = page.waitForEvent('close')
  await page.close({ runBeforeUnload: true })
  await closed
}
