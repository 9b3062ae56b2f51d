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

/**
 * The API calls the meter shows and the API calls the cost prices (its line item's quantity, as
 * seen: the live figure), read straight from the DOM so a mutation observer can afford it.
 */
function apiCallsOnScreen(canvasElement: HTMLElement): { meter?: number; cost?: number } {
  const seen: { meter?: number; cost?: number } = {}
  for (const bar of canvasElement.querySelectorAll('[role="progressbar"]')) {
    const label = document.getElementById(bar.getAttribute('aria-labelledby') ?? '')
    if (label?.textContent === 'API calls')
      seen.meter = apiCallsNow(bar.getAttribute('aria-valuetext'))
  }
  for (const row of canvasElement.querySelectorAll('.sm-cost-table tbody tr')) {
    if (row.querySelector('th')?.textContent !== 'API calls') continue
    const cell = row.querySelector('td')
    const text = cell?.querySelector('[aria-hidden="true"]')?.textContent ?? cell?.textContent
    seen.cost = Number((text ?? '').replaceAll(/\D/g, ''))
  }
  return seen
}

/**
 * Checks after every change to the page that the meter and the cost show the same API calls;
 * `stop()` ends the watch and returns every moment they did not (none, if live cost works).
 */
function watchMeterAndCost(canvasElement: HTMLElement) {
  const disagreements: string[] = []
  const check = () => {
    const { meter, cost } = apiCallsOnScreen(canvasElement)
    if (meter !== undefined && cost !== undefined && meter !== cost) {
      disagreements.push(`meter ${meter}, cost ${cost}`)
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(canvasElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  })
  check()
  return {
    stop: () => {
      observer.disconnect()
      check()
      return disagreements
    },
  }
}

export const Live: Story = {
  async play(context) {
    const { canvas, canvasElement, userEvent, step } = context
    await showsData(context)
    const meterAndCost = watchMeterAndCost(canvasElement)
    const meter = () => canvas.getByRole('progressbar', { name: 'API calls' })
    const before = apiCallsNow(meter().getAttribute('aria-valuetext'))
    const search = canvas.getByRole('button', { name: 'Search (1 API call)' })

    await step('Track three searches: the meter moves at once', async () => {
      for (let click = 0; click < 3; click++) await userEvent.click(search)
      // Live usage redraws once per animation frame: on a busy machine that is after the click.
      await waitFor(
        () => expect(apiCallsNow(meter().getAttribute('aria-valuetext'))).toBe(before + 3),
        { timeout: 10_000 },
      )
    })

    await step('Go offline and track two more: they wait in the buffer', async () => {
      await userEvent.click(canvas.getByRole('radio', { name: 'Offline' }))
      await userEvent.click(search)
      await userEvent.click(search)
      await waitFor(
        () => expect(apiCallsNow(meter().getAttribute('aria-valuetext'))).toBe(before + 5),
        { timeout: 10_000 },
      )
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

    await step('At every moment, the cost priced the API calls the meter showed', async () => {
      await expect(meterAndCost.stop()).toEqual([])
    })
  },
}

/**
 * Live cost: a report of 250 API calls moves the cost with the meter at once, priced as the
 * server will price it (the first 10,000 calls are free, then graduated tiers), with the part
 * the server has not counted yet marked as syncing. Once the server counts the calls, the
 * mark goes and the figure stays.
 */
export const LiveCost: Story = {
  name: 'Live cost, moving with the meter',
  async play(context) {
    const { canvas, canvasElement, userEvent, step } = context
    await showsData(context)
    const meterAndCost = watchMeterAndCost(canvasElement)
    const before = apiCallsOnScreen(canvasElement)
    await expect(before.cost).toBe(before.meter)
    const syncing = () => canvasElement.querySelector('.sm-cost-summary .sm-cost-syncing')
    const hero = () => canvasElement.querySelector('.sm-cost-summary .sm-cost-amount')
    let liveTotal = ''

    await step('Run a report: meter and cost move together, the new part marked', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Run a report (250 API calls)' }))
      await waitFor(() =>
        expect(apiCallsOnScreen(canvasElement)).toEqual({
          meter: (before.meter ?? 0) + 250,
          cost: (before.meter ?? 0) + 250,
        }),
      )
      // 250 calls past the free tier at $0.002 each.
      await waitFor(() => expect(syncing()).toHaveTextContent('+$0.50 syncing'))
      liveTotal = hero()?.querySelector('[aria-hidden="true"]')?.textContent ?? ''
      // Screen readers read the server's figure, which does not include the report yet.
      await expect(hero()?.querySelector('.sm-visually-hidden')?.textContent).not.toBe(liveTotal)
    })

    await step('Delivered and counted: the mark goes, the figure stays', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Flush now' }))
      await waitFor(() => expect(canvas.getByTestId('counted')).toHaveTextContent('1'), {
        timeout: 15_000,
      })
      await waitFor(() => expect(syncing()).toBeNull(), { timeout: 15_000 })
      await expect(hero()?.textContent).toBe(liveTotal)
    })

    await step('At every moment, the cost priced the API calls the meter showed', async () => {
      await expect(meterAndCost.stop()).toEqual([])
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
