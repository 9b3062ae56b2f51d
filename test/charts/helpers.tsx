/// <reference types="vite/client" />
import { cleanup, render } from '@testing-library/react'
import axe from 'axe-core'
import type { ReactElement } from 'react'
import { afterEach, expect } from 'vitest'
import '../../src/charts/styles.css'

afterEach(() => cleanup())

/** Renders into a fixed-width box so charts have a real size to measure. */
export function renderWidget(element: ReactElement, widthPx = 640) {
  const host = document.createElement('div')
  host.style.width = `${widthPx}px`
  document.body.append(host)
  const result = render(element, { container: host })
  return { ...result, host }
}

/** Runs axe-core on the rendered widget and fails with the rule ids and targets it reports. */
export async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, { resultTypes: ['violations'] })
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
  expect(summary).toEqual([])
}
