import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { storyEmulator } from '../.storybook/withStripeMeter'
import { UsageMeters } from '../src/charts'
import { useBufferStatus, useTrack } from '../src/react'
import { showsData } from './support/play'
import { customers } from './support/scenarios'

const signedInAs = customers.nearLimit

/** A billing page whose code asks for, and books usage to, another customer than the one signed in. */
function BillingPage({ customerRef }: { customerRef: string }) {
  const track = useTrack()
  const { flush, lastError } = useBufferStatus()
  const search = (bookedTo: string) => {
    track({ metric: 'api_calls', customerRef: bookedTo, quantity: 1 })
    void flush().catch(() => {}) // a refusal is reported through lastError
  }
  return (
    <div>
      <p>
        Signed in as <code>{signedInAs}</code>. This page asks for <code>{customerRef}</code>: the
        backend route answers with the signed-in customer's usage only, and refuses usage booked to
        anyone else.
      </p>
      <p className="sm-story-actions">
        <button type="button" className="sm-live-button" onClick={() => search(signedInAs)}>
          Search (1 API call for me)
        </button>
        <button type="button" className="sm-live-button" onClick={() => search(customerRef)}>
          Search (1 API call for {customerRef})
        </button>
      </p>
      <p role="status">{lastError ? `Refused: ${lastError.message}` : 'No refusals.'}</p>
      <UsageMeters customerRef={customerRef} />
    </div>
  )
}

/**
 * The recommended browser setup, for real: `<StripeMeterProvider>` has no API key and calls
 * the app's own route, `createStripeMeterHandler` holds the key, forces the signed-in customer
 * on every read and every event, and calls StripeMeter (the emulator, with auth on).
 * See Docs › Secure browser setup.
 */
const meta = {
  title: 'Live/Through your backend',
  component: BillingPage,
  args: { customerRef: customers.overLimit },
  parameters: { stripemeter: { backend: { signedInAs } } },
} satisfies Meta<typeof BillingPage>

export default meta
type Story = StoryObj<typeof meta>

export const AnotherCustomersUsageIsOutOfReach: Story = {
  name: "Another customer's usage is out of reach",
  async play(context) {
    const { canvas, userEvent } = context
    await showsData(context)
    // cus_over_limit is over its API call limit; the signed-in cus_near_limit is only near it.
    await expect(canvas.getByRole('progressbar', { name: 'API calls' })).toHaveAttribute(
      'aria-valuetext',
      expect.stringContaining('Near limit'),
    )
    await userEvent.click(canvas.getByRole('button', { name: 'Search (1 API call for me)' }))
    const { emulator } = storyEmulator(context.loaded)
    await waitFor(() => expect(emulator.countedEvents()).toHaveLength(1), { timeout: 15_000 })
    await expect(emulator.countedEvents()[0]?.customerRef).toBe(signedInAs)

    await userEvent.click(
      canvas.getByRole('button', { name: `Search (1 API call for ${customers.overLimit})` }),
    )
    await expect(
      await canvas.findByText(/^Refused: .*its own customer/, {}, { timeout: 15_000 }),
    ).toBeVisible()
    await expect(emulator.countedEvents()).toHaveLength(1)
  },
}
