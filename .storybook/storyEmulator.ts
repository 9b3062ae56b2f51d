import { QueryClient } from '@tanstack/react-query'
import { type AnyHandler, http } from 'msw'
import { type SetupWorker, setupWorker } from 'msw/browser'
import type { Budget } from '../src/core/Budget'
import type { ProviderClientOptions } from '../src/react'
import { memoryBudgetStore } from '../src/server/BudgetStore'
import { createStripeMeterHandler } from '../src/server/createStripeMeterHandler'
// The emulator's own modules, not `src/testing/index.ts`: that entry also holds the Node server.
import { isEmulatorNetworkError } from '../src/testing/EmulatorNetworkError'
import type { EmulatorOptions } from '../src/testing/EmulatorOptions'
import { createEmulator, type StripeMeterEmulator } from '../src/testing/StripeMeterEmulator'
import { stripeMeterHandlers } from '../src/testing/stripeMeterHandlers'

/** What a story asks of its emulator, under `parameters.stripemeter`. */
export interface StoryEmulatorParameters {
  /**
   * Options of this story's emulator. The provider sends no API key, so auth is off unless
   * `backend` holds the key. @default { seed: 'demo', auth: backend !== undefined }
   */
  emulator?: EmulatorOptions
  /** Runs before the first render: ingest extra usage, script faults. */
  setup?: (emulator: StripeMeterEmulator) => void | Promise<void>
  /** Locale given to `<StripeMeterProvider locale>`. @default the toolbar's locale */
  locale?: string
  /** Render the story without `<StripeMeterProvider>` (presentational `…View` stories). @default true */
  provider?: boolean
  /**
   * Serve the story the recommended way: the provider calls the app's own backend route
   * (`createStripeMeterHandler`, signed in as `signedInAs`), which alone holds the API key and
   * calls the emulator with auth on; it serves budgets from memory (`budget`: the signed-in
   * customer's to start with). @default undefined (the provider calls the emulator)
   */
  backend?: { signedInAs: string; budget?: Budget }
  /** Client options of the provider, beyond `apiUrl` and `tenantId` (a slow server's `timeout`). @default {} */
  client?: Omit<ProviderClientOptions, 'apiUrl' | 'tenantId' | 'apiKey'>
}

/** What the loader hands to the decorators and the story: `context.loaded.stripemeter`. */
export interface StoryEmulator {
  emulator: StripeMeterEmulator
  /** A base URL of its own: stories rendered side by side on a docs page never share data or faults. */
  apiUrl: string
  /** The provider's React Query client, so a play function can refresh like an app does. */
  queryClient: QueryClient
  dispose(): void
}

declare module 'storybook/internal/csf' {
  interface Parameters {
    stripemeter?: StoryEmulatorParameters
  }
}

let workerStarted: Promise<SetupWorker> | undefined
/** The handlers of every story currently mounted, by base URL. */
const mountedHandlers = new Map<string, AnyHandler[]>()

/**
 * One msw worker for the whole preview. Its script is registered relative to the page
 * (`./mockServiceWorker.js`), so the static build works from any folder of any static server.
 */
function startWorker(): Promise<SetupWorker> {
  workerStarted ??= (async () => {
    const worker = setupWorker()
    await worker.start({
      quiet: true,
      serviceWorker: { url: './mockServiceWorker.js' },
      // Storybook's own modules and assets go to the network untouched.
      onUnhandledFrame: 'bypass',
    })
    return worker
  })()
  return workerStarted
}

/** Creates this story's emulator and routes `apiUrl` to it through msw. */
export async function mountStoryEmulator(
  storyId: string,
  parameters: StoryEmulatorParameters = {},
): Promise<StoryEmulator> {
  const worker = await startWorker()
  const { backend } = parameters
  const emulator = createEmulator({
    seed: 'demo',
    auth: backend !== undefined,
    ...parameters.emulator,
  })
  await parameters.setup?.(emulator)

  // A fresh path per mount, also across reloads: the browser client keeps undelivered events
  // per API URL and tenant, and must not hand one story's leftovers to another's emulator.
  const mountId = crypto.randomUUID().slice(0, 8)
  const apiUrl = new URL(`/stripemeter/${storyId}/${mountId}`, window.location.origin).href
  const handlers = backend
    ? appBackendHandlers(emulator, apiUrl, backend.signedInAs, backend.budget)
    : stripeMeterHandlers(emulator, { baseUrl: apiUrl })
  mountedHandlers.set(apiUrl, handlers)
  worker.use(...handlers)

  return {
    emulator,
    apiUrl,
    queryClient: new QueryClient(),
    dispose() {
      if (!mountedHandlers.delete(apiUrl)) return
      // Keep the other mounted stories' routes (a docs page renders many at once).
      worker.resetHandlers(...[...mountedHandlers.values()].flat())
    },
  }
}

/**
 * The app's own backend route at `apiUrl`, as in the "Secure browser setup" docs: the real
 * `createStripeMeterHandler`, holding the emulator's API key, forcing the signed-in customer
 * and calling the emulator (here in the page, standing in for a server).
 */
function appBackendHandlers(
  emulator: StripeMeterEmulator,
  apiUrl: string,
  signedInAs: string,
  budget: Budget | undefined,
): AnyHandler[] {
  const handler = createStripeMeterHandler({
    // Customers' own budgets, kept in this page's memory as an app keeps them in its database.
    budgets: memoryBudgetStore(budget ? { [signedInAs]: budget } : {}),
    apiUrl: 'https://stripemeter.emulator.invalid',
    apiKey: emulator.apiKey,
    tenantId: emulator.tenantId,
    identify: () => signedInAs,
    fetch: async (input, init) => {
      try {
        return await emulator.handle(new Request(input, init))
      } catch (error) {
        // A scripted connection reset: what fetch reports when the API drops the connection.
        throw isEmulatorNetworkError(error)
          ? new TypeError('fetch failed', { cause: error })
          : error
      }
    },
  })
  return [http.all(`${apiUrl}/*`, ({ request }) => handler(request))]
}
