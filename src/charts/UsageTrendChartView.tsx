import { useMemo } from 'react'
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { LimitForecast } from '../core/forecastUsage.js'
import type { HistoryStep, UsageHistoryResponse, UsagePeriod } from '../core/types.js'
import { usageHistoryToCsv } from '../core/usageHistoryToCsv.js'
import { ChartTooltip } from './ChartTooltip.js'
import { csvFileName } from './downloadCsv.js'
import { ExportCsvButton } from './ExportCsvButton.js'
import { niceScale } from './niceScale.js'
import { buildTrendSeries, type TrendMode } from './trendSeries.js'
import { useElementWidth } from './useElementWidth.js'
import { useNow } from './useNow.js'
import { useWidgetText } from './useWidgetText.js'
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
  /** @default the catalog's `trendTitle` with the metric's label ('API calls over this period') */
  title?: string
  /** The plot's height in CSS pixels. @default 240 */
  heightPx?: number
  /** Where "now" is for the projection. @default the current time, re-read every minute */
  now?: Date
  /**
   * When this period's pace reaches the limit (`forecastUsage(…).reachesLimit`): a marker on
   * the limit line at the likely date, on the cumulative chart. `<UsageTrendChart>` fills it in
   * from the daily history. @default undefined (no marker)
   */
  reachesLimit?: LimitForecast | null | undefined
  /** Show an "Export CSV" button that saves the history (`usageHistoryToCsv`). @default true */
  exportCsv?: boolean
  /**
   * The CSV file's name. `<UsageTrendChart>` names the customer too.
   * @default `usage-<metric>-<period start>-<period end>.csv`
   */
  csvFileName?: string
}

const Y_AXIS_WIDTH_PX = 56
const MARGIN = { top: 8, right: 24, bottom: 4, left: 0 }
/** Right-to-left: time runs from the right, the value axis on the right. */
const MIRRORED_MARGIN = { ...MARGIN, right: 0, left: 24 }

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
  unit: serverUnit,
  step = 'day',
  mode = 'cumulative',
  title,
  heightPx = 240,
  now: fixedNow,
  reachesLimit,
  exportCsv = true,
  csvFileName: fileName,
  locale,
  messages,
  metricLabels,
  units,
  ...rest
}: UsageTrendChartViewProps) {
  const [plotRef, widthPx] = useElementWidth<HTMLDivElement>(480)
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const { format } = text
  const unit = text.unit(metric, serverUnit)
  const heading =
    title ??
    (metric ? text.messages.trendTitle(text.label(metric)) : text.messages.trendFallbackTitle)
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
  const { messages: words } = text
  const mirrored = text.dir === 'rtl'
  const valueName =
    mode === 'cumulative' ? words.totalSoFarSeries : step === 'day' ? words.perDay : words.perMonth
  const formatValue = (value: number) => format.quantity(value, unit)
  // Each bucket's own usage: the bucket still in progress is a hollow point on its own ("so
  // far"), joined to no line, so a day that has only just begun never reads as a collapse.
  const partialFrom = mode === 'per-bucket' ? series.partialFrom : undefined
  const chartData = useMemo(() => {
    if (partialFrom === undefined) return series.data
    return series.data.map((datum) =>
      datum.x === partialFrom ? { ...datum, actual: null, partial: datum.actual } : datum,
    )
  }, [series, partialFrom])
  const partialName = `${valueName} (${words.partial})`
  // The table carries the same points the picture draws (downsampled ones included).
  const tableRows: string[][] = []
  for (const datum of series.data) {
    if (datum.actual !== null) {
      const date = format.shortDate(datum.x)
      tableRows.push([
        datum.x === partialFrom ? `${date} (${words.partial})` : date,
        format.exactQuantity(datum.actual, unit),
      ])
    }
  }
  const drawnPoints = tableRows.length
  if (projectedEnd !== undefined && series.domain) {
    const lastDay = format.date(new Date(series.domain[1] - 1).toISOString())
    tableRows.push([
      words.projectionTo(lastDay),
      format.exactQuantity(Math.round(projectedEnd), unit),
    ])
  }
  if (showLimit) tableRows.push([words.limit, format.exactQuantity(limit, unit)])
  // Once the total is at the limit the line itself shows the crossing: no forecast marker.
  const limitDateMs =
    limit !== undefined && showLimit && series.total < limit
      ? markerMs(reachesLimit, series.domain)
      : undefined
  if (limitDateMs !== undefined) tableRows.push([words.limitDateRow, format.shortDate(limitDateMs)])
  // The data, the projection and the limit fit with a little room; ticks at 1-2-5 steps.
  let highest = showLimit ? limit : 0
  for (const datum of series.data) {
    highest = Math.max(highest, datum.actual ?? 0, datum.projected ?? 0)
  }
  const axis = niceScale(highest * 1.02)
  const axisNumber = format.axisNumber(axis.top)
  return (
    <Widget
      kind="trend"
      title={heading}
      text={text}
      empty={series.total === 0}
      subtitle={period ? format.period(period.start, period.end) : undefined}
      skeletonRows={5}
      {...rest}
    >
      <div ref={plotRef} className="sm-plot">
        <ComposedChart
          width={widthPx}
          height={heightPx}
          data={chartData}
          title={words.lineChart(heading)}
          margin={mirrored ? MIRRORED_MARGIN : MARGIN}
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
            reversed={mirrored}
          />
          <YAxis
            width={Y_AXIS_WIDTH_PX}
            orientation={mirrored ? 'right' : 'left'}
            domain={[0, axis.top]}
            ticks={axis.ticks}
            tickFormatter={axisNumber}
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
          {partialFrom !== undefined && (
            <Line
              dataKey="partial"
              name={partialName}
              type="linear"
              stroke="var(--sm-chart-1)"
              strokeWidth={2}
              isAnimationActive={false}
              dot={{ r: 4, fill: 'var(--sm-background)' }}
            />
          )}
          <Line
            dataKey="projected"
            name={words.projection}
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
                value: words.limitValue(axisNumber(limit)),
                position: mirrored ? 'insideTopRight' : 'insideTopLeft',
                fill: 'var(--sm-critical)',
                fontSize: 12,
              }}
            />
          )}
          {limitDateMs !== undefined && limit !== undefined && (
            <ReferenceDot
              x={limitDateMs}
              y={limit}
              r={5}
              fill="var(--sm-critical)"
              stroke="var(--sm-background)"
              strokeWidth={2}
              className="sm-limit-date-marker"
              label={{
                value: format.shortDate(limitDateMs),
                position: 'top',
                fill: 'var(--sm-critical)',
                fontSize: 12,
              }}
            />
          )}
        </ComposedChart>
      </div>
      <p className="sm-legend" aria-hidden="true">
        <span className="sm-legend-actual">{valueName}</span>
        {partialFrom !== undefined && <span className="sm-legend-partial">{partialName}</span>}
        {projectedEnd !== undefined && (
          <span className="sm-legend-projected">{words.projection}</span>
        )}
        {showLimit && <span className="sm-legend-limit">{words.limit}</span>}
      </p>
      <VisuallyHiddenTable
        caption={
          drawnPoints < series.sourcePoints
            ? words.sampledCaption(heading, drawnPoints, series.sourcePoints)
            : heading
        }
        columns={[words.date, valueName]}
        rows={tableRows}
      />
      {exportCsv && data && (
        <ExportCsvButton
          csv={() =>
            usageHistoryToCsv(data.usage, {
              metric,
              ...(text.locale ? { locale: text.locale } : {}),
            })
          }
          fileName={
            fileName ?? csvFileName(['usage', metric, period?.start ?? '', period?.end ?? ''])
          }
          title={heading}
          text={text}
        />
      )}
    </Widget>
  )
}

/** The likely limit date inside the plotted period, or undefined (none, or outside it). */
function markerMs(
  reachesLimit: LimitForecast | null | undefined,
  domain: readonly [number, number] | undefined,
) {
  const likelyMs = reachesLimit?.likely ? Date.parse(reachesLimit.likely) : Number.NaN
  if (Number.isNaN(likelyMs) || domain === undefined) return undefined
  return likelyMs >= domain[0] && likelyMs <= domain[1] ? likelyMs : undefined
}
