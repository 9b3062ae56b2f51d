import type { CostForecast } from '../core/forecastCost.js'
import type { LiveProjection } from '../core/liveProjection.js'
import { projectionToCsv } from '../core/projectionToCsv.js'
import type { ProjectionResponse, UsageResponse } from '../core/types.js'
import { projectionAsOf } from './AsOf.js'
import { csvFileName } from './downloadCsv.js'
import { ExportCsvButton } from './ExportCsvButton.js'
import { LiveFigure, liveParts } from './LiveFigure.js'
import { useNow } from './useNow.js'
import { useWidgetText, type WidgetText } from './useWidgetText.js'
import { Widget, type WidgetProps } from './Widget.js'

/** Which figure leads: the cost of the usage so far, or the forecast for the period's end. */
export type CostHero = 'so-far' | 'forecast'

export interface CostProjectionViewProps extends WidgetProps {
  /**
   * `POST /v1/usage/projection`'s answer, or `useProjection`'s live one: its part still syncing
   * is shown and marked ("+$0.19 syncing"), while screen readers read the server's figures.
   * Undefined (and not loading) shows the empty state.
   */
  data: ProjectionResponse | LiveProjection | undefined
  /** The period-end forecast (`forecastCost`, or `useCostForecast`). @default undefined (not shown) */
  forecast?: CostForecast | undefined
  /**
   * `GET /v1/usage/current`'s answer: metrics used but without a line item (no price mapping
   * on the server) are listed as not billed. @default undefined (line items only)
   */
  usage?: UsageResponse | undefined
  /** The figure shown large; the other is secondary. @default 'so-far' */
  hero?: CostHero
  /** @default the catalog's `costTitle` ('Cost this period') */
  title?: string
  /**
   * When the figures are from ("As of 10:42").
   * @default the projection's `freshness.lastUpdate` (the server's own time)
   */
  asOf?: Date | number | undefined
  /** Numbers older than this many seconds are flagged as stale. @default 300 */
  staleAfterSeconds?: number
  /** The time "updated N seconds ago" counts to. @default the current time, re-read every 10 s */
  now?: Date
  /**
   * Show an "Export CSV" button that saves the line items, subtotal, credits and total
   * (`projectionToCsv`), named `costs-<customer>-<period start>-<period end>.csv`.
   * @default true
   */
  exportCsv?: boolean
}

/**
 * The cost of this period's usage so far (the server's total: quantities × prices), its line
 * items and credits, how fresh it is, and — labelled as such — a forecast for the period's end.
 */
export function CostProjectionView({
  data,
  forecast,
  usage,
  hero = 'so-far',
  title,
  staleAfterSeconds = 300,
  now: fixedNow,
  exportCsv = true,
  locale,
  messages,
  metricLabels,
  units,
  stale = false,
  asOf,
  ...rest
}: CostProjectionViewProps) {
  const now = useNow(fixedNow, 10_000)
  const text = useWidgetText({ locale, messages, metricLabels, units })
  const { format } = text
  const heading = title ?? text.messages.costTitle
  const ageSeconds = data ? freshnessAgeSeconds(data, now) : 0
  const ago = format.secondsAgo(ageSeconds)
  const priced = new Set(data?.lineItems.map((item) => item.metric))
  const unbilled = (usage?.metrics ?? []).filter(
    (metric) => metric.current > 0 && !priced.has(metric.name),
  )
  const hasUsage = unbilled.length > 0 || (data?.lineItems ?? []).some((item) => item.quantity > 0)
  const noCharges = data !== undefined && data.total === 0 && data.subtotal === 0
  return (
    <Widget
      kind="cost"
      title={heading}
      text={text}
      empty={!data || (!hasUsage && data.total === 0)}
      subtitle={
        data && (
          <>
            {format.period(data.periodStart, data.periodEnd)} ·{' '}
            <time dateTime={data.freshness.lastUpdate}>{text.messages.updated(ago)}</time>
          </>
        )
      }
      stale={stale || ageSeconds > staleAfterSeconds}
      staleText={stale ? undefined : text.messages.staleCosts(ago)}
      asOf={asOf ?? projectionAsOf(data)}
      asOfHint={text.messages.asOfHintCost}
      asOfSyncing={data !== undefined && liveParts(data).pendingTotal > 0}
      skeletonRows={4}
      {...rest}
    >
      {data && (
        <>
          <dl className="sm-cost-summary">
            <div
              className={`sm-cost-figure${hero === 'so-far' || !forecast ? ' sm-cost-hero' : ''}`}
            >
              <dt>{text.messages.costSoFar}</dt>
              <dd className="sm-cost-amount">
                {noCharges ? (
                  text.messages.noCharges
                ) : (
                  <LiveFigure
                    shown={format.currency(data.total, data.currency)}
                    server={format.currency(liveParts(data).server.total, data.currency)}
                  />
                )}
              </dd>
              <SyncingNote data={data} text={text} />
            </div>
            {forecast && !noCharges && (
              <ForecastFigure forecast={forecast} text={text} isHero={hero === 'forecast'} />
            )}
          </dl>
          <LineItems data={data} unbilled={unbilled} text={text} />
          {exportCsv && (
            <ExportCsvButton
              // The server's figures: what is still syncing is not on any bill yet.
              csv={() => projectionToCsv(liveParts(data).server)}
              fileName={csvFileName(['costs', data.customerRef, data.periodStart, data.periodEnd])}
              title={heading}
              text={text}
            />
          )}
        </>
      )}
    </Widget>
  )
}

/** "+$0.19 syncing": what usage tracked here adds before the server counts it. */
function SyncingNote({
  data,
  text: { format, messages },
}: {
  data: ProjectionResponse | LiveProjection
  text: WidgetText
}) {
  const { pendingTotal } = liveParts(data)
  if (!(pendingTotal > 0)) return null
  return (
    <dd className="sm-cost-syncing">
      {messages.syncing(`+${format.currency(pendingTotal, data.currency)}`)}
    </dd>
  )
}

function ForecastFigure({
  forecast,
  text: { format, messages },
  isHero,
}: {
  forecast: CostForecast
  text: WidgetText
  isHero: boolean
}) {
  const money = (amount: number) => format.currency(amount, forecast.currency)
  // The period ends at 00:00 UTC the day after its last day; name the last day.
  const lastDay = format.date(new Date(Date.parse(forecast.periodEndsAt) - 1).toISOString())
  const isPoint = money(forecast.low) === money(forecast.high)
  const range = format.percent(forecast.confidence)
  return (
    <div className={`sm-cost-figure sm-cost-forecast${isHero ? ' sm-cost-hero' : ''}`}>
      <dt>{messages.forecastFor(lastDay)}</dt>
      <dd className="sm-cost-amount">
        {isPoint ? money(forecast.expected) : `${money(forecast.low)} – ${money(forecast.high)}`}
      </dd>
      <dd className="sm-cost-note">
        {isPoint
          ? messages.forecastEstimate(range)
          : messages.forecastLikely(money(forecast.expected), range)}
      </dd>
    </div>
  )
}

function LineItems({
  data,
  unbilled,
  text,
}: {
  data: ProjectionResponse | LiveProjection
  unbilled: readonly UsageResponse['metrics'][number][]
  text: WidgetText
}) {
  const { format, messages } = text
  const money = (amount: number) => format.currency(amount, data.currency)
  const { server, serverItem } = liveParts(data)
  /** The live amount seen, the server's read. */
  const amount = (shown: number, serverAmount: number) => (
    <LiveFigure shown={money(shown)} server={money(serverAmount)} />
  )
  return (
    <div className="sm-cost-items">
      <table className="sm-cost-table">
        <caption className="sm-visually-hidden">{messages.lineItemsCaption(data.currency)}</caption>
        <thead>
          <tr>
            <th scope="col">{messages.metric}</th>
            <th scope="col">{messages.quantity}</th>
            <th scope="col">{messages.unitPrice}</th>
            <th scope="col">{messages.total}</th>
          </tr>
        </thead>
        <tbody>
          {data.lineItems.map((item) => {
            const price = format.unitPrice(item.unitPrice, data.currency)
            return (
              <tr key={item.metric}>
                <th scope="row">{text.label(item.metric)}</th>
                <td data-label={messages.quantity}>
                  <LiveFigure
                    shown={format.quantity(item.quantity)}
                    server={format.quantity(serverItem(item.metric).quantity)}
                  />
                </td>
                <td data-label={messages.unitPrice}>
                  {isBlendedPrice(item.unitPrice) ? messages.averagePrice(price) : price}
                </td>
                <td data-label={messages.total}>
                  {amount(item.total, serverItem(item.metric).total)}
                </td>
              </tr>
            )
          })}
          {unbilled.map((metric) => (
            <tr key={metric.name} className="sm-cost-unbilled">
              <th scope="row">{text.label(metric.name)}</th>
              <td data-label={messages.quantity}>
                {format.quantity(metric.current, text.unit(metric.name, metric.unit))}
              </td>
              <td data-label={messages.unitPrice}>–</td>
              <td data-label={messages.total}>{messages.notBilled}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {data.credits !== 0 && (
            <>
              <tr>
                <th scope="row">{messages.subtotal}</th>
                <td colSpan={3}>{amount(data.subtotal, server.subtotal)}</td>
              </tr>
              <tr>
                <th scope="row">{messages.credits}</th>
                <td colSpan={3}>{amount(-data.credits, -server.credits)}</td>
              </tr>
            </>
          )}
          <tr className="sm-cost-table-total">
            <th scope="row">{messages.totalSoFar}</th>
            <td colSpan={3}>{amount(data.total, server.total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

/**
 * A graduated price arrives as one blended unit price (the total ÷ the quantity, to six
 * significant digits); a list price rarely has more than four. Those are marked as averages.
 */
function isBlendedPrice(unitPrice: number) {
  if (!(unitPrice > 0)) return false
  return Number(unitPrice.toPrecision(4)) !== unitPrice
}

/** Seconds since the last aggregation: from `lastUpdate` when it parses, else the server's `staleness`. */
function freshnessAgeSeconds(data: ProjectionResponse, now: Date) {
  const lastUpdateMs = Date.parse(data.freshness.lastUpdate)
  if (Number.isNaN(lastUpdateMs)) return data.freshness.staleness
  return Math.max(0, (now.getTime() - lastUpdateMs) / 1000)
}
