import type { CostForecast } from '../core/forecastCost.js'
import type { ProjectionResponse } from '../core/types.js'
import type { Formatters } from './format.js'
import { metricLabel } from './metricLabel.js'
import { useFormatters } from './useFormatters.js'
import { useNow } from './useNow.js'
import { Widget, type WidgetProps } from './Widget.js'

export interface CostProjectionViewProps extends WidgetProps {
  /** `POST /v1/usage/projection`'s answer. Undefined (and not loading) shows the empty state. */
  data: ProjectionResponse | undefined
  /** The period-end forecast (`forecastCost`, or `useCostForecast`). @default undefined (not shown) */
  forecast?: CostForecast | undefined
  /** @default 'Cost this period' */
  title?: string
  /** Numbers older than this many seconds are flagged as stale. @default 300 */
  staleAfterSeconds?: number
  /** The time "updated N seconds ago" counts to. @default the current time, re-read every 10 s */
  now?: Date
}

/**
 * The cost of this period's usage so far (the server's total: quantities × prices), its line
 * items and credits, how fresh it is, and — labelled as such — a forecast for the period's end.
 */
export function CostProjectionView({
  data,
  forecast,
  title = 'Cost this period',
  staleAfterSeconds = 300,
  now: fixedNow,
  locale,
  stale = false,
  ...rest
}: CostProjectionViewProps) {
  const now = useNow(fixedNow, 10_000)
  const format = useFormatters(locale)
  const ageSeconds = data ? freshnessAgeSeconds(data, now) : 0
  const isStale = stale || ageSeconds > staleAfterSeconds
  const updated = data ? `Updated ${format.secondsAgo(ageSeconds)}` : undefined
  return (
    <Widget
      kind="cost"
      title={title}
      empty={!data || (data.lineItems.length === 0 && data.total === 0)}
      subtitle={
        data && (
          <>
            {format.period(data.periodStart, data.periodEnd)} ·{' '}
            <time dateTime={data.freshness.lastUpdate}>{updated}</time>
          </>
        )
      }
      stale={isStale}
      staleText={`${updated ?? 'Not updated recently'}: these costs may be out of date.`}
      skeletonRows={4}
      {...rest}
    >
      {data && (
        <>
          <dl className="sm-cost-summary">
            <div className="sm-cost-figure">
              <dt>Cost so far</dt>
              <dd className="sm-cost-total">{format.currency(data.total, data.currency)}</dd>
            </div>
            {forecast && <ForecastFigure forecast={forecast} format={format} />}
          </dl>
          <LineItems data={data} format={format} />
        </>
      )}
    </Widget>
  )
}

function ForecastFigure({ forecast, format }: { forecast: CostForecast; format: Formatters }) {
  const money = (amount: number) => format.currency(amount, forecast.currency)
  // The period ends at 00:00 UTC the day after its last day; name the last day.
  const lastDay = format.date(new Date(Date.parse(forecast.periodEndsAt) - 1).toISOString())
  const isPoint = money(forecast.low) === money(forecast.high)
  return (
    <div className="sm-cost-figure sm-cost-forecast">
      <dt>Forecast for {lastDay}</dt>
      <dd className="sm-cost-range">
        {isPoint ? money(forecast.expected) : `${money(forecast.low)} – ${money(forecast.high)}`}
      </dd>
      <dd className="sm-cost-note">
        {isPoint ? 'Estimate' : `Likely ${money(forecast.expected)}`} from this period’s daily usage
        ({format.percent(forecast.confidence)} range). Not a bill.
      </dd>
    </div>
  )
}

function LineItems({ data, format }: { data: ProjectionResponse; format: Formatters }) {
  const money = (amount: number) => format.currency(amount, data.currency)
  return (
    <div className="sm-cost-items">
      <table className="sm-cost-table">
        <caption className="sm-visually-hidden">Line items ({data.currency})</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {data.lineItems.map((item) => (
            <tr key={item.metric}>
              <th scope="row">{metricLabel(item.metric)}</th>
              <td data-label="Quantity">{format.quantity(item.quantity)}</td>
              <td data-label="Unit price">{format.unitPrice(item.unitPrice, data.currency)}</td>
              <td data-label="Total">{money(item.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {data.credits !== 0 && (
            <>
              <tr>
                <th scope="row">Subtotal</th>
                <td colSpan={3}>{money(data.subtotal)}</td>
              </tr>
              <tr>
                <th scope="row">Credits</th>
                <td colSpan={3}>{money(-data.credits)}</td>
              </tr>
            </>
          )}
          <tr className="sm-cost-table-total">
            <th scope="row">Total so far</th>
            <td colSpan={3}>{money(data.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

/** Seconds since the last aggregation: from `lastUpdate` when it parses, else the server's `staleness`. */
function freshnessAgeSeconds(data: ProjectionResponse, now: Date) {
  const lastUpdateMs = Date.parse(data.freshness.lastUpdate)
  if (Number.isNaN(lastUpdateMs)) return data.freshness.staleness
  return Math.max(0, (now.getTime() - lastUpdateMs) / 1000)
}
