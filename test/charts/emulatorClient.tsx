import type { ReactNode } from 'react'
import { createClient, type StripeMeterClient } from '../../src/core/StripeMeterClient.js'
import { StripeMeterProvider } from '../../src/react/StripeMeterProvider.js'
import { createEmulator } from '../../src/testing/StripeMeterEmulator.js'

/**
 * A real emulator and a client that talks to it through its Fetch-API core: the whole
 * client → hooks → widget path, minus only the socket (the Node server cannot run in a browser).
 */
export function emulatorHarness(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator(options)
  const client = createClient({
    apiUrl: 'http://stripemeter.test',
    tenantId: emulator.tenantId,
    apiKey: emulator.apiKey,
    fetch: (request) => emulator.handle(request),
    // Every demo emulator has the same tenant, so durable storage would hand one test's
    // undelivered events to the next test's client.
    storage: false,
  })
  return { emulator, client }
}

export function TestProvider(props: {
  client: StripeMeterClient
  locale?: string
  children: ReactNode
}) {
  return (
    <StripeMeterProvider client={props.client} {...(props.locale ? { locale: props.locale } : {})}>
      {props.children}
    </StripeMeterProvider>
  )
}
