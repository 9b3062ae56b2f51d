import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import type { StoryEmulatorParameters } from '../.storybook/storyEmulator'
import { storyEmulator } from '../.storybook/withStripeMeter'
import {
  CostBreakdownChart,
  CostProjection,
  UsageAlerts,
  UsageChart,
  UsageDashboard,
  UsageMeters,
  UsageTrendChart,
} from '../src/charts'
import { showsChartTable, showsData, widgetsLoaded } from './support/play'
import { customers, realStripeMeter } from './support/scenarios'

/**
 * The dashboard as a customer of a real StripeMeter server sees it today: no limits, the
 * generic unit `"unit"`, prices of 0 and line items only for metrics with a price mapping.
 * Nothing reads "7,650 unit", no chart is drawn against a limit that does not exist, and zero
 * prices read "No charges yet" while the usage stays visible.
 */
const meta = {
  title: 'Widgets/Real StripeMeter',
  component: UsageDashboard,
  args: { customerRef: customers.steady },
  parameters: { stripemeter: realStripeMeter },
} satisfies Meta<typeof UsageDashboard>

export default meta
type Story = StoryObj<typeof meta>

type PlayContext = Parameters<typeof showsData>[0]

/**
 * Every read of the real server fails with `status` and `body` as it sends them (no request
 * id); the client makes no retries of its own, so the error shows at once.
 */
function realServerFailing(status: number, body: object): StoryEmulatorParameters {
  return {
    ...realStripeMeter,
    setup: (emulator) => {
      for (const route of ['usage', 'projection', 'history'] as const) {
        emulator.faults.always(route, { kind: 'status', status, body })
      }
    },
    client: { retryAttempts: 0 },
  }
}

/**
 * The customer reads "Usage is unavailable right now", never the server's words; the operator
 * finds them, with the client's own request id, behind Details. The server heals, Retry → data.
 */
async function unavailableThenRetry(context: PlayContext, technical: RegExp) {
  const { canvas, userEvent } = context
  await widgetsLoaded(context)
  const alerts = canvas.getAllByRole('alert')
  for (const alert of alerts) {
    await expect(alert).toHaveTextContent('Usage is unavailable right now')
    await expect(alert.querySelector('.sm-error-hint')?.textContent).not.toMatch(technical)
  }
  const [firstDetails] = canvas.getAllByText('Details')
  if (firstDetails) await userEvent.click(firstDetails)
  const detail = alerts[0]?.querySelector('.sm-error-detail')
  await expect(detail?.textContent).toMatch(technical)
  await expect(detail?.textContent).toMatch(/Request ID [\w-]+/)
  storyEmulator(context.loaded).emulator.faults.clear()
  for (const retry of canvas.getAllByRole('button', { name: 'Retry' })) await userEvent.click(retry)
  await waitFor(() => expect(canvas.queryAllByRole('alert')).toHaveLength(0), { timeout: 15_000 })
  await widgetsLoaded(context)
}

/** No quantity is followed by the placeholder unit. */
async function printsNoGenericUnit(context: PlayContext) {
  await expect(context.canvasElement.textContent ?? '').not.toMatch(/\d unit\b/)
}

export const Dashboard: Story = {
  async play(context) {
    await showsData(context)
    await printsNoGenericUnit(context)
    const { canvas } = context
    await expect(canvas.getAllByText('No charges yet').length).toBeGreaterThan(0)
    await expect(canvas.getAllByText('Not billed').length).toBeGreaterThan(0)
    await expect(canvas.getByText('No limits are set for these metrics.')).toBeVisible()
    await expect(canvas.queryAllByRole('progressbar')).toHaveLength(0)
  },
}

/** An app names its metrics and units; the widgets use those names everywhere. */
export const NamedByTheApp: Story = {
  name: 'Metrics and units named by the app',
  args: {
    metricLabels: { api_calls: 'Requests', storage_gb: 'Storage' },
    units: { api_calls: 'requests', storage_gb: 'GB' },
  },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getAllByText('Requests').length).toBeGreaterThan(0)
    await expect(context.canvasElement.textContent ?? '').toMatch(/\d requests/)
  },
}

export const German: Story = {
  name: 'German (de-DE)',
  parameters: { stripemeter: { ...realStripeMeter, locale: 'de-DE' } },
  async play(context) {
    await showsData(context)
    await printsNoGenericUnit(context)
    await expect(context.canvas.getAllByText('Noch keine Kosten').length).toBeGreaterThan(0)
  },
}

export const Meters: Story = {
  render: (args) => <UsageMeters customerRef={args.customerRef} />,
  async play(context) {
    await showsData(context)
    await printsNoGenericUnit(context)
    await expect(context.canvas.getAllByText('No limit').length).toBeGreaterThan(0)
  },
}

export const Cost: Story = {
  render: (args) => <CostProjection customerRef={args.customerRef} />,
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText('No charges yet')).toBeVisible()
    await expect(context.canvas.getAllByText('Not billed').length).toBeGreaterThan(0)
  },
}

export const Breakdown: Story = {
  render: (args) => <CostBreakdownChart customerRef={args.customerRef} />,
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText('No charges yet')).toBeVisible()
  },
}

export const Limits: Story = {
  name: 'Usage against limits',
  render: (args) => <UsageChart customerRef={args.customerRef} />,
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText('No limits are set for these metrics.')).toBeVisible()
    await printsNoGenericUnit(context)
  },
}

/** The running total without a limit line (there is no limit), and no "unit" on the axis or in the table. */
export const Trend: Story = {
  name: 'Usage over the period',
  render: (args) => <UsageTrendChart customerRef={args.customerRef} metric="api_calls" />,
  async play(context) {
    await showsChartTable(context)
    await printsNoGenericUnit(context)
    await expect(context.canvasElement.querySelector('.recharts-reference-line')).toBeNull()
    await expect(context.canvas.queryByText('Limit')).toBeNull()
  },
}

/** Per day: today, still in progress, is its own hollow point marked "so far", not a drop. */
export const PerDay: Story = {
  name: 'Usage per day',
  render: (args) => (
    <UsageTrendChart customerRef={args.customerRef} metric="api_calls" mode="per-bucket" />
  ),
  async play(context) {
    await showsChartTable(context)
    await printsNoGenericUnit(context)
    await expect(context.canvas.getByText('Per day (so far)')).toBeVisible()
  },
}

/** The real server sends `alerts: []` always: the calm empty state, no invented warnings. */
export const Alerts: Story = {
  render: (args) => <UsageAlerts customerRef={args.customerRef} />,
  async play(context) {
    await widgetsLoaded(context)
    await expect(context.canvas.getByText('No alerts this period')).toBeVisible()
  },
}

/** A value the database cannot store broke a read: `500 PostgresError` on every widget. */
export const DatabaseError: Story = {
  name: 'Server error (PostgresError)',
  parameters: {
    stripemeter: realServerFailing(500, {
      error: 'PostgresError',
      message: 'An internal server error occurred.',
    }),
  },
  play: (context) =>
    unavailableThenRetry(context, /http_error · 500 · .*An internal server error occurred/),
}

/** The app's key was revoked: `401 {"error":"Invalid API key"}` — the operator's problem. */
export const InvalidApiKey: Story = {
  name: 'Key refused (401)',
  render: (args) => <UsageMeters customerRef={args.customerRef} />,
  parameters: { stripemeter: realServerFailing(401, { error: 'Invalid API key' }) },
  play: (context) => unavailableThenRetry(context, /unauthorized · 401 · .*Invalid API key/),
}

/** Past the per-tenant 1000 requests a minute: `429 {"error":"Rate limit exceeded"}`, no `retry-after`. */
export const RateLimited: Story = {
  name: 'Tenant rate limit (429)',
  render: (args) => <CostProjection customerRef={args.customerRef} />,
  parameters: { stripemeter: realServerFailing(429, { error: 'Rate limit exceeded' }) },
  play: (context) => unavailableThenRetry(context, /rate_limited · 429 · .*Rate limit exceeded/),
}
