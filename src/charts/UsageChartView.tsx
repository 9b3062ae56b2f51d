import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { UsageResponse } from '../core/types.js'
import { ChartTooltip } from './ChartTooltip.js'
import { metricLabel } from './metricLabel.js'
import { useElementWidth } from './useElementWidth.js'
import { useFormatters } from './useFormatters.js'
import { VisuallyHiddenTable } from './VisuallyHiddenTable.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageChartViewProps extends WidgetProps {
  /** `GET /v1/usage/current`'s answer. Undefined (and not loading) shows the empty state. */
  data: UsageResponse | undefined
  /** @default 'Usage against limits' */
  title?: string
  /** Height of one metric's row of bars, in CSS pixels. @default 56 */
  rowHeightPx?: number
}

const AXIS_WIDTH_PX = 96

/**
 * Current usage beside the limit for each metric, as horizontal bars. A metric without a
 * limit gets its usage bar alone: no limit is invented.
 */
export function UsageChartView({
  data,
  title = 'Usage against limits',
  rowHeightPx = 56,
  locale,
  ...rest
}: UsageChartViewProps) {
  const [plotRef, widthPx] = useElementWidth<HTMLDivElement>(480)
  const format = useFormatters(locale)
  const metrics = data?.metrics ?? []
  const rows = metrics.map((metric) => ({
    label: metricLabel(metric.name),
    unit: metric.unit,
    current: metric.current,
    limit: metric.limit,
  }))
  const unitOf = (label: unknown) => rows.find((row) => row.label === label)?.unit
  const heightPx = Math.max(120, rows.length * rowHeightPx + 64)
  return (
    <Widget
      kind="chart"
      title={title}
      empty={metrics.every((metric) => metric.current === 0)}
      skeletonRows={4}
      {...rest}
    >
      <div ref={plotRef} className="sm-plot">
        <BarChart
          width={widthPx}
          height={heightPx}
          data={rows}
          layout="vertical"
          title={`${title}: bar chart`}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          barGap={2}
        >
          <CartesianGrid horizontal={false} stroke="var(--sm-border)" />
          <XAxis
            type="number"
            tickFormatter={(value: number) => format.quantity(value)}
            stroke="var(--sm-muted)"
            tick={{ fill: 'var(--sm-muted)' }}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={AXIS_WIDTH_PX}
            stroke="var(--sm-muted)"
            tick={{ fill: 'var(--sm-foreground)' }}
          />
          <Tooltip
            cursor={{ fill: 'var(--sm-surface)' }}
            content={(props) => (
              <ChartTooltip
                {...props}
                formatValue={(value) => format.quantity(value, unitOf(props.label))}
              />
            )}
          />
          <Bar
            dataKey="current"
            name="Current"
            fill="var(--sm-chart-1)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="limit"
            name="Limit"
            fill="var(--sm-track)"
            stroke="var(--sm-muted)"
            isAnimationActive={false}
          />
        </BarChart>
      </div>
      <p className="sm-legend" aria-hidden="true">
        <span className="sm-legend-current">Current</span>
        <span className="sm-legend-limit-bar">Limit</span>
      </p>
      <VisuallyHiddenTable
        caption={title}
        columns={['Metric', 'Current', 'Limit']}
        rows={rows.map((row) => [
          row.label,
          format.exactQuantity(row.current, row.unit),
          row.limit === undefined ? 'No limit' : format.exactQuantity(row.limit, row.unit),
        ])}
      />
    </Widget>
  )
}
