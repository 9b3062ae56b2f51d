import { cleanup, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { checkLayout } from '../../.storybook/layoutCheck'

/**
 * The layout assertion every story runs after its play function. It resizes the story's own
 * frame rather than the browser window: these tests show that it still sees each width at the
 * document's level, finds what is wrong there and leaves the page as it found it.
 */
function renderCanvas(cardContent: ReactNode) {
  const { container } = render(
    // Padded like a story's canvas: the card's margins stay inside it, not above the page.
    <div className="sm-story-canvas" style={{ padding: 8 }}>
      <section className="sm-widget">
        <h2 className="sm-title">Card</h2>
        {cardContent}
      </section>
    </div>,
  )
  return container.querySelector<HTMLElement>('.sm-story-canvas') as HTMLElement
}

afterEach(cleanup)

describe('checkLayout', () => {
  it('passes a fluid card at every width and puts the window back as it was', async () => {
    const before = { width: window.innerWidth, height: window.innerHeight }
    const canvas = renderCanvas(<p>Fits any width</p>)

    expect(await checkLayout(canvas)).toEqual([])
    expect({ width: window.innerWidth, height: window.innerHeight }).toEqual(before)
    expect(canvas.hasAttribute('data-sm-theme')).toBe(false)
  })

  it('reports a page that scrolls sideways at 320 and 768 px, not at 1280', async () => {
    const canvas = renderCanvas(<div style={{ width: 1000, height: 10 }} />)

    const problems = await checkLayout(canvas)

    expect(problems).toContain('320 px, light: the document scrolls sideways (1008 px wide)')
    expect(problems).toContain('768 px, dark: the document scrolls sideways (1008 px wide)')
    expect(problems.some((problem) => problem.startsWith('1280 px'))).toBe(false)
  })

  it('reports text that leaves its card only where the card is narrower than the text', async () => {
    const canvas = renderCanvas(
      <p style={{ whiteSpace: 'nowrap' }}>
        {'A line of text far wider than a phone held upright, which does not wrap'}
      </p>,
    )
    // Clipped by the canvas, so the document itself does not scroll: only the card is at fault.
    canvas.style.overflow = 'hidden'

    const problems = await checkLayout(canvas)

    expect(problems).toContain(
      '320 px, light: "A line of text far wider than a phone he…" leaves its card "Card"',
    )
    expect(problems.some((problem) => problem.startsWith('1280 px'))).toBe(false)
  })

  it('reports text drawn over other text in one card', async () => {
    const canvas = renderCanvas(
      <div style={{ position: 'relative', height: 40 }}>
        <span style={{ position: 'absolute', left: 0, top: 0 }}>First label</span>
        <span style={{ position: 'absolute', left: 4, top: 4 }}>Second label</span>
      </div>,
    )

    expect(await checkLayout(canvas)).toContain(
      '320 px, light: "First label" overlaps "Second label" in "Card"',
    )
  })
})
