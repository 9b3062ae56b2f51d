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
  /** The emulator, reset before each test. */
  readonly api: RunningEmulator
  /** A fresh browser profile for each test: its tabs share IndexedDB, locks and localStorage. */
  readonly context: BrowserContext
  /** Opens a tab in `context` that meters against `api`, through `proxyUrl` if given. */
  openTab(proxyUrl?: string): Promise<Page>
}

/**
 * Registers the hooks of a suite of metered-page tests: one Chromium, the page and the emulator
 * on another port (so every request is cross-origin, preflighted, with credentials) for the
 * whole file, and a fresh browser profile and emulator state for each test.
 */
export function meteredPageSuite(): MeteredPageSuite {
  const suite = {
    openTab: (proxyUrl?: string) =>
      openMeteredPage(suite.context, suite.served.url, suite.api, proxyUrl),
  } as { -readonly [K in keyof MeteredPageSuite]: MeteredPageSuite[K] }

  beforeAll(async () => {
    ;[suite.browser, suite.served, suite.api] = await Promise.all([
      launchChromium(),
      bundlePage('clientPage.ts').then(servePage),
      startEmulator({ seed: false }),
    ])
  })
  afterAll(async () => {
    await suite.browser?.close()
    await Promise.all([suite.served?.close(), suite.api?.close()])
  })
  beforeEach(async () => {
    suite.api.emulator.reset()
    suite.context = await suite.browser.newContext()
  })
  afterEach(async () => {
    await suite.context?.close()
  })
  return suite
}
