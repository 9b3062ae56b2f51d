import type { MetricPrice } from './metricCatalog.js'

export interface PricedUsage {
  /** Flat price, or the average price per unit across graduated tiers. */
  unitPrice: number
  /** Rounded to the currency's minor unit (cents; whole yen for JPY). */
  total: number
}

/** Decimal places of a currency's minor unit (2 for USD, 0 for JPY), from the platform's ICU data. */
export function currencyFractionDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

export function roundToMinorUnit(amount: number, fractionDigits: number): number {
  const factor = 10 ** fractionDigits
  return Math.round((amount + Number.EPSILON) * factor) / factor
}

/** Prices `quantity` units: flat, or graduated (each unit at the price of the tier it falls in). */
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
