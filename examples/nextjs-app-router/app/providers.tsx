'use client'

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { StripeMeterProvider } from 'stripemeter/react'

/**
 * One React Query cache and one StripeMeter client for the whole app, kept across navigations.
 * The `<QueryClientProvider>` is what `<HydrationBoundary>` fills with the data the pages
 * prefetch on the server; `<StripeMeterProvider>` uses the enclosing one. The client talks to
 * our own `/api/stripemeter` route and holds no key: the route adds it on the server.
 */
export function Providers({ children }: { children: ReactNode }) {
  // Server-prefetched data is not refetched on arrival: the server caches usage for 30 s anyway,
  // and every delivery of a tracked event refetches what it changed.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }),
  )
  return (
    <QueryClientProvider client={queryClient}>
      <StripeMeterProvider
        options={{
          apiUrl: '/api/stripemeter',
          tenantId: process.env.NEXT_PUBLIC_STRIPEMETER_TENANT_ID ?? '',
        }}
      >
        {children}
      </StripeMeterProvider>
    </QueryClientProvider>
  )
}
