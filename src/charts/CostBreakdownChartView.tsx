import { Cell, Pie, PieChart, Tooltip } from 'recharts'
import type { LiveProjection } from '../core/liveProjection.js'
import type { ProjectionResponse } from '../core/types.js'
import { projectionAsOf } from './AsOf.js'
import { ChartTooltip } from './ChartTooltip.js'
import { LiveFigure, liveParts } from './LiveFigure.js'
import { seriesColours } from './seriesColour.js'
import { useWidgetText } from './useWidgetText.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface CostBreakdownChartViewProps extends WidgetProps {
  /**
   * `POST /v1/usage/projection`'s answer, or `useProjection`'s live one: slices and amounts
   * include the part still syncing (marked below the legend), screen readers read the server's
   * amounts. Undefined (and not loading) shows the empty state.
   */
  data: ProjectionResponse | LiveProjection | undefined
  /** @default the catalog's `breakdownTitle` ('Cost by metric') */
  title?: string
  /**
   * When the figures are from ("As of 10:42").
   * @default the projection's `freshness.lastUpdate` (the server's own time)
   */
  asOf?: Date | number | undefined
  /** The donut's diameter in CSS pixels. @default 180 */
  sizePx?: number
  /** The most slices drawn; the smallest metrics beyond it are one "Other" slice. @default 8 */
  maxSlices?: number
}

const OTHER_KEY = '\u0000other'

/**
 * The cost so far split by metric: a donut beside a legend table that carries every number
 * (metric, amount, share), so the picture is never the only way to read it. Each metric keeps
 * its colour whatever the order.
 */
export function CostBreakdownChartView({
  data,
  title,
  sizePx = 180,
  maxSlices = 8,
  locale,
  messages,
  metricLabels,
  units,
  asOf,
  ...rest
}: CostBreakdownChartViewProps) {
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const { format } = text
  const heading = title ?? text.messages.breakdownTitle
  const items = [...(data?.lineItems ?? [])].sort((a, b) => b.total - a.total)
  const sum = items.reduce((total, item) => total + Math.max(0, item.total), 0)
  const colours = seriesColours(items.map((item) => item.metric))
  const kept = items.length > maxSlices ? items.slice(0, Math.max(1, maxSlices - 1)) : items
  const folded = items.slice(kept.length)
  const live = data === undefined ? undefined : liveParts(data)
  const serverTotal = (metric: string) => live?.serverItem(metric).total ?? 0
  const slices = kept.map((item) => ({
    key: item.metric,
    name: text.label(item.metric),
    total: item.total,
    serverTotal: serverTotal(item.metric),
    colour: colours.get(item.metric) ?? 'var(--sm-chart-1)',
  }))
  if (folded.length > 0) {
    slices.push({
      key: OTHER_KEY,
      name: text.messages.other,
      total: folded.reduce((total, item) => total + item.total, 0),
      serverTotal: folded.reduce((total, item) => total + serverTotal(item.metric), 0),
      colour: 'var(--sm-projection)',
    })
  }
  const money = (amount: number) => format.currency(amount, data?.currency ?? 'USD')
  const share = (amount: number) => {
    const ratio = sum > 0 ? Math.max(0, amount) / sum : 0
    // A sliver still costs something: "<1 %", never "0 %", in the locale's own percent format.
    return ratio > 0 && ratio < 0.01 ? `<${format.percent(0.01)}` : format.percent(ratio)
  }
  const drawn = slices.filter((slice) => slice.total > 0)
  return (
    <Widget
      kind="breakdown"
      title={heading}
      text={text}
      empty={sum === 0}
      emptyText={items.length > 0 ? text.messages.noCharges : text.messages.emptyUsage}
      asOf={asOf ?? projectionAsOf(data)}
      asOfHint={text.messages.asOfHintCost}
      asOfSyncing={(live?.pendingTotal ?? 0) > 0}
      skeletonRows={4}
      {...rest}
    >
      <div className="sm-breakdown-body">
        <div className="sm-breakdown-plot" style={{ width: sizePx, height: sizePx }}>
          <PieChart width={sizePx} height={sizePx} title={text.messages.donutChart(heading)}>
            <Pie
              data={drawn}
              dataKey="total"
              nameKey="name"
              innerRadius="58%"
              outerRadius="100%"
              stroke="var(--sm-background)"
              strokeWidth={2}
              isAnimationActive={false}
            >
              {drawn.map((slice) => (
                <Cell key={slice.key} fill={slice.colour} />
              ))}
            </Pie>
            <Tooltip content={(props) => <ChartTooltip {...props} formatValue={money} />} />
          </PieChart>
        </div>
        <table className="sm-breakdown-legend">
          <caption className="sm-visually-hidden">{heading}</caption>
          <thead className="sm-visually-hidden">
            <tr>
              <th scope="col">{text.messages.metric}</th>
              <th scope="col">{text.messages.cost}</th>
              <th scope="col">{text.messages.share}</th>
            </tr>
          </thead>
          <tbody>
            {slices.map((slice) => (
              <tr key={slice.key}>
                <th scope="row">
                  <span
                    className="sm-swatch"
                    style={{ background: slice.colour }}
                    aria-hidden="true"
                  />
                  {slice.name}
                </th>
                <td>
                  <LiveFigure shown={money(slice.total)} server={money(slice.serverTotal)} />
                </td>
                <td className="sm-muted">{share(slice.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {live !== undefined && live.pendingTotal > 0 && (
        <p className="sm-cost-syncing">{text.messages.syncing(`+${money(live.pendingTotal)}`)}</p>
      )}
    </Widget>
  )
}
