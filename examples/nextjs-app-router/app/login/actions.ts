'use server'

import { redirect } from 'next/navigation'
import { startSession } from '@/lib/session'

/** The customers `npx stripemeter-emulator` seeds, one per state the widgets draw. */
const demoCustomers = ['cus_steady', 'cus_near_limit', 'cus_over_limit', 'cus_new']

/**
 * Development sign-in as one of the emulator's demo customers. Your real sign-in checks the
 * credentials against your user store and then calls `startSession(user.customerRef)`: the
 * customer always comes from your records, never from the form.
 */
export async function signInAsDemoCustomer(formData: FormData): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The demo sign-in is for development only')
  }
  const customerRef = String(formData.get('customerRef'))
  if (!demoCustomers.includes(customerRef)) throw new Error(`Unknown demo customer ${customerRef}`)
  await startSession(customerRef)
  redirect('/usage')
}
