import type { ReactNode } from 'react'
import { createClient } from '../../src/core/StripeMeterClient.js'
import { StripeMeterProvider } from '../../src/react/StripeMeterProvider.js'
import { createEmulator } from '../../src/testing/StripeMeterEmulator.js'

/**
 * A provider whose client talks to a real emulator through its Fetch-API core: the whole
 * client → hooks → widget path, minus only the socket (the Node server cannot run in a browser).
 */
export function emulatorHarness(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator(options)
  const client = createClient({
    apiUrl: 'http://stripemeter.test',
    tenantId: emulator.tenantId,
    apiKey: emulator.apiKey,
    fetch: (request) => emulator.handle(request),
  })
  function Wrapper({ children, locale }: { children: ReactNode; locale?: string }) {
    return (
      <StripeMeterProvider client={client} {...(locale ? { locale } : {})}>
        {children}
      </StripeMeterProvider>
    )
  }
  return { emulator, client, Wrapper }
}
