import { useId } from 'react'
import type { MetricUsage } from '../core/types.js'
import type { Formatters } from './format.js'
import { LevelIcon } from './LevelIcon.js'
import { usageLevel, usageLevelLabels } from './usageLevel.js'

interface UsageMeterBarProps {
  metric: MetricUsage
  label: string
  formatters: Formatters
}

/**
 * One metric against its limit: label, value with unit, bar, percentage and level in words.
 * Over the limit the bar is rescaled so the limit mark sits inside it and the excess shows
 * hatched beyond it, rather than being clipped at 100 %. Without a limit: the value alone.
 */
export function UsageMeterBar({ metric, label, formatters: format }: UsageMeterBarProps) {
  const labelId = useId()
  const { current, limit, unit } = metric
  const level = usageLevel(current, limit)
  const ratio = limit !== undefined && limit > 0 ? current / limit : undefined
  const value = format.quantity(current, unit)

  if (limit === undefined) {
    return (
      <div className="sm-meter-row" data-sm-level={level}>
        <div className="sm-meter-heading">
          <span id={labelId} className="sm-meter-label">
            {label}
          </span>
          <span className="sm-meter-value">{value}</span>
        </div>
        <p className="sm-meter-status">{usageLevelLabels.none}</p>
      </div>
    )
  }

  const over = current > limit
  // Over the limit, the track spans `current` and the limit sits at limit/current of it.
  const scale = over ? current : limit
  const limitPercent = scale > 0 ? (limit / scale) * 100 : 100
  const fillPercent = scale > 0 ? (Math.max(0, Math.min(current, limit)) / scale) * 100 : 0
  const percentText = ratio === undefined ? undefined : format.percent(ratio)
  const statusText = over
    ? `${usageLevelLabels.over} by ${format.quantity(current - limit, unit)}`
    : usageLevelLabels[level]
  const valueText = [
    `${format.exactQuantity(current, unit)} of ${format.exactQuantity(limit, unit)}`,
    percentText,
    statusText,
  ]
    .filter(Boolean)
    .join(', ')

  return (
    <div className="sm-meter-row" data-sm-level={level}>
      <div className="sm-meter-heading">
        <span id={labelId} className="sm-meter-label">
          {label}
        </span>
        <span className="sm-meter-value">
          {value} <span className="sm-muted">/ {format.quantity(limit, unit)}</span>
        </span>
      </div>
      <div
        className="sm-meter-track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={limit}
        // ARIA wants now ≤ max; the true figure (even over the limit) is in aria-valuetext.
        aria-valuenow={Math.min(Math.max(current, 0), limit)}
        aria-valuetext={valueText}
      >
        <span className="sm-meter-fill" style={{ width: `${fillPercent}%` }} />
        {over && (
          <>
            <span
              className="sm-meter-excess"
              style={{ left: `${limitPercent}%`, width: `${100 - limitPercent}%` }}
            />
            <span className="sm-meter-limit-mark" style={{ left: `${limitPercent}%` }} />
          </>
        )}
      </div>
      <p className="sm-meter-status">
        <LevelIcon level={level} />
        {percentText && <span className="sm-meter-percent">{percentText}</span>}
        <span>{statusText}</span>
      </p>
    </div>
  )
}
