import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { BudgetSettings } from '../src/charts'
import { showsData } from './support/play'
import { customers, euro } from './support/scenarios'

const signedInAs = customers.steady

/**
 * The customer's own budget: the amount in their billing currency, alert thresholds and what
 * happens when it is reached. Served by the app's backend route (`createStripeMeterHandler`
 * with a `budgets` store), live against the emulator. A budget never refuses usage.
 */
const meta = {
  title: 'Widgets/BudgetSettings',
  component: BudgetSettings,
  args: { customerRef: signedInAs },
  parameters: { stripemeter: { backend: { signedInAs } } },
} satisfies Meta<typeof BudgetSettings>

export default meta
type Story = StoryObj<typeof meta>

export const NoBudgetYet: Story = {
  name: 'No budget yet: set one',
  async play(context) {
    const { canvas, userEvent } = context
    await showsData(context)
    await userEvent.type(canvas.getByLabelText('Amount (USD)'), '200')
    await userEvent.click(canvas.getByRole('button', { name: 'Save budget' }))
    await expect(await canvas.findByText('Budget saved.', {}, { timeout: 15_000 })).toBeVisible()
    await expect(canvas.getByText('Your budget: $200.00 this period.')).toBeVisible()
  },
}

export const Refused: Story = {
  name: 'A threshold out of order is refused, naming it',
  async play(context) {
    const { canvas, userEvent } = context
    await showsData(context)
    await userEvent.type(canvas.getByLabelText('Amount (USD)'), '50')
    const thresholds = canvas.getByLabelText('Alert at (% of the amount)')
    await userEvent.clear(thresholds)
    await userEvent.type(thresholds, '90, 60')
    await userEvent.click(canvas.getByRole('button', { name: 'Save budget' }))
    await expect(thresholds).toHaveAttribute('aria-invalid', 'true')
    await expect(
      canvas.getByText('“60” must be above 90: list the percentages in ascending order.'),
    ).toBeVisible()
  },
}

/** A refusal worded from the catalog by the checker's reason, quoting what was typed. */
export const RefusedInGerman: Story = {
  name: 'Refused in German (de-DE), at 320 px',
  parameters: { stripemeter: { ...euro, backend: { signedInAs } } },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  async play(context) {
    const { canvas, userEvent } = context
    await showsData(context)
    const amount = canvas.getByLabelText('Betrag (EUR)')
    await userEvent.type(amount, '-20')
    await userEvent.click(canvas.getByRole('button', { name: 'Budget speichern' }))
    await expect(amount).toHaveAttribute('aria-invalid', 'true')
    await expect(canvas.getByText('Geben Sie einen Betrag über 0 ein, nicht „-20“.')).toBeVisible()
  },
}

export const WithABudget: Story = {
  name: 'A hard budget already set',
  parameters: {
    stripemeter: {
      backend: {
        signedInAs,
        budget: { amount: 120, currency: 'USD', thresholds: [50, 80, 100], mode: 'hard' },
      },
    },
  },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText('Your budget: $120.00 this period.')).toBeVisible()
    await expect(context.canvas.getByRole('radio', { name: /Stop/ })).toBeChecked()
  },
}

/** The form's words from the catalog: German, billed in euros. */
export const German: Story = {
  name: 'German (de-DE), EUR',
  parameters: { stripemeter: { ...euro, backend: { signedInAs } } },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByLabelText('Betrag (EUR)')).toBeVisible()
    await expect(context.canvas.getByRole('radio', { name: /Stoppen/ })).toBeVisible()
    await expect(context.canvas.getByRole('button', { name: 'Budget speichern' })).toBeVisible()
  },
}

export const Japanese: Story = {
  name: 'Japanese (ja-JP), at 320 px',
  parameters: {
    stripemeter: { emulator: { currency: 'JPY' }, locale: 'ja-JP', backend: { signedInAs } },
  },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByLabelText('金額（JPY）')).toBeVisible()
  },
}
