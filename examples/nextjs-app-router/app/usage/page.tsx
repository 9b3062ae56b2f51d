import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query'
import { redirect } from 'next/navigation'
import { stripeMeterQueries } from 'stripemeter/react/queries'
import { currentCustomerRef } from '@/lib/session'
import { serverStripeMeter } from '@/lib/stripeMeterServer'
import { UsagePanel } from './UsagePanel'

/**
 * A server component: it reads the session, so the page knows its customer without asking the
 * browser (the route handler checks the same session again on every call), and it prefetches
 * the dashboard's reads, so the first paint shows the customer's numbers, not skeletons.
 * `stripemeter/react/queries` is the factories' entry without `"use client"`, callable here.
 */
export default async function UsagePage() {
  const customerRef = await currentCustomerRef()
  if (customerRef === null) redirect('/login')

  const queryClient = new QueryClient()
  const client = serverStripeMeter()
  // The forecast also fetches the projection and each priced metric's daily history into this
  // cache, under the keys the cost and trend widgets read. A read that fails here is simply not
  // prefetched: the browser fetches it as usual.
  await Promise.all([
    queryClient.prefetchQuery(stripeMeterQueries.usage(client, customerRef)),
    queryClient.prefetchQuery(stripeMeterQueries.forecast(client, customerRef)),
  ])

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <UsagePanel customerRef={customerRef} />
    </HydrationBoundary>
  )
}
