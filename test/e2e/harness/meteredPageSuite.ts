import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { type RunningEmulator, startEmulator } from '../../../src/testing/index.js'
import { bundlePage } from './bundlePage.js'
import { launchChromium } from './launchChromium.js'
import { openMeteredPage } from './openMeteredPage.js'
import { type ServedPage, servePage } from './servePage.js'

/** What a suite of metered-page tests works with; set once its `beforeAll` has run. */
export interface MeteredPageSuite {
  readonly browser: Browser
  /** The bundled metering page, served on its own port. */
  readonly served: ServedPage
  /** The emulator, a new one for each test. */
  readonly api: RunningEmulator
  /** A fresh browser profile for each test: its tabs share IndexedDB, locks and localStorage. */
  readonly context: BrowserContext
  /** Opens a tab in `context` that meters against `api`, through `proxyUrl` if given. */
  openTab(proxyUrl?: string): Promise<Page>
}

/**
 * Registers the hooks of a suite of metered-page tests: one Chromium and the page for the whole
 * file; for each test a fresh browser profile and a fresh emulator on another port than the page
 * (so every request is cross-origin, preflighted, with credentials).
 */
export function meteredPageSuite(): MeteredPageSuite {
  const suite = {
    openTab: (proxyUrl?: string) =>
      openMeteredPage(suite.context, suite.served.url, suite.api, proxyUrl),
  } as { -readonly [K in keyof MeteredPageSuite]: MeteredPageSuite[K] }

  beforeAll(async () => {
    ;[suite.browser, suite.served] = await Promise.all([
      launchChromium(),
      bundlePage('clientPage.ts').then(servePage),
    ])
  })
  afterAll(async () => {
    await suite.browser?.close()
    await suite.served?.close()
  })
  // A fresh emulator on a fresh port for each test: a request of the last test still on its way
  // (a keepalive, or Chromium resending a POST whose connection was reset) cannot be counted in
  // this one, as it was once when one emulator was only reset between tests.
  beforeEach(async () => {
    ;[suite.api, suite.context] = await Promise.all([
      startEmulator({ seed: false }),
      suite.browser.newContext(),
    ])
  })
  afterEach(async () => {
    await suite.context?.close()
    await suite.api?.close()
  })
  return suite
}
