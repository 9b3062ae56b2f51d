import { redirect } from 'next/navigation'
import { currentCustomerRef } from '@/lib/session'
import { UsagePanel } from './UsagePanel'

/**
 * A server component: it reads the session, so the page knows its customer without asking
 * the browser. The route handler checks the same session again on every call.
 */
export default async function UsagePage() {
  const customerRef = await currentCustomerRef()
  if (customerRef === null) redirect('/login')
  return <UsagePanel customerRef={customerRef} />
}
