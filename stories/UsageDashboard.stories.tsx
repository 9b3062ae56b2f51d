import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageDashboard } from '../src/charts'
import {
  errorThenRetry,
  showsData,
  showsSkeleton,
  staleAfterFailedRefresh,
  widgetsLoaded,
} from './support/play'
import {
  arabicMessages,
  arabicMetricLabels,
  hebrewMessages,
  hebrewMetricLabels,
} from './support/rightToLeftMessages'
import {
  customers,
  euro,
  failingServer,
  failsOnRefresh,
  largeNumbers,
  manyMetrics,
  noLimits,
  platformCustomer,
  slowServer,
  yen,
} from './support/scenarios'

/**
 * Every widget for one customer: meters, cost so far with the period-end forecast, alerts, the
 * trend of the metric nearest its limit, usage against limits and the cost breakdown. It lays
 * itself out by the room it gets: one column from 320 px, two from 40rem, three from 64rem.
 */
const meta = {
  title: 'Widgets/UsageDashboard',
  component: UsageDashboard,
  args: { customerRef: customers.nearLimit },
} satisfies Meta<typeof UsageDashboard>

export default meta
type Story = StoryObj<typeof meta>

/** All six widgets have drawn the emulator's data. */
async function showsDashboard(context: Parameters<typeof showsData>[0]) {
  await showsData(context)
  await expect(context.canvasElement.querySelectorAll('.sm-widget')).toHaveLength(6)
}

export const Default: Story = { play: showsDashboard }

export const Loading: Story = { parameters: { stripemeter: slowServer }, play: showsSkeleton }

export const ErrorThenRetry: Story = {
  name: 'Error, then retry',
  parameters: { stripemeter: failingServer },
  play: errorThenRetry,
}

export const Empty: Story = {
  args: { customerRef: customers.new },
  async play(context) {
    await widgetsLoaded(context)
    await expect(context.canvas.getAllByText('No usage yet this period').length).toBeGreaterThan(0)
    await expect(context.canvas.queryByText('No charges yet')).toBeNull()
  },
}

export const Stale: Story = {
  parameters: { stripemeter: failsOnRefresh },
  async play(context) {
    await staleAfterFailedRefresh(context)
    // One notice for the whole dashboard, not one per card.
    await expect(context.canvasElement.querySelectorAll('.sm-stale')).toHaveLength(1)
  },
}

export const WithinLimits: Story = { args: { customerRef: customers.steady }, play: showsDashboard }

export const OverLimit: Story = { args: { customerRef: customers.overLimit }, play: showsDashboard }

export const NoLimits: Story = {
  name: 'No limits (the real server today)',
  args: { customerRef: customers.steady },
  parameters: { stripemeter: noLimits },
  async play(context) {
    await showsDashboard(context)
    await expect(context.canvas.queryAllByRole('progressbar')).toHaveLength(0)
  },
}

export const ManyMetrics: Story = {
  args: { customerRef: customers.steady },
  parameters: { stripemeter: manyMetrics },
  play: showsDashboard,
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer },
  parameters: { stripemeter: largeNumbers },
  play: showsDashboard,
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  parameters: { stripemeter: euro },
  play: showsDashboard,
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  parameters: { stripemeter: yen },
  play: showsDashboard,
}

/** Every word from the built-in catalog of the locale's language, numbers and dates in its format. */
export const French: Story = {
  name: 'French (fr-FR)',
  parameters: { stripemeter: { emulator: { currency: 'EUR' }, locale: 'fr-FR' } },
  async play(context) {
    await showsDashboard(context)
    await expect(context.canvas.getByText('Consommation de la période')).toBeVisible()
  },
}

export const Spanish: Story = {
  name: 'Spanish (es-ES)',
  parameters: { stripemeter: { emulator: { currency: 'EUR' }, locale: 'es-ES' } },
  async play(context) {
    await showsDashboard(context)
    await expect(context.canvas.getByText('Consumo de este periodo')).toBeVisible()
  },
}

/**
 * Right to left: the app passes its own Hebrew catalog (`messages`, typed `WidgetMessages`) and
 * metric names; each card and chart is laid out mirrored (`dir="rtl"`).
 */
export const Hebrew: Story = {
  name: 'Hebrew, right to left (he-IL)',
  parameters: { stripemeter: { emulator: { currency: 'ILS' }, locale: 'he-IL' } },
  args: { messages: hebrewMessages, metricLabels: hebrewMetricLabels },
  async play(context) {
    await showsDashboard(context)
    await isRightToLeft(context.canvasElement)
    await expect(context.canvas.getByText('שימוש בתקופה זו')).toBeVisible()
  },
}

export const Arabic: Story = {
  name: 'Arabic, right to left (ar-EG)',
  parameters: { stripemeter: { locale: 'ar-EG' } },
  args: { messages: arabicMessages, metricLabels: arabicMetricLabels },
  async play(context) {
    await showsDashboard(context)
    await isRightToLeft(context.canvasElement)
    await expect(context.canvas.getByText('الاستخدام في هذه الفترة')).toBeVisible()
  },
}

/**
 * A right-to-left locale without a catalog from the app: the words fall back to English, and
 * so do the direction, relative times and month names — no sentence mixes two languages;
 * numbers keep the locale's digits.
 */
export const ArabicWithoutCatalog: Story = {
  name: 'Arabic locale, no Arabic catalog (English words)',
  parameters: { stripemeter: { locale: 'ar-EG' } },
  async play(context) {
    await showsDashboard(context)
    for (const widget of context.canvasElement.querySelectorAll('.sm-widget')) {
      await expect(widget).not.toHaveAttribute('dir', 'rtl')
    }
    const words = context.canvasElement.textContent ?? ''
    await expect(words).toMatch(/Updated [٠-٩]+ (seconds?|minutes?) ago/)
    await expect(words).not.toMatch(/قبل/)
  },
}

async function isRightToLeft(canvasElement: HTMLElement) {
  for (const widget of canvasElement.querySelectorAll('.sm-widget:not(.sm-dashboard-notice)')) {
    await expect(widget).toHaveAttribute('dir', 'rtl')
  }
}

export const Dark: Story = { globals: { theme: 'dark' }, play: showsDashboard }

export const Narrow: Story = {
  name: '320 px viewport',
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  async play(context) {
    await showsDashboard(context)
    // One column; the shared layout check also proves the document never scrolls sideways.
    await expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320)
  },
}
