import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { UsageDashboard } from '../../src/charts/UsageDashboard.js'
import { demoCustomers } from '../../src/testing/demoData.js'
import { emulatorHarness, TestProvider } from './emulatorClient.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

/** Waits until every widget has left its skeleton and drawn its chart. */
async function settled(container: HTMLElement) {
  await waitFor(
    () => {
      expect(container.querySelector('[aria-busy="true"]')).toBeNull()
      expect(container.querySelector('.recharts-area-curve')).toBeTruthy()
      expect(container.querySelector('.recharts-pie-sector')).toBeTruthy()
      expect(screen.getByText(/^Forecast for /)).toBeTruthy()
    },
    // Six widgets and five histories through a real emulator: generous on a loaded machine.
    { timeout: 15_000 },
  )
}

function columnsOf(container: HTMLElement) {
  const grid = container.querySelector('.sm-dashboard-grid') as HTMLElement
  return getComputedStyle(grid).gridTemplateColumns.split(' ').length
}

describe('UsageDashboard', () => {
  it('composes every widget for the customer, trend on the metric nearest its limit', async () => {
    const { client } = emulatorHarness()
    const { container } = renderWidget(
      <TestProvider client={client} locale="en-US">
        <UsageDashboard customerRef={demoCustomers.nearLimit} />
      </TestProvider>,
      1200,
    )
    await settled(container)
    const headings = screen.getAllByRole('heading').map((heading) => heading.textContent)
    expect(headings).toEqual([
      'Usage this period',
      'Cost this period',
      'Alerts',
      'API calls over this period',
      'Usage against limits',
      'Cost by metric',
    ])
    expect(columnsOf(container)).toBe(3)
  })

  it('fits 320 px: one column, nothing wider than the screen, no axe violations', async () => {
    const { client } = emulatorHarness()
    const { container } = renderWidget(
      <TestProvider client={client}>
        <UsageDashboard customerRef={demoCustomers.overLimit} />
      </TestProvider>,
      320,
    )
    await settled(container)
    expect(columnsOf(container)).toBe(1)
    for (const widget of container.querySelectorAll<HTMLElement>('.sm-widget')) {
      expect(widget.getBoundingClientRect().width).toBeLessThanOrEqual(320)
      expect(widget.scrollWidth).toBeLessThanOrEqual(widget.clientWidth)
    }
    await expectNoAxeViolations(container)
  })

  it('two columns at tablet width, and the dark theme reaches every widget', async () => {
    const { client } = emulatorHarness()
    const { container } = renderWidget(
      <TestProvider client={client}>
        <UsageDashboard customerRef={demoCustomers.steady} theme="dark" />
      </TestProvider>,
      800,
    )
    await settled(container)
    expect(columnsOf(container)).toBe(2)
    for (const widget of container.querySelectorAll('.sm-widget')) {
      expect(getComputedStyle(widget).backgroundColor).toBe('rgb(22, 24, 29)')
    }
    await expectNoAxeViolations(container)
  })

  it('passes className, style and other props to its root', () => {
    const { client } = emulatorHarness()
    const { container } = renderWidget(
      <TestProvider client={client}>
        <UsageDashboard
          customerRef={demoCustomers.new}
          className="mine"
          style={{ padding: 8 }}
          aria-label="Billing"
        />
      </TestProvider>,
    )
    const root = container.firstElementChild as HTMLElement
    expect(root.className).toBe('sm-dashboard mine')
    expect(root.style.padding).toBe('8px')
    expect(root.getAttribute('aria-label')).toBe('Billing')
  })
})
