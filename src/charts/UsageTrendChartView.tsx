import { useMemo } from 'react'
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { HistoryStep, UsageHistoryResponse, UsagePeriod } from '../core/types.js'
import { ChartTooltip } from './ChartTooltip.js'
import { metricLabel } from './metricLabel.js'
import { buildTrendSeries, type TrendMode } from './trendSeries.js'
import { useElementWidth } from './useElementWidth.js'
import { useFormatters } from './useFormatters.js'
import { useNow } from './useNow.js'
import { VisuallyHiddenTable } from './VisuallyHiddenTable.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface UsageTrendChartViewProps extends WidgetProps {
  /** `GET /v1/usage/history`'s answer for one metric. Undefined (and not loading) shows the empty state. */
  data: UsageHistoryResponse | undefined
  /** The metric's name, for the heading and labels. */
  metric: string
  /** The billing period: fills missing buckets with 0 and lets the projection reach its end. @default undefined */
  period?: UsagePeriod | undefined
  /** The metric's limit for the period, drawn as a reference line on the cumulative chart. @default undefined */
  limit?: number | undefined
  /** The metric's unit. @default undefined */
  unit?: string | undefined
  /** The history's bucket size. @default 'day' */
  step?: HistoryStep
  /** Running total for the period, or each bucket's own usage. @default 'cumulative' */
  mode?: TrendMode
  /** @default the metric's name in words, e.g. 'API calls over this period' */
  title?: string
  /** The plot's height in CSS pixels. @default 240 */
  heightPx?: number
  /** Where "now" is for the projection. @default the current time, re-read every minute */
  now?: Date
}

const Y_AXIS_WIDTH_PX = 56
const MARGIN = { top: 8, right: 24, bottom: 4, left: 0 }

/**
 * One metric over the period: usage so far, a dashed projection to the period's end from the
 * run-rate, and the limit as a line. Series wider than the plot are downsampled (LTTB) to one
 * point per pixel, so 100,000 points draw as fast as 500.
 */
export function UsageTrendChartView({
  data,
  metric,
  period,
  limit,
  unit,
  step = 'day',
  mode = 'cumulative',
  title,
  heightPx = 240,
  now: fixedNow,
  locale,
  ...rest
}: UsageTrendChartViewProps) {
  const [plotRef, widthPx] = useElementWidth<HTMLDivElement>(480)
  const format = useFormatters(locale)
  const heading = title ?? `${metricLabel(metric)} over this period`
  const plotWidthPx = Math.max(3, widthPx - Y_AXIS_WIDTH_PX - MARGIN.right)
  // Re-read each minute: the projection starts at "now", and a minute is below a pixel.
  const nowMs = useNow(fixedNow, 60_000).getTime()
  const periodStart = period?.start
  const periodEnd = period?.end
  // 100,000 points take tens of milliseconds: only redo it when the input changes.
  const series = useMemo(
    () =>
      buildTrendSeries({
        usage: data?.usage ?? [],
        period:
          periodStart !== undefined && periodEnd !== undefined
            ? { start: periodStart, end: periodEnd }
            : undefined,
        step,
        mode,
        now: new Date(nowMs),
        maxPoints: plotWidthPx,
      }),
    [data, periodStart, periodEnd, step, mode, nowMs, plotWidthPx],
  )
  // The limit is for the whole period, so it only means something against the running total.
  const showLimit = limit !== undefined && mode === 'cumulative'
  const projectedEnd = series.data.at(-1)?.projected ?? undefined
  const valueName =
    mode === 'cumulative' ? 'Total so far' : step === 'day' ? 'Per day' : 'Per month'
  const formatValue = (value: number) => format.quantity(value, unit)
  // The table carries the same points the picture draws (downsampled ones included).
  const tableRows: string[][] = []
  for (const datum of series.data) {
    if (datum.actual !== null) {
      tableRows.push([format.shortDate(datum.x), format.exactQuantity(datum.actual, unit)])
    }
  }
  const drawnPoints = tableRows.length
  if (projectedEnd !== undefined && series.domain) {
    const lastDay = format.date(new Date(series.domain[1] - 1).toISOString())
    tableRows.push([
      `Projection to ${lastDay}`,
      format.exactQuantity(Math.round(projectedEnd), unit),
    ])
  }
  if (showLimit) tableRows.push(['Limit', format.exactQuantity(limit, unit)])
  return (
    <Widget
      kind="trend"
      title={heading}
      empty={series.total === 0}
      subtitle={period ? format.period(period.start, period.end) : undefined}
      skeletonRows={5}
      {...rest}
    >
      <div ref={plotRef} className="sm-plot">
        <ComposedChart
          width={widthPx}
          height={heightPx}
          data={series.data}
          title={`${heading}: line chart`}
          margin={MARGIN}
        >
          <CartesianGrid vertical={false} stroke="var(--sm-border)" />
          <XAxis
            dataKey="x"
            type="number"
            scale="time"
            domain={series.domain ?? ['dataMin', 'dataMax']}
            // The period ends at midnight after its last day: label that day, not the next month's first.
            tickFormatter={(ms: number) =>
              format.shortDate(series.domain !== undefined && ms >= series.domain[1] ? ms - 1 : ms)
            }
            stroke="var(--sm-muted)"
            tick={{ fill: 'var(--sm-muted)' }}
            minTickGap={24}
          />
          <YAxis
            width={Y_AXIS_WIDTH_PX}
            // Headroom for the limit line, rounded up so the top tick is a round number.
            domain={[
              0,
              (dataMax: number) => niceCeil(Math.max(dataMax, showLimit ? limit * 1.05 : 0)),
            ]}
            tickFormatter={(value: number) => format.quantity(value)}
            stroke="var(--sm-muted)"
            tick={{ fill: 'var(--sm-muted)' }}
          />
          <Tooltip
            content={(props) => (
              <ChartTooltip
                {...props}
                formatLabel={(label) => format.shortDate(Number(label))}
                formatValue={formatValue}
              />
            )}
          />
          <Area
            dataKey="actual"
            name={valueName}
            type="linear"
            stroke="var(--sm-chart-1)"
            strokeWidth={2}
            fill="var(--sm-chart-1)"
            fillOpacity={0.15}
            isAnimationActive={false}
            dot={false}
          />
          <Line
            dataKey="projected"
            name="Projection"
            type="linear"
            stroke="var(--sm-projection)"
            strokeWidth={2}
            strokeDasharray="6 4"
            connectNulls
            isAnimationActive={false}
            dot={false}
          />
          {showLimit && (
            <ReferenceLine
              y={limit}
              stroke="var(--sm-critical)"
              strokeDasharray="2 3"
              label={{
                value: `Limit ${format.quantity(limit)}`,
                position: 'insideTopLeft',
                fill: 'var(--sm-critical)',
                fontSize: 12,
              }}
            />
          )}
        </ComposedChart>
      </div>
      <p className="sm-legend" aria-hidden="true">
        <span className="sm-legend-actual">{valueName}</span>
        {projectedEnd !== undefined && <span className="sm-legend-projected">Projection</span>}
        {showLimit && <span className="sm-legend-limit">Limit</span>}
      </p>
      <VisuallyHiddenTable
        caption={
          drawnPoints < series.sourcePoints
            ? `${heading} (${drawnPoints} of ${series.sourcePoints} points)`
            : heading
        }
        columns={['Date', valueName]}
        rows={tableRows}
      />
    </Widget>
  )
}

/** The next "nice" number at or above `value`: 1, 2, 2.5 or 5 times a power of ten. */
function niceCeil(value: number) {
  if (!(value > 0)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude
  }
  return 10 * magnitude
}
