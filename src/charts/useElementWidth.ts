import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * The rendered width of an element in CSS pixels, kept current with a `ResizeObserver`.
 * `fallbackPx` is used before the first measurement (and on the server, where nothing is measured).
 */
export function useElementWidth<Element extends HTMLElement>(fallbackPx: number) {
  const [widthPx, setWidthPx] = useState(fallbackPx)
  const observerRef = useRef<ResizeObserver | null>(null)

  const ref = useCallback((element: Element | null) => {
    observerRef.current?.disconnect()
    observerRef.current = null
    if (!element || typeof ResizeObserver === 'undefined') return
    const measured = element.getBoundingClientRect().width
    if (measured > 0) setWidthPx(Math.round(measured))
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 0
      if (width > 0) setWidthPx(Math.round(width))
    })
    observer.observe(element)
    observerRef.current = observer
  }, [])

  useEffect(() => () => observerRef.current?.disconnect(), [])
  return [ref, widthPx] as const
}
