import { screen, waitFor } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { BudgetSettings } from '../../src/charts/BudgetSettings.js'
import { BudgetSettingsView } from '../../src/charts/BudgetSettingsView.js'
import { StripeMeterError } from '../../src/core/StripeMeterError.js'
import { StripeMeterProvider } from '../../src/react/StripeMeterProvider.js'
import { appBackend } from './appBackend.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const budget = { amount: 200, currency: 'USD', thresholds: [50, 80, 100], mode: 'notify' as const }

describe('BudgetSettingsView', () => {
  it('names the field it refuses, marks it invalid and describes it by the message', async () => {
    const onSave = vi.fn(async () => {})
    renderWidget(<BudgetSettingsView data={null} currency="USD" onSave={onSave} />)
    const amount = screen.getByLabelText('Amount (USD)')
    await userEvent.type(amount, '-5')
    await userEvent.click(screen.getByRole('button', { name: 'Save budget' }))
    expect(amount.getAttribute('aria-invalid')).toBe('true')
    const describedBy = amount.getAttribute('aria-describedby') ?? ''
    expect(document.getElementById(describedBy)?.textContent).toBe(
      'Enter an amount greater than 0, not “-5”.',
    )
    expect(onSave).not.toHaveBeenCalled()

    await userEvent.clear(amount)
    await userEvent.type(amount, '150')
    const thresholds = screen.getByLabelText('Alert at (% of the amount)')
    await userEvent.clear(thresholds)
    await userEvent.type(thresholds, '80, 50')
    await userEvent.click(screen.getByRole('button', { name: 'Save budget' }))
    expect(thresholds.getAttribute('aria-invalid')).toBe('true')
    expect(amount.getAttribute('aria-invalid')).toBeNull()
    expect(
      screen.getByText('“50” must be above 80: list the percentages in ascending order.'),
    ).toBeTruthy()

    await userEvent.clear(thresholds)
    await userEvent.type(thresholds, '50, 150%')
    await userEvent.click(screen.getByRole('button', { name: 'Save budget' }))
    expect(screen.getByText('“150%” is not a percentage from 1 to 100.')).toBeTruthy()
  })

  it('saves a checked budget from the keyboard alone', async () => {
    const onSave = vi.fn(async () => {})
    renderWidget(<BudgetSettingsView data={null} currency="EUR" onSave={onSave} />)
    await userEvent.tab()
    await userEvent.keyboard('250')
    await userEvent.tab() // thresholds: keep the defaults
    await userEvent.tab() // the mode radios
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    await userEvent.tab()
    await userEvent.keyboard('{Enter}')
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({
        amount: 250,
        currency: 'EUR',
        thresholds: [50, 80, 100],
        mode: 'hard',
      }),
    )
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Budget saved.')
  })

  it('shows the stored budget and has no axe violations in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(
        <BudgetSettingsView data={budget} currency="USD" onSave={async () => {}} theme={theme} />,
      )
      expect(screen.getByText('Your budget: $200.00 this period.')).toBeTruthy()
      expect((screen.getByLabelText('Amount (USD)') as HTMLInputElement).value).toBe('200')
      await expectNoAxeViolations(container)
      unmount()
    }
  })
})

describe('BudgetSettingsView words', () => {
  it('words a refusal in the catalog of its language, quoting the value typed', async () => {
    const onSave = vi.fn(async () => {})
    renderWidget(<BudgetSettingsView data={null} currency="EUR" onSave={onSave} locale="de-DE" />)
    const amount = screen.getByLabelText('Betrag (EUR)')
    await userEvent.type(amount, '0')
    await userEvent.click(screen.getByRole('button', { name: 'Budget speichern' }))
    expect(amount.getAttribute('aria-invalid')).toBe('true')
    expect(
      document.getElementById(amount.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toBe('Geben Sie einen Betrag über 0 ein, nicht „0“.')

    await userEvent.clear(amount)
    await userEvent.type(amount, '100')
    const thresholds = screen.getByLabelText('Hinweis bei (% des Betrags)')
    await userEvent.clear(thresholds)
    await userEvent.type(thresholds, '80 50')
    await userEvent.click(screen.getByRole('button', { name: 'Budget speichern' }))
    expect(
      screen.getByText('„50“ muss über 80 liegen: Geben Sie die Prozentwerte aufsteigend an.'),
    ).toBeTruthy()
    expect(onSave).not.toHaveBeenCalled()
  })

  it('words a failed save that is no refusal, its technical side behind Details', async () => {
    const failure = new StripeMeterError('fetch failed: connect ECONNREFUSED', {
      code: 'network_error',
      requestId: 'req_budget_1',
    })
    const onSave = vi.fn(async () => {
      throw failure
    })
    renderWidget(<BudgetSettingsView data={null} currency="EUR" onSave={onSave} locale="de-DE" />)
    await userEvent.type(screen.getByLabelText('Betrag (EUR)'), '100')
    await userEvent.click(screen.getByRole('button', { name: 'Budget speichern' }))

    const message = await screen.findByText(
      'Ihr Budget wurde nicht gespeichert. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    )
    expect(message.closest('[role="alert"]')).not.toBeNull()
    const detail = message.parentElement?.querySelector('details')
    expect(detail?.querySelector('summary')?.textContent).toBe('Details')
    expect(detail?.textContent).toContain('network_error · fetch failed: connect ECONNREFUSED')
    expect(detail?.textContent).toContain('req_budget_1')
    // The amount was fine: no field is marked, and what was typed is still there to retry.
    expect(screen.getByLabelText('Betrag (EUR)').getAttribute('aria-invalid')).toBeNull()
    expect((screen.getByLabelText('Betrag (EUR)') as HTMLInputElement).value).toBe('100')
  })

  it('takes its labels, modes and buttons from the catalog of its language', () => {
    renderWidget(
      <BudgetSettingsView data={budget} currency="USD" onSave={async () => {}} locale="fr-FR" />,
    )
    expect(screen.getByRole('heading').textContent).toBe('Budget')
    expect(screen.getByText(/^Votre budget : 200,00.+ sur cette période\.$/)).toBeTruthy()
    expect(screen.getByLabelText('Montant (USD)')).toBeTruthy()
    expect(screen.getByLabelText('Alerte à (% du montant)')).toBeTruthy()
    expect(screen.getByRole('radio', { name: /Me prévenir/ })).toHaveProperty('checked', true)
    expect(screen.getByRole('button', { name: 'Enregistrer le budget' })).toBeTruthy()
  })
})

describe('BudgetSettings', () => {
  it('saves through the app’s backend route, which refuses nothing it should keep', async () => {
    const { client, store } = appBackend('cus_steady')
    renderWidget(
      <StripeMeterProvider client={client}>
        <BudgetSettings customerRef="cus_steady" />
      </StripeMeterProvider>,
    )
    const amount = await screen.findByLabelText('Amount (USD)')
    await userEvent.type(amount, '75.5')
    await userEvent.click(screen.getByRole('button', { name: 'Save budget' }))
    await screen.findByText('Budget saved.')
    expect(store.get('cus_steady')).toEqual({
      amount: 75.5,
      currency: 'USD',
      thresholds: [50, 80, 100],
      mode: 'notify',
    })
    await screen.findByText('Your budget: $75.50 this period.')
    await userEvent.click(screen.getByRole('button', { name: 'Remove budget' }))
    await screen.findByText('Budget removed.')
    expect(store.get('cus_steady')).toBeNull()
  })

  it('words the backend’s refusal from its typed reason, in the widget’s language', async () => {
    const { client, store } = appBackend('cus_steady')
    // A form that believes the bill is in euros: only the backend knows it is in dollars.
    renderWidget(
      <BudgetSettingsView
        data={null}
        currency="EUR"
        onSave={(input) => client.setBudget('cus_steady', input)}
        locale="fr-FR"
      />,
    )
    const amount = screen.getByLabelText('Montant (EUR)')
    await userEvent.type(amount, '20')
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le budget' }))
    expect(
      await screen.findByText(
        'Le budget doit être en USD, la devise de votre facture, et non « EUR ».',
      ),
    ).toBeTruthy()
    expect(amount.getAttribute('aria-invalid')).toBe('true')
    expect(store.get('cus_steady')).toBeNull()
  })
})
