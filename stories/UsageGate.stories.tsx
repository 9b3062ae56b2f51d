import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageMeter } from '../src/charts'
import { UsageGate, useQuota, useTrack } from '../src/react'
import { showsData } from './support/play'
import { customers } from './support/scenarios'

interface GatedExportProps {
  customerRef: string
  /** API calls one export uses. */
  quantity: number
}

/** A feature behind `<UsageGate>`: each export tracks its API calls, the gate follows live. */
function GatedExport({ customerRef, quantity }: GatedExportProps) {
  const track = useTrack()
  const quota = useQuota(customerRef, 'api_calls')
  return (
    <div>
      <UsageMeter customerRef={customerRef} metric="api_calls" />
      <p role="status">
        Quota: {quota.status}
        {quota.remaining !== null ? `, ${quota.remaining.toLocaleString('en-US')} calls left` : ''}
      </p>
      <UsageGate
        customerRef={customerRef}
        metric="api_calls"
        quantity={quantity}
        fallback={
          <p>
            <strong>
              Export needs {quantity.toLocaleString('en-US')} more calls than you have.
            </strong>{' '}
            Upgrade your plan to keep exporting.
          </p>
        }
      >
        <button
          type="button"
          className="sm-live-button"
          onClick={() => track({ metric: 'api_calls', customerRef, quantity })}
        >
          Export ({quantity.toLocaleString('en-US')} API calls)
        </button>
      </UsageGate>
    </div>
  )
}

/**
 * `<UsageGate>` shows a feature while the live usage leaves room for it, and its fallback from
 * the frame after the click that crosses the limit — not after the next server read. Live
 * against the emulator: the customer is near the 50,000-call limit.
 */
const meta = {
  title: 'Live/UsageGate',
  component: GatedExport,
  args: { customerRef: customers.nearLimit, quantity: 2_000 },
} satisfies Meta<typeof GatedExport>

export default meta
type Story = StoryObj<typeof meta>

export const ClosesOnTheCrossingClick: Story = {
  name: 'Closes on the click that crosses the limit',
  async play(context) {
    const { canvas, userEvent } = context
    await showsData(context)
    await expect(await canvas.findByText(/^Quota: near/, {}, { timeout: 15_000 })).toBeVisible()
    // Near the limit (86–94 % of 50,000): at most five exports of 2,000 fit.
    for (let click = 0; click < 6; click++) {
      const exportButton = canvas.queryByRole('button', { name: /^Export/ })
      if (exportButton === null) break
      await userEvent.click(exportButton)
    }
    await expect(canvas.getByText(/Upgrade your plan/)).toBeVisible()
    await expect(canvas.queryByRole('button', { name: /^Export/ })).toBeNull()
  },
}
