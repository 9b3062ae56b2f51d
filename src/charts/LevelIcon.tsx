import { StrokeIcon } from './StrokeIcon.js'
import type { UsageLevel } from './usageLevel.js'

/** Shapes differ per level (not only colours), for readers who cannot tell the colours apart. */
const paths: Record<Exclude<UsageLevel, 'none'>, string> = {
  ok: 'M3 8.5l3 3 7-7',
  warning: 'M8 2l6.5 12h-13z M8 6.5v3.5 M8 12v.01',
  critical: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M8 4.5v4.5 M8 11.5v.01',
  over: 'M8 14V3 M3.5 7.5L8 3l4.5 4.5',
}

/** The level's icon, decorative: the level is always also written out in words beside it. */
export function LevelIcon({ level }: { level: UsageLevel }) {
  if (level === 'none') return null
  return <StrokeIcon path={paths[level]} sizePx={14} />
}
