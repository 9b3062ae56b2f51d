import type { ReactNode } from 'react'

interface TooltipEntry {
  name?: ReactNode
  value?: unknown
  color?: string
  dataKey?: unknown
}

interface ChartTooltipProps {
  active?: boolean
  label?: ReactNode
  payload?: readonly TooltipEntry[]
  /** Formats one entry's value for its series. */
  formatValue: (value: number, dataKey: string) => string
  formatLabel?: (label: ReactNode) => ReactNode
}

/**
 * The tooltip body for every chart: themed by the --sm-* properties and reachable from the
 * keyboard through recharts' accessibility layer (focus the chart, then the arrow keys).
 */
export function ChartTooltip({
  active,
  label,
  payload,
  formatValue,
  formatLabel,
}: ChartTooltipProps) {
  const entries = (payload ?? []).filter((entry) => typeof entry.value === 'number')
  if (!active || entries.length === 0) return null
  return (
    <div className="sm-tooltip">
      {label !== undefined && (
        <p className="sm-tooltip-label">{formatLabel ? formatLabel(label) : label}</p>
      )}
      <ul>
        {entries.map((entry) => (
          <li key={String(entry.dataKey)}>
            <span className="sm-swatch" style={{ background: entry.color }} aria-hidden="true" />
            {entry.name}:{' '}
            <strong>{formatValue(entry.value as number, String(entry.dataKey))}</strong>
          </li>
        ))}
      </ul>
    </div>
  )
}
