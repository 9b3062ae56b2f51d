import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import {
  CostBreakdownChart,
  CostProjection,
  UsageChart,
  UsageDashboard,
  UsageMeters,
} from '../src/charts'
import { showsData } from './support/play'
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
