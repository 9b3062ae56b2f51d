import { cleanup, type RenderResult, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach } from 'vitest'
import { StripeMeterProvider, type StripeMeterProviderSharedProps } from '../../src/react/index.js'
import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from '../../src/testing/index.js'

const running: RunningEmulator[] = []

afterEach(async () => {
  // No vitest globals here, so Testing Library cannot register its own cleanup.
  cleanup()
  await Promise.all(running.splice(0).map((server) => server.close()))
})

/**
 * A real emulator on 127.0.0.1, closed after the test. Without auth by default: the browser
 * setup we recommend has no key in the page (the app's own route adds it).
 */
export async function emulatorOnLoopback(options: StartEmulatorOptions = {}) {
  const server = await startEmulator({ auth: false, ...options })
  running.push(server)
  return server
}

export interface ProviderSetup extends Omit<StripeMeterProviderSharedProps, 'children'> {
  batchSize?: number
  flushInterval?: number
  apiKey?: string
  retryAttempts?: number
}

/** `<StripeMeterProvider>` owning a client that talks to the emulator (no key unless given). */
export function providerFor(
  server: RunningEmulator,
  setup: ProviderSetup = {},
): (props: { children?: ReactNode }) => ReactNode {
  const { flushInterval = 60_000, batchSize, apiKey, retryAttempts, ...shared } = setup
  const options = {
    apiUrl: server.url,
    tenantId: server.emulator.tenantId,
    flushInterval,
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(retryAttempts === undefined ? {} : { retryAttempts }),
  }
  return ({ children }) => (
    <StripeMeterProvider options={options} {...shared}>
      {children}
    </StripeMeterProvider>
  )
}

export function renderWith(
  server: RunningEmulator,
  ui: ReactNode,
  setup: ProviderSetup = {},
): RenderResult {
  return render(ui, { wrapper: providerFor(server, setup) })
}

/** The usage answer exactly as the emulator serves it, read past the React layer. */
export async function serverUsage(server: RunningEmulator, customerRef: string) {
  const url = new URL('/v1/usage/current', server.url)
  url.searchParams.set('tenantId', server.emulator.tenantId)
  url.searchParams.set('customerRef', customerRef)
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${server.emulator.apiKey}` },
  })
  return response.json()
}
