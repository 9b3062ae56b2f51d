import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { UsageAlertsView } from '../../src/charts/UsageAlertsView.js'
import type { UsageAlert } from '../../src/core/types.js'
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

  it('has no axe violations in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(<UsageAlertsView data={alerts} theme={theme} />)
      await expectNoAxeViolations(container)
      unmount()
    }
  })
})
