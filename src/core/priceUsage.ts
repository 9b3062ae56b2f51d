import { roundToMinorUnit } from './minorUnits.js'

/** One step of a graduated price: units up to `upTo` (inclusive, cumulative) cost `unitPrice` each. */
export interface PriceTier {
  /** The last unit of this tier; `null` for the open-ended top tier. */
  upTo: number | null
  /** Price per unit in currency units (not cents). */
  unitPrice: number
}

/** A flat price per unit, or graduated tiers (each unit priced by the tier it falls in). */
export type MetricPrice = { unitPrice: number } | { tiers: PriceTier[] }

export interface PricedUsage {
  /** Flat price, or the average price per unit across graduated tiers (six significant digits). */
  unitPrice: number
  /** Rounded to the currency's minor unit (cents; whole yen for JPY). */
  total: number
}

/**
 * Prices `quantity` units as the server prices a projection's line item: flat, or graduated
 * (each unit at the price of the tier it falls in). The emulator and live cost share it, so a
 * cost priced here is the cost the emulator answers.
 */
export function priceUsage(
  quantity: number,
  price: MetricPrice,
  fractionDigits: number,
): PricedUsage {
  if ('unitPrice' in price) {
    return {
      unitPrice: price.unitPrice,
      total: roundToMinorUnit(quantity * price.unitPrice, fractionDigits),
    }
  }
  let amount = 0
  let pricedUpTo = 0
  for (const tier of price.tiers) {
    const tierEnd = tier.upTo ?? Number.POSITIVE_INFINITY
    const unitsInTier = Math.min(quantity, tierEnd) - pricedUpTo
    if (unitsInTier <= 0) break
    amount += unitsInTier * tier.unitPrice
    pricedUpTo += unitsInTier
  }
  return {
    unitPrice: quantity > 0 ? Number.parseFloat((amount / quantity).toPrecision(6)) : 0,
    total: roundToMinorUnit(amount, fractionDigits),
  }
}
