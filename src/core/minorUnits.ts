/** Making an `Intl.NumberFormat` costs far more than pricing: live cost asks on every render. */
const fractionDigitsByCurrency = new Map<string, number>()

/** Decimal places of a currency's minor unit (2 for USD, 0 for JPY), from the platform's ICU data. */
export function currencyFractionDigits(currency: string): number {
  let digits = fractionDigitsByCurrency.get(currency)
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2
    } catch {
      digits = 2
    }
    fractionDigitsByCurrency.set(currency, digits)
  }
  return digits
}

/** Rounds an amount to the currency's minor unit, half up (1.005 → 1.01, not 1.00). */
export function roundToMinorUnit(amount: number, fractionDigits: number): number {
  const factor = 10 ** fractionDigits
  return Math.round((amount + Number.EPSILON) * factor) / factor
}
