'use client'

import type { ReactNode } from 'react'
import { StripeMeterProvider } from 'stripemeter/react'

/**
 * One StripeMeter client for the whole app, kept across navigations. It talks to our own
 * `/api/stripemeter` route and holds no key: the route adds it on the server.
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <StripeMeterProvider
      options={{
        apiUrl: '/api/stripemeter',
        tenantId: process.env.NEXT_PUBLIC_STRIPEMETER_TENANT_ID ?? '',
      }}
    >
      {children}
    </StripeMeterProvider>
  )
}
