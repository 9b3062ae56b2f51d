import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { storyEmulator } from '../.storybook/withStripeMeter'
import { LiveDemo, type LiveDemoProps } from './live/LiveDemo'
import { showsData } from './support/play'
import { customers } from './support/scenarios'

/**
 * The whole library at work: buttons track usage through `useTrack()`, the meters move at once
 * (live usage), cost and trend follow each delivery, and the fault panel breaks the network
 * between the app and its emulated StripeMeter — slow, flaky, down, lost replies, offline —
 * while the delivery panel shows that every event is counted once or still waiting.
 */
const meta = {
  title: 'Live/Track usage',
  args: { customerRef: customers.steady },
  // The emulator is the story's own (see .storybook/withStripeMeter.tsx), not an arg.
  render: (args, { loaded }) => <LiveDemo {...args} emulator={storyEmulator(loaded).emulator} />,
} satisfies Meta<Pick<LiveDemoProps, 'customerRef'>>

export default meta
type Story = StoryObj<typeof meta>

/** `12,345 calls of 50,000 calls, …` → 12345 */
function apiCallsNow(valueText: string | null): number {
  return Number((valueText ?? '').split(' ')[0]?.replaceAll(/\D/g, ''))
}

export const Live: Story = {
  async play(context) {
    const { canvas, userEvent, step } = context
    await showsData(context)
    const meter = () => canvas.getByRole('progressbar', { name: 'API calls' })
    const before = apiCallsNow(meter().getAttribute('aria-valuetext'))
    const search = canvas.getByRole('button', { name: 'Search (1 API call)' })

    await step('Track three searches: the meter moves at once', async () => {
      for (let click = 0; click < 3; click++) await userEvent.click(search)
      await expect(apiCallsNow(meter().getAttribute('aria-valuetext'))).toBe(before + 3)
    })

    await step('Go offline and track two more: they wait in the buffer', async () => {
      await userEvent.click(canvas.getByRole('radio', { name: 'Offline' }))
      await userEvent.click(search)
      await userEvent.click(search)
      await expect(apiCallsNow(meter().getAttribute('aria-valuetext'))).toBe(before + 5)
      await waitFor(() => expect(canvas.getByText(/Last delivery failed/)).toBeVisible(), {
        timeout: 15_000,
      })
    })

    await step('Back online and flush: all five counted once, nothing lost', async () => {
      await userEvent.click(canvas.getByRole('radio', { name: 'Healthy' }))
      await userEvent.click(canvas.getByRole('button', { name: 'Flush now' }))
      await waitFor(() => expect(canvas.getByTestId('counted')).toHaveTextContent('5'), {
        timeout: 15_000,
      })
      // The server counts before the client hears its answer: wait for the client to settle.
      await waitFor(
        () =>
          expect(canvas.getByTestId('balance')).toHaveTextContent(
            'Nothing lost: 5 counted + 0 waiting = 5 tracked.',
          ),
        { timeout: 15_000 },
      )
      await expect(storyEmulator(context.loaded).emulator.countedEvents()).toHaveLength(5)
    })
  },
}

/**
 * The real server's timing: an event reaches the totals 1.5 s after ingest, and usage answers
 * are cached for 30 s. The meters still move at once and never count a delivered event twice
 * while the server catches up.
 */
export const RealServerTiming: Story = {
  name: 'Live, with the real server’s delays',
  parameters: { stripemeter: { emulator: { aggregationDelayMs: 1_500, cacheTtlMs: 30_000 } } },
  async play(context) {
    const { canvas, userEvent } = context
    await showsData(context)
    const meter = () => canvas.getByRole('progressbar', { name: 'API calls' })
    const before = apiCallsNow(meter().getAttribute('aria-valuetext'))
    const search = canvas.getByRole('button', { name: 'Search (1 API call)' })
    for (let click = 0; click < 3; click++) await userEvent.click(search)
    await expect(apiCallsNow(meter().getAttribute('aria-valuetext'))).toBe(before + 3)

    const { emulator, queryClient } = storyEmulator(context.loaded)
    const usageReadsBefore = emulator.stats().requests.usage ?? 0
    await userEvent.click(canvas.getByRole('button', { name: 'Flush now' }))
    await waitFor(() => expect(canvas.getByTestId('counted')).toHaveTextContent('3'), {
      timeout: 15_000,
    })
    // The delivery makes the provider read usage again; wait for that answer to be drawn.
    await waitFor(
      () => {
        expect(emulator.stats().requests.usage ?? 0).toBeGreaterThan(usageReadsBefore)
        expect(queryClient.isFetching()).toBe(0)
      },
      { timeout: 15_000 },
    )
    // Delivered, but the server's cached answer does not show them yet: still +3, not +0 or +6.
    await expect(apiCallsNow(meter().getAttribute('aria-valuetext'))).toBe(before + 3)
  },
}

/**
 * Half the deliveries are counted by the server but answered 503: the client cannot tell, so
 * it resends them with the same idempotency keys, and the server counts each event once.
 */
export const LostReplies: Story = {
  name: 'Live, replies lost after counting',
  async play(context) {
    const { canvas, userEvent } = context
    await showsData(context)
    await userEvent.click(canvas.getByRole('radio', { name: 'Lost replies' }))
    const search = canvas.getByRole('button', { name: 'Search (1 API call)' })
    for (let round = 1; round <= 4; round++) {
      await userEvent.click(search)
      await userEvent.click(canvas.getByRole('button', { name: 'Flush now' }))
      await waitFor(() => expect(canvas.getByTestId('counted')).toHaveTextContent(String(round)), {
        timeout: 15_000,
      })
    }
    // A resent event still in flight is counted and waiting at once; wait for its retry.
    await waitFor(
      () =>
        expect(canvas.getByTestId('balance')).toHaveTextContent(
          'Nothing lost: 4 counted + 0 waiting = 4 tracked.',
        ),
      { timeout: 15_000 },
    )
    await expect(Number(canvas.getByTestId('duplicates').textContent)).toBeGreaterThan(0)
  },
}
