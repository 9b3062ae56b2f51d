import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { UsageAlerts } from '../../src/charts/UsageAlerts.js'
import { UsageAlertsView } from '../../src/charts/UsageAlertsView.js'
import type { BudgetAlert } from '../../src/core/budgetAlerts.js'
import type { UsageAlert } from '../../src/core/types.js'
import { StripeMeterProvider } from '../../src/react/StripeMeterProvider.js'
import { memoryBudgetStore } from '../../src/server/BudgetStore.js'
import { appBackend } from './appBackend.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const alerts: UsageAlert[] = [
  { type: 'threshold', message: 'Storage is at 82% of your limit', severity: 'warning' },
  { type: 'info', message: 'New prices from December', severity: 'info' },
  { type: 'threshold', message: 'Bandwidth is over its limit', severity: 'critical' },
]

describe('UsageAlertsView', () => {
  it('lists alerts most severe first, each with its severity in words', () => {
    renderWidget(<UsageAlertsView data={alerts} />)
    const items = screen.getAllByRole('listitem').map((item) => item.textContent)
    expect(items).toEqual([
      'Critical: Bandwidth is over its limit',
      'Warning: Storage is at 82% of your limit',
      'Info: New prices from December',
    ])
  })

  it('renders server text as text, never as markup', () => {
    const { container } = renderWidget(
      <UsageAlertsView
        data={[{ type: 'x', message: '<img src=x onerror="alert(1)">', severity: 'info' }]}
      />,
    )
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">')
  })

  it('shows the empty state without alerts', () => {
    renderWidget(<UsageAlertsView data={[]} />)
    expect(screen.getByText('No alerts this period')).toBeTruthy()
  })

  it('words budget alerts from the catalog and lists them with the server’s by severity', () => {
    const budget: BudgetAlert[] = [
      { kind: 'forecast', severity: 'warning', forecast: 234, amount: 200, currency: 'USD' },
      {
        kind: 'threshold',
        severity: 'info',
        threshold: 50,
        spent: 110,
        amount: 200,
        currency: 'USD',
      },
    ]
    renderWidget(<UsageAlertsView data={alerts} budgetAlerts={budget} locale="en-US" />)
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Critical: Bandwidth is over its limit',
      'Warning: At this pace you’ll spend $234.00 — over your $200.00 budget.',
      'Warning: Storage is at 82% of your limit',
      'Info: You’ve used 50% of your $200.00 budget.',
      'Info: New prices from December',
    ])
  })

  it('says the budget is reached once the spend is at the amount, in the widget’s language', () => {
    const reached: BudgetAlert[] = [
      {
        kind: 'threshold',
        severity: 'critical',
        threshold: 100,
        spent: 230,
        amount: 200,
        currency: 'EUR',
      },
    ]
    const { unmount } = renderWidget(
      <UsageAlertsView data={[]} budgetAlerts={reached} locale="en-US" />,
    )
    expect(screen.getByRole('listitem').textContent).toBe(
      'Critical: You’ve reached your €200.00 budget: €230.00 spent so far.',
    )
    unmount()
    renderWidget(<UsageAlertsView data={[]} budgetAlerts={reached} locale="de-DE" />)
    expect(screen.getByRole('listitem').textContent).toBe(
      'Kritisch: Sie haben Ihr Budget von 200,00\u00a0€ erreicht: bisher 230,00\u00a0€ ausgegeben.',
    )
  })

  it('has no axe violations in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(<UsageAlertsView data={alerts} theme={theme} />)
      await expectNoAxeViolations(container)
      unmount()
    }
  })
})

describe('UsageAlerts budget', () => {
  it('lists the stored budget’s alert from the app’s backend route beside the server’s', async () => {
    const { client } = appBackend(
      'cus_over_limit',
      // A budget the demo customer's month has long passed.
      memoryBudgetStore({
        cus_over_limit: { amount: 1, currency: 'USD', thresholds: [50, 80, 100], mode: 'notify' },
      }),
    )
    renderWidget(
      <StripeMeterProvider client={client} locale="en-US">
        <UsageAlerts customerRef="cus_over_limit" budget />
      </StripeMeterProvider>,
    )
    const budgetAlert = await screen.findByText(
      /^You’ve reached your \$1\.00 budget: \$[\d,.]+ spent so far\.$/,
      {},
      { timeout: 5_000 },
    )
    expect(budgetAlert.closest('li')?.getAttribute('data-sm-severity')).toBe('critical')
    // The server's own critical alert is still listed.
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(1)
  })
})
