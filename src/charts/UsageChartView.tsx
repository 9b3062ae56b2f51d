import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { UsageResponse } from '../core/types.js'
import { hasPendingUsage } from './AsOf.js'
import { ChartTooltip } from './ChartTooltip.js'
import { niceScale } from './niceScale.js'
import { usageLevel, WARNING_RATIO } from './usageLevel.js'
import { useElementWidth } from './useElementWidth.js'
import { useWidgetText } from './useWidgetText.js'
import { VisuallyHiddenTable } from './VisuallyHiddenTable.js'
import { Widget, type WidgetProps } from './Widget.js'

/** Bars as a share of each metric's limit, or as raw quantities side by side with the limit. */
export type UsageChartScale = 'percent' | 'absolute'

export interface UsageChartViewProps extends WidgetProps {
  /** `GET /v1/usage/current`'s answer. Undefined (and not loading) shows the empty state. */
  data: UsageResponse | undefined
  /** @default the catalog's `limitsTitle` ('Usage against limits') */
  title?: string
  /**
   * `percent` puts metrics of different units and sizes on one scale (their limit = 100 %);
   * metrics without a limit are listed beside it. `absolute` draws quantities next to limits.
   * @default 'percent'
   */
  scale?: UsageChartScale
  /** Height of one metric's row of bars, in CSS pixels. @default 44 */
  rowHeightPx?: number
}

const AXIS_WIDTH_PX = 96
const levelColours = {
  none: 'var(--sm-accent)',
  ok: 'var(--sm-accent)',
  warning: 'var(--sm-warning-fill)',
  critical: 'var(--sm-critical)',
  over: 'var(--sm-critical)',
} as const

/**
 * Current usage against each metric's limit, as horizontal bars. A metric without a limit is
 * never given one: in `percent` it is listed with its value, in `absolute` it has no limit bar.
 * When no metric has a limit (the real server today) the chart says so instead of drawing.
 */
export function UsageChartView({
  data,
  title,
  scale = 'percent',
  rowHeightPx = 44,
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: UsageChartViewProps) {
  const [plotRef, widthPx] = useElementWidth<HTMLDivElement>(480)
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const { format } = text
  const heading = title ?? text.messages.limitsTitle
  const metrics = data?.metrics ?? []
  const rows = metrics.map((metric) => ({
    label: text.label(metric.name),
    unit: text.unit(metric.name, metric.unit),
    current: metric.current,
    limit: metric.limit,
    percent: metric.limit ? (metric.current / metric.limit) * 100 : undefined,
    colour: levelColours[usageLevel(metric.current, metric.limit)],
  }))
  const drawn = scale === 'percent' ? rows.filter((row) => row.percent !== undefined) : rows
  const unlimited = scale === 'percent' ? rows.filter((row) => row.percent === undefined) : []
  const rowOf = (label: unknown) => rows.find((row) => row.label === label)
  const heightPx = Math.max(96, drawn.length * rowHeightPx + 40)
  const axis =
    scale === 'percent'
      ? niceScale(Math.max(100, ...drawn.map((row) => row.percent ?? 0)))
      : niceScale(Math.max(...drawn.map((row) => Math.max(row.current, row.limit ?? 0))))
  const axisNumber = format.axisNumber(axis.top)
  // Right-to-left: bars grow from the right, their labels on the right.
  const mirrored = text.dir === 'rtl'
  return (
    <Widget
      kind="chart"
      title={heading}
      text={text}
      empty={metrics.every((metric) => metric.current === 0)}
      asOfSyncing={hasPendingUsage(metrics)}
      skeletonRows={4}
      {...rest}
    >
      {drawn.length > 0 && (
        <>
          <div ref={plotRef} className="sm-plot">
            <BarChart
              width={widthPx}
              height={heightPx}
              data={drawn}
              layout="vertical"
              title={text.messages.barChart(heading)}
              margin={{ top: 4, right: mirrored ? 4 : 24, bottom: 4, left: mirrored ? 24 : 4 }}
              barGap={2}
            >
              <CartesianGrid horizontal={false} stroke="var(--sm-border)" />
              <XAxis
                type="number"
                domain={[0, axis.top]}
                ticks={axis.ticks}
                interval="preserveStartEnd"
                tickFormatter={(value: number) =>
                  scale === 'percent' ? format.percent(value / 100) : axisNumber(value)
                }
                stroke="var(--sm-muted)"
                tick={{ fill: 'var(--sm-muted)' }}
                reversed={mirrored}
              />
              <YAxis
                type="category"
                dataKey="label"
                width={AXIS_WIDTH_PX}
                orientation={mirrored ? 'right' : 'left'}
                stroke="var(--sm-muted)"
                tick={{ fill: 'var(--sm-foreground)' }}
              />
              <Tooltip
                cursor={{ fill: 'var(--sm-surface)' }}
                content={(props) => (
                  <ChartTooltip
                    {...props}
                    formatValue={(value, dataKey) => {
                      const row = rowOf(props.label)
                      if (dataKey !== 'percent' || !row?.limit)
                        return format.quantity(value, row?.unit)
                      return `${format.percent(value / 100)} (${text.messages.valueOfLimit(format.quantity(row.current, row.unit), format.quantity(row.limit, row.unit))})`
                    }}
                  />
                )}
              />
              {scale === 'percent' ? (
                <Bar dataKey="percent" name={text.messages.used} isAnimationActive={false}>
                  {drawn.map((row) => (
                    <Cell key={row.label} fill={row.colour} />
                  ))}
                </Bar>
              ) : (
                <Bar
                  dataKey="current"
                  name={text.messages.current}
                  fill="var(--sm-chart-1)"
                  isAnimationActive={false}
                />
              )}
              {scale === 'absolute' && (
                <Bar
                  dataKey="limit"
                  name={text.messages.limit}
                  fill="var(--sm-track)"
                  stroke="var(--sm-muted)"
                  isAnimationActive={false}
                />
              )}
              {scale === 'percent' && (
                <ReferenceLine
                  x={WARNING_RATIO * 100}
                  stroke="var(--sm-warning)"
                  strokeDasharray="4 3"
                />
              )}
              {scale === 'percent' && (
                <ReferenceLine x={100} stroke="var(--sm-critical)" strokeWidth={2} />
              )}
            </BarChart>
          </div>
          <p className="sm-legend" aria-hidden="true">
            {scale === 'percent' ? (
              <>
                <span className="sm-legend-current">{text.messages.shareOfLimit}</span>
                <span className="sm-legend-warning">{format.percent(WARNING_RATIO)}</span>
                <span className="sm-legend-limit-solid">{text.messages.limit}</span>
              </>
            ) : (
              <>
                <span className="sm-legend-current">{text.messages.current}</span>
                <span className="sm-legend-limit-bar">{text.messages.limit}</span>
              </>
            )}
          </p>
        </>
      )}
      {unlimited.length > 0 && (
        <div className="sm-unlimited">
          {drawn.length === 0 ? (
            <p className="sm-chart-note">{text.messages.noLimitsSet}</p>
          ) : (
            <p className="sm-chart-note">{text.messages.noLimit}</p>
          )}
          <dl className="sm-unlimited-list">
            {unlimited.map((row) => (
              <div key={row.label}>
                <dt>{row.label}</dt>
                <dd>{format.quantity(row.current, row.unit)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <VisuallyHiddenTable
        caption={heading}
        columns={[
          text.messages.metric,
          text.messages.current,
          text.messages.limit,
          text.messages.shareOfLimit,
        ]}
        rows={rows.map((row) => [
          row.label,
          format.exactQuantity(row.current, row.unit),
          row.limit === undefined
            ? text.messages.noLimit
            : format.exactQuantity(row.limit, row.unit),
          row.percent === undefined ? '–' : format.percent(row.percent / 100),
        ])}
      />
    </Widget>
  )
}
