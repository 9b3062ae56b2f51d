import { currencyFractionDigits, roundToMinorUnit } from './minorUnits.js'
import { type MetricPrice, priceUsage } from './priceUsage.js'
import type { ProjectionLineItem, ProjectionResponse } from './types.js'
import { utcDay } from './utcPeriod.js'

/*
 * Live cost: the projection prices what the server has counted, so usage tracked a moment ago
 * is missing from it while the usage meter already shows it. This prices that usage with the
 * projection's own prices and recomputes the bill, so cost and meter agree on screen.
 *
 * It never prices anything twice: each metric's `liveQuantity` is a floor the server's total
 * will reach (live usage's reconciliation), and only the part above the projection's own
 * quantity is priced. Once the server counts the events, the projection reaches the floor and
 * the answer is the server's exactly. The live total stays within [the server's total, the
 * total once this page's unconfirmed events are counted].
 */

/** A projection line item with this page's usage the server has not counted yet. */
export interface LiveProjectionLineItem extends ProjectionLineItem {
  /** Tracked here, not yet in the server's quantity; already added to `quantity`. */
  pendingQuantity: number
  /** What `pendingQuantity` adds to this line item's cost; already added to `total`. */
  pendingTotal: number
}

/** `POST /v1/usage/projection` with this page's pending usage priced in. */
export interface LiveProjection extends Omit<ProjectionResponse, 'lineItems'> {
  lineItems: LiveProjectionLineItem[]
  /** What the pending usage adds to the bill (`total` − the server's): the part still syncing. */
  pendingTotal: number
  /** The server's answer, untouched: the figure for screen readers, tables and exports. */
  server: ProjectionResponse
}

export interface LiveProjectionInput {
  /** The server's projection. */
  projection: ProjectionResponse
  /**
   * Per metric, the quantity the server's total will reach once this page's pending events
   * are counted (live usage's `current`). A metric absent, or not above the projection's
   * quantity, keeps the server's line item.
   */
  liveQuantities: ReadonlyMap<string, number>
  /**
   * The app's prices per metric — flat or graduated, as its billing defines them. A projection
   * carries one unit price per line item (for graduated prices, their average), so graduated
   * usage is priced by its tiers only with these. A price is used only where it reproduces the
   * server's own line item; otherwise the line item's unit price applies. A metric without a
   * line item gets one only with a price here (the server lists a metric once it has usage).
   * @default {}
   */
  prices?: Readonly<Record<string, MetricPrice>> | undefined
  /**
   * Usage tracked now belongs to the period holding `now`; a projection of another period
   * stays the server's.
   * @default new Date()
   */
  now?: Date
}

/**
 * Prices the usage the projection lacks with the projection's own prices (flat, or graduated
 * with `prices`), recomputes subtotal and total, and applies credits as the server does. A
 * metric without a price mapping stays unpriced. Pure: the same input gives the same answer.
 */
export function liveProjection({
  projection,
  liveQuantities,
  prices = {},
  now = new Date(),
}: LiveProjectionInput): LiveProjection {
  const today = utcDay(now)
  const inPeriod = projection.periodStart <= today && today <= projection.periodEnd
  const quantities = inPeriod ? liveQuantities : NO_LIVE_QUANTITIES
  const fractionDigits = currencyFractionDigits(projection.currency)
  const round = (amount: number) => roundToMinorUnit(amount, fractionDigits)
  const lineItems = projection.lineItems.map((item) =>
    liveLineItem(item, quantities.get(item.metric), prices[item.metric], fractionDigits),
  )
  const listed = new Set(projection.lineItems.map((item) => item.metric))
  for (const [metric, quantity] of quantities) {
    const price = prices[metric]
    if (listed.has(metric) || price === undefined || !(quantity > 0)) continue
    const priced = priceUsage(quantity, price, fractionDigits)
    lineItems.push({
      metric,
      quantity,
      ...priced,
      pendingQuantity: quantity,
      pendingTotal: priced.total,
    })
  }

  if (lineItems.every((item) => item.pendingQuantity === 0)) {
    return { ...projection, lineItems, pendingTotal: 0, server: projection }
  }
  const subtotal = Math.max(projection.subtotal, round(sum(lineItems.map((item) => item.total))))
  const credits = liveCredits(projection, subtotal)
  const total = round(subtotal - credits)
  return {
    ...projection,
    lineItems,
    subtotal,
    credits,
    total,
    pendingTotal: round(total - projection.total),
    server: projection,
  }
}

const NO_LIVE_QUANTITIES: ReadonlyMap<string, number> = new Map()

/** One line item at its live quantity; the server's own when nothing is pending for it. */
function liveLineItem(
  item: ProjectionLineItem,
  liveQuantity: number | undefined,
  bookPrice: MetricPrice | undefined,
  fractionDigits: number,
): LiveProjectionLineItem {
  if (liveQuantity === undefined || !(liveQuantity > item.quantity)) {
    return { ...item, pendingQuantity: 0, pendingTotal: 0 }
  }
  const flat = { unitPrice: item.unitPrice }
  const price = reproduces(bookPrice, item, fractionDigits) ? bookPrice : flat
  // A unit price that does not reproduce its own total is a blend (graduated tiers unknown
  // here): only the part above the server's quantity is priced, at that unit price.
  const priced = reproduces(price, item, fractionDigits)
    ? priceUsage(liveQuantity, price, fractionDigits)
    : {
        unitPrice: item.unitPrice,
        total: roundToMinorUnit(
          item.total + (liveQuantity - item.quantity) * item.unitPrice,
          fractionDigits,
        ),
      }
  // Never below the server's own figure.
  const total = Math.max(item.total, priced.total)
  return {
    metric: item.metric,
    quantity: liveQuantity,
    unitPrice: 'tiers' in price ? priced.unitPrice : item.unitPrice,
    total,
    pendingQuantity: liveQuantity - item.quantity,
    pendingTotal: roundToMinorUnit(total - item.total, fractionDigits),
  }
}

/** The app's price prices the server's quantity to the server's total: it is the server's price. */
function reproduces(
  price: MetricPrice | undefined,
  item: ProjectionLineItem,
  fractionDigits: number,
): price is MetricPrice {
  return (
    price !== undefined && priceUsage(item.quantity, price, fractionDigits).total === item.total
  )
}

/**
 * The server applies `min(credit balance, subtotal)`. Below the subtotal, the projection's
 * credits are the whole balance and stay as they are. At the subtotal, the balance is at least
 * that and may be more, so it is taken to cover the live subtotal too: the live total never
 * charges what a credit may cover. Without credits shown, none is assumed.
 */
function liveCredits(projection: ProjectionResponse, liveSubtotal: number): number {
  const { credits, subtotal } = projection
  if (credits > 0 && credits >= subtotal) return liveSubtotal
  return Math.min(credits, liveSubtotal)
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
