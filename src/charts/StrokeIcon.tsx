/** A decorative line icon on a 16×16 grid, drawn in the text colour; what it means is always also written out beside it. */
export function StrokeIcon({ path, sizePx }: { path: string; sizePx: number }) {
  return (
    <svg
      className="sm-level-icon"
      viewBox="0 0 16 16"
      width={sizePx}
      height={sizePx}
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={path}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
