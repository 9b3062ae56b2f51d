import { Cell, Pie, PieChart, Tooltip } from 'recharts'
import type { ProjectionResponse } from '../core/types.js'
import { ChartTooltip } from './ChartTooltip.js'
import { metricLabel } from './metricLabel.js'
import { useFormatters } from './useFormatters.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface CostBreakdownChartViewProps extends WidgetProps {
  /** `POST /v1/usage/projection`'s answer. Undefined (and not loading) shows the empty state. */
  data: ProjectionResponse | undefined
  /** @default 'Cost by metric' */
  title?: string
  /** The donut's diameter in CSS pixels. @default 180 */
  sizePx?: number
}

const SERIES_COLOURS = 6

/**
 * The cost so far split by metric: a donut beside a legend table that carries every number
 * (metric, amount, share), so the picture is never the only way to read it.
 */
export function CostBreakdownChartView({
  data,
  title = 'Cost by metric',
  sizePx = 180,
  locale,
  ...rest
}: CostBreakdownChartViewProps) {
  const format = useFormatters(locale)
  const items = [...(data?.lineItems ?? [])].sort((a, b) => b.total - a.total)
  const sum = items.reduce((total, item) => total + Math.max(0, item.total), 0)
  const slices = items.map((item, index) => ({
    name: metricLabel(item.metric),
    total: item.total,
    colour: `var(--sm-chart-${(index % SERIES_COLOURS) + 1})`,
  }))
  const money = (amount: number) => format.currency(amount, data?.currency ?? 'USD')
  return (
    <Widget kind="breakdown" title={title} empty={sum === 0} skeletonRows={4} {...rest}>
      <div className="sm-breakdown-body">
        <div className="sm-breakdown-plot" style={{ width: sizePx, height: sizePx }}>
          <PieChart width={sizePx} height={sizePx} title={`${title}: donut chart`}>
            <Pie
              data={slices.filter((slice) => slice.total > 0)}
              dataKey="total"
              nameKey="name"
              innerRadius="58%"
              outerRadius="100%"
              stroke="var(--sm-background)"
              strokeWidth={2}
              isAnimationActive={false}
            >
              {slices
                .filter((slice) => slice.total > 0)
                .map((slice) => (
                  <Cell key={slice.name} fill={slice.colour} />
                ))}
            </Pie>
            <Tooltip content={(props) => <ChartTooltip {...props} formatValue={money} />} />
          </PieChart>
        </div>
        <table className="sm-breakdown-legend">
          <caption className="sm-visually-hidden">{title}</caption>
          <thead className="sm-visually-hidden">
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Cost</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {slices.map((slice) => (
              <tr key={slice.name}>
                <th scope="row">
                  <span
                    className="sm-swatch"
                    style={{ background: slice.colour }}
                    aria-hidden="true"
                  />
                  {slice.name}
                </th>
                <td>{money(slice.total)}</td>
                <td className="sm-muted">
                  {format.percent(sum > 0 ? Math.max(0, slice.total) / sum : 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Widget>
  )
}
