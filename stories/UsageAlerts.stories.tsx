import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageAlerts } from '../src/charts'
import {
  errorThenRetry,
  showsData,
  showsEmpty,
  showsSkeleton,
  staleAfterFailedRefresh,
} from './support/play'
import {
  customers,
  euro,
  failingServer,
  failsOnRefresh,
  manyMetrics,
  noLimits,
  slowServer,
  yen,
} from './support/scenarios'

/**
 * The server's alerts for this period (80 % of a limit: warning, 100 %: critical), most severe
 * first, each with its severity in words and an icon — never colour alone.
 */
const meta = {
  title: 'Widgets/UsageAlerts',
  component: UsageAlerts,
  args: { customerRef: customers.nearLimit },
} satisfies Meta<typeof UsageAlerts>

export default meta
type Story = StoryObj<typeof meta>

/** The alerts listed with their severity in words. */
async function showsAlerts(context: Parameters<typeof showsData>[0], severity: string) {
  await showsData(context)
  await expect(context.canvas.getAllByRole('listitem').length).toBeGreaterThan(0)
  await expect(context.canvas.getAllByText(`${severity}:`)[0]).toBeVisible()
}

export const Default: Story = {
  name: 'Near a limit (warning)',
  play: (context) => showsAlerts(context, 'Warning'),
}

export const OverLimit: Story = {
  name: 'Over a limit (critical)',
  args: { customerRef: customers.overLimit },
  play: (context) => showsAlerts(context, 'Critical'),
}

export const Loading: Story = { parameters: { stripemeter: slowServer }, play: showsSkeleton }

export const ErrorThenRetry: Story = {
  name: 'Error, then retry',
  parameters: { stripemeter: failingServer },
  play: errorThenRetry,
}

export const Empty: Story = {
  name: 'Empty (within every limit)',
  args: { customerRef: customers.steady },
  async play(context) {
    await showsEmpty(context)
    await expect(context.canvas.getByText('No alerts this period')).toBeVisible()
  },
}

export const Stale: Story = {
  parameters: { stripemeter: failsOnRefresh },
  play: staleAfterFailedRefresh,
}

export const NoLimits: Story = {
  name: 'No limits (the real server today)',
  parameters: { stripemeter: noLimits },
  play: showsEmpty,
}

export const ManyMetrics: Story = {
  name: 'Many metrics near their limits',
  parameters: { stripemeter: manyMetrics },
  args: { customerRef: customers.steady },
  play: (context) => showsAlerts(context, 'Critical'),
}

export const German: Story = {
  name: 'German (de-DE)',
  args: { customerRef: customers.overLimit },
  parameters: { stripemeter: euro },
  // The severity from the German catalog; the alert's text is the server's own.
  play: (context) => showsAlerts(context, 'Kritisch'),
}

export const Japanese: Story = {
  name: 'Japanese (ja-JP)',
  args: { customerRef: customers.overLimit },
  parameters: { stripemeter: yen },
  play: (context) => showsAlerts(context, '重大'),
}

export const Dark: Story = {
  args: { customerRef: customers.overLimit },
  globals: { theme: 'dark' },
  play: (context) => showsAlerts(context, 'Critical'),
}

export const Narrow: Story = {
  name: '320 px viewport',
  args: { customerRef: customers.overLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  play: (context) => showsAlerts(context, 'Critical'),
}

/** The app's backend serves the customer's budget (a `budgets` store); `budget` lists its alerts. */
const overBudget = {
  backend: {
    signedInAs: customers.overLimit,
    budget: { amount: 20, currency: 'USD', thresholds: [50, 80, 100], mode: 'notify' as const },
  },
}

export const Budget: Story = {
  name: 'With the customer’s budget (reached)',
  args: { customerRef: customers.overLimit, budget: true },
  parameters: { stripemeter: overBudget },
  async play(context) {
    await showsData(context)
    await expect(
      await context.canvas.findByText(
        /^You’ve reached your \$20\.00 budget/,
        {},
        { timeout: 15_000 },
      ),
    ).toBeVisible()
  },
}

export const BudgetNarrow: Story = {
  name: 'With the customer’s budget at 320 px',
  args: { customerRef: customers.overLimit, budget: true },
  parameters: { stripemeter: overBudget },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  async play(context) {
    await showsData(context)
    await context.canvas.findByText(/budget/, {}, { timeout: 15_000 })
  },
}

export const BudgetDark: Story = {
  name: 'With the customer’s budget, dark',
  args: { customerRef: customers.overLimit, budget: true },
  parameters: { stripemeter: overBudget },
  globals: { theme: 'dark' },
  async play(context) {
    await showsData(context)
    await context.canvas.findByText(/budget/, {}, { timeout: 15_000 })
  },
}
