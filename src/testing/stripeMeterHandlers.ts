import { HttpResponse, http } from 'msw'
import { isEmulatorNetworkError } from './EmulatorNetworkError.js'
import type { StripeMeterEmulator } from './StripeMeterEmulator.js'

export interface StripeMeterHandlersOptions {
  /** The `apiUrl` your client uses, e.g. `https://api.stripemeter.test`; may include a path. */
  baseUrl: string
}

/**
 * msw request handlers serving `emulator` at `baseUrl`, for `setupServer` (`msw/node`),
 * `setupWorker` (Storybook, the browser) and our users' own tests. A scripted connection
 * reset becomes `HttpResponse.error()`, which `fetch` sees as a network failure.
 */
export function stripeMeterHandlers(
  emulator: StripeMeterEmulator,
  options: StripeMeterHandlersOptions,
) {
  const base = new URL(options.baseUrl)
  const basePath = base.pathname.replace(/\/+$/, '')
  return [
    http.all(`${base.origin}${basePath}/*`, async ({ request }) => {
      try {
        return await emulator.handle(request, { basePath })
      } catch (error) {
        if (isEmulatorNetworkError(error)) return HttpResponse.error()
        throw error
      }
    }),
  ]
}
