/**
 * The layout assertion every story runs in `npm test` (vitest's `storybook` project), after its
 * play function: at 320, 768 and 1280 px, in light and dark, what the user sees is checked at
 * the document's level — not the widget's own box, which can look fine while a hidden table
 * drags the page sideways. A story opts out with `parameters.layoutCheck: false` (none does).
 */
import { page } from 'vitest/browser'

export const LAYOUT_WIDTHS_PX = [320, 768, 1280] as const
const HEIGHT_PX = 900
/** Sub-pixel rounding of text boxes; anything past it is a real overflow or overlap. */
const TOLERANCE_PX = 1.5

interface TextBox {
  node: Text
  rect: DOMRect
}

/** Every problem on the page at this width and theme, as sentences; empty when the layout holds. */
export function layoutProblems(canvas: Element, label: string): string[] {
  const problems: string[] = []
  const root = document.documentElement
  if (root.scrollWidth > window.innerWidth + TOLERANCE_PX) {
    problems.push(`${label}: the document scrolls sideways (${root.scrollWidth} px wide)`)
  }
  const canvasBottom = canvas.getBoundingClientRect().bottom + window.scrollY
  if (root.scrollHeight > Math.max(window.innerHeight, canvasBottom) + TOLERANCE_PX) {
    problems.push(
      `${label}: the document is ${root.scrollHeight} px tall, its content ends at ${Math.round(canvasBottom)} px`,
    )
  }
  // A story on its own page is the whole page: below its canvas would be the page's own
  // background (a white band under a dark dashboard).
  if (
    canvas.classList.contains('sm-story-page') &&
    canvasBottom < window.innerHeight - TOLERANCE_PX
  ) {
    problems.push(
      `${label}: the canvas ends at ${Math.round(canvasBottom)} px, above the window's ${window.innerHeight} px`,
    )
  }
  for (const row of canvas.querySelectorAll('.sm-skeleton-row')) {
    const { width, height } = row.getBoundingClientRect()
    if (width < 8 || height < 4) {
      problems.push(`${label}: a skeleton row is ${width}×${height} px`)
    }
  }
  for (const card of canvas.querySelectorAll('.sm-widget')) {
    const cardRect = card.getBoundingClientRect()
    const name = card.querySelector('.sm-title')?.textContent ?? card.className
    const boxes = visibleTextBoxes(card)
    for (const box of boxes) {
      if (!inside(box.rect, cardRect)) {
        problems.push(`${label}: "${excerpt(box.node)}" leaves its card "${name}"`)
      }
    }
    for (let first = 0; first < boxes.length; first++) {
      for (let second = first + 1; second < boxes.length; second++) {
        const a = boxes[first] as TextBox
        const b = boxes[second] as TextBox
        if (a.node !== b.node && overlaps(a.rect, b.rect)) {
          problems.push(`${label}: "${excerpt(a.node)}" overlaps "${excerpt(b.node)}" in "${name}"`)
        }
      }
    }
  }
  return problems
}

/** Runs `layoutProblems` at each width, light and dark, and puts the story back as it was. */
export async function checkLayout(canvas: HTMLElement): Promise<string[]> {
  const problems: string[] = []
  const themeBefore = canvas.getAttribute('data-sm-theme')
  const widthBefore = window.innerWidth
  const heightBefore = window.innerHeight
  try {
    for (const widthPx of LAYOUT_WIDTHS_PX) {
      await resizeViewport(widthPx, HEIGHT_PX)
      for (const theme of ['light', 'dark'] as const) {
        canvas.setAttribute('data-sm-theme', theme)
        problems.push(...layoutProblems(canvas, `${widthPx} px, ${theme}`))
      }
    }
  } finally {
    if (themeBefore === null) canvas.removeAttribute('data-sm-theme')
    else canvas.setAttribute('data-sm-theme', themeBefore)
    await restoreViewport(widthBefore, heightBefore)
  }
  // The same fault at several widths is reported once per width; keep the list readable.
  return [...new Set(problems)].slice(0, 20)
}

/**
 * Gives the story's document `widthPx` × `heightPx` and waits until it has laid itself out again.
 *
 * The test runs in an iframe of vitest's page whose size comes from the custom properties
 * `--viewport-width/-height`. Setting them on our own iframe element resizes it at once, where
 * `page.viewport()` asks Playwright to resize the whole window (300–700 ms a call on a busy
 * machine, four calls a story: a quarter of the stories' time). If this window is not such an
 * iframe, or the size did not take, the slow, documented way does it.
 */
async function resizeViewport(widthPx: number, heightPx: number) {
  const frame = window.frameElement as HTMLElement | null
  frame?.style.setProperty('--viewport-width', `${widthPx}px`)
  frame?.style.setProperty('--viewport-height', `${heightPx}px`)
  await settled()
  if (window.innerWidth !== widthPx || window.innerHeight !== heightPx) {
    await page.viewport(widthPx, heightPx)
    await settled()
  }
}

/** Back to the size the story had: vitest's own custom properties on its page decide it again. */
async function restoreViewport(widthPx: number, heightPx: number) {
  const frame = window.frameElement as HTMLElement | null
  frame?.style.removeProperty('--viewport-width')
  frame?.style.removeProperty('--viewport-height')
  await settled()
  if (window.innerWidth !== widthPx || window.innerHeight !== heightPx) {
    await page.viewport(widthPx, heightPx)
    await settled()
  }
}

/** Resize observers, React's re-render and the charts' redraw: a few frames after a resize. */
async function settled() {
  for (let frame = 0; frame < 4; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}

function visibleTextBoxes(card: Element): TextBox[] {
  const boxes: TextBox[] = []
  const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT)
  const range = document.createRange()
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text
    const parent = text.parentElement
    if (!parent || !text.data.trim()) continue
    // Screen-reader-only text and inactive tooltips are not on screen.
    if (parent.closest('.sm-visually-hidden, .recharts-tooltip-wrapper, title, desc')) continue
    if (clipped(parent, card)) continue
    if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
    range.selectNodeContents(text)
    for (const rect of range.getClientRects()) {
      if (rect.width > 0 && rect.height > 0) boxes.push({ node: text, rect })
    }
  }
  return boxes
}

/** Inside a box clipped away (`clip-path: inset(50%)`, the narrow cost table's header). */
function clipped(element: Element, card: Element) {
  for (
    let current: Element | null = element;
    current && current !== card;
    current = current.parentElement
  ) {
    if (getComputedStyle(current).clipPath.startsWith('inset(50%')) return true
  }
  return false
}

function inside(inner: DOMRect, outer: DOMRect) {
  return (
    inner.left >= outer.left - TOLERANCE_PX &&
    inner.right <= outer.right + TOLERANCE_PX &&
    inner.top >= outer.top - TOLERANCE_PX &&
    inner.bottom <= outer.bottom + TOLERANCE_PX
  )
}

/** Overlapping by more than rounding in both directions (CJK glyph boxes touch line to line). */
function overlaps(a: DOMRect, b: DOMRect) {
  const across = Math.min(a.right, b.right) - Math.max(a.left, b.left)
  const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
  return across > 2 && down > 2
}

function excerpt(node: Text) {
  const text = node.data.trim()
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
