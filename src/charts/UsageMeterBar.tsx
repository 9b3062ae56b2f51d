import { useId } from 'react'
import type { MetricUsage } from '../core/types.js'
import { LevelIcon } from './LevelIcon.js'
import { usageLevel } from './usageLevel.js'
import type { WidgetText } from './useWidgetText.js'

interface UsageMeterBarProps {
  metric: MetricUsage
  text: WidgetText
  /**
   * The row's own label; without it the row is labelled by `labelledBy` (a meter whose widget
   * heading already names the metric does not repeat it).
   */
  label?: string
  labelledBy?: string
}

/**
 * One metric against its limit: label, value with unit, bar, percentage and level in words.
 * Over the limit the bar is rescaled so the limit mark sits inside it and the excess shows
 * hatched beyond it, rather than being clipped at 100 %. Without a limit: the value alone.
 */
export function UsageMeterBar({ metric, text, label, labelledBy }: UsageMeterBarProps) {
  const ownLabelId = useId()
  const labelId = label === undefined ? labelledBy : ownLabelId
  const { format, messages } = text
  const { current, limit } = metric
  const unit = text.unit(metric.name, metric.unit)
  const level = usageLevel(current, limit)
  const ratio = limit !== undefined && limit > 0 ? current / limit : undefined
  const value = format.quantity(current, unit)
  const heading = (limitText?: string) => (
    <div className="sm-meter-heading">
      {label !== undefined && (
        <span id={ownLabelId} className="sm-meter-label">
          {label}
        </span>
      )}
      <span className="sm-meter-value">
        {value}
        {limitText !== undefined && <span className="sm-muted"> / {limitText}</span>}
      </span>
    </div>
  )

  if (limit === undefined) {
    return (
      <div className="sm-meter-row" data-sm-level={level}>
        {heading()}
        <p className="sm-meter-status">{messages.levels.none}</p>
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
    ? messages.overBy(format.quantity(current - limit, unit))
    : messages.levels[level]
  const valueText = [
    messages.valueOfLimit(format.exactQuantity(current, unit), format.exactQuantity(limit, unit)),
    percentText,
    statusText,
  ]
    .filter(Boolean)
    .join(', ')

  return (
    <div className="sm-meter-row" data-sm-level={level}>
      {heading(format.quantity(limit, unit))}
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
              style={{ insetInlineStart: `${limitPercent}%`, width: `${100 - limitPercent}%` }}
            />
            <span
              className="sm-meter-limit-mark"
              style={{ insetInlineStart: `${limitPercent}%` }}
            />
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
