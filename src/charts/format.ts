import { utcDayStartMs } from '../core/utcPeriod.js'

/** Numbers from this many up are shown compact ("1.2M"); tables and screen readers get them whole. */
const COMPACT_FROM = 100_000
/** Axes go compact sooner: "0, 20K, 40K" reads better at a glance than "0, 20,000, 40,000". */
const AXIS_COMPACT_FROM = 10_000

/** Locale-aware formatting for the widgets: one set of `Intl` objects per locale, reused. */
export interface Formatters {
  locale: string | undefined
  /** `12,500 calls`, or `1.2M calls` when large. */
  quantity(value: number, unit?: string): string
  /** The whole number with its unit, for tables and `aria-valuetext`. */
  exactQuantity(value: number, unit?: string): string
  /** One format for every tick of an axis whose top tick is `top`: all compact (`20K`) or none. */
  axisNumber(top: number): (value: number) => string
  /** `0.8` → `80%`. */
  percent(ratio: number): string
  /** An amount in currency units; the currency decides the decimals (JPY has none). */
  currency(amount: number, currency: string): string
  /** A unit price, which may need more decimals than the currency has (`$0.002`). */
  unitPrice(amount: number, currency: string): string
  /** `45` → `45 seconds ago`. */
  secondsAgo(seconds: number): string
  /** A `YYYY-MM-DD` date or ISO date-time, shown as its UTC calendar date. */
  date(value: string): string
  /** A period of two `YYYY-MM-DD` dates: `Nov 1 – 30, 2026`. */
  period(start: string, end: string): string
  /** An ISO date-time, as a short UTC date for axis ticks. */
  shortDate(value: string | number): string
  /**
   * A moment in the customer's own clock: the time alone (`10:42`) on the day of `now`, else
   * with its date (`Nov 28, 2026, 10:42`).
   */
  asOfTime(at: Date, now: Date): string
}

const cache = new Map<string, Formatters>()

/**
 * `wordsLocale` formats what carries words — relative times and month names — where the
 * widget's words are in another language than the numbers' locale (English words for a
 * language without a catalog), so a sentence never mixes two languages.
 */
export function getFormatters(
  locale: string | undefined,
  wordsLocale: string | undefined = locale,
): Formatters {
  const cacheKey = `${locale ?? ''}|${wordsLocale ?? ''}`
  let formatters = cache.get(cacheKey)
  if (!formatters) {
    formatters = createFormatters(locale, wordsLocale)
    cache.set(cacheKey, formatters)
  }
  return formatters
}

function createFormatters(locale: string | undefined, wordsLocale: string | undefined): Formatters {
  const standard = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const exact = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })
  const compact = new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: 1,
  })
  // Truncated, not rounded: 99.6 % of a limit must not read "100 %" beside "Near limit".
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    roundingMode: 'trunc',
  })
  const relative = new Intl.RelativeTimeFormat(wordsLocale, { numeric: 'auto' })
  const date = new Intl.DateTimeFormat(wordsLocale, { dateStyle: 'medium', timeZone: 'UTC' })
  const shortDate = new Intl.DateTimeFormat(wordsLocale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  })
  // The customer's time zone, not UTC: "as of 10:42" is read against the customer's own clock.
  const time = new Intl.DateTimeFormat(wordsLocale, { timeStyle: 'short' })
  const dateTime = new Intl.DateTimeFormat(wordsLocale, { dateStyle: 'medium', timeStyle: 'short' })
  const currencies = new Map<string, Intl.NumberFormat>()
  const currencyFormat = (currency: string, kind: 'amount' | 'compact' | 'price') => {
    const key = `${currency}:${kind}`
    let format = currencies.get(key)
    if (!format) {
      const base = new Intl.NumberFormat(locale, { style: 'currency', currency })
      const { minimumFractionDigits } = base.resolvedOptions()
      format =
        kind === 'amount'
          ? base
          : kind === 'compact'
            ? new Intl.NumberFormat(locale, {
                style: 'currency',
                currency,
                notation: 'compact',
                maximumFractionDigits: 1,
              })
            : new Intl.NumberFormat(locale, {
                style: 'currency',
                currency,
                minimumFractionDigits,
                maximumFractionDigits: Math.max(6, minimumFractionDigits ?? 0),
              })
      currencies.set(key, format)
    }
    return format
  }
  const withUnit = (text: string, unit?: string) => (unit ? `${text} ${unit}` : text)

  return {
    locale,
    quantity: (value, unit) =>
      withUnit((Math.abs(value) >= COMPACT_FROM ? compact : standard).format(value), unit),
    exactQuantity: (value, unit) => withUnit(exact.format(value), unit),
    axisNumber: (top) => {
      const axisFormat = Math.abs(top) >= AXIS_COMPACT_FROM ? compact : standard
      return (value) => axisFormat.format(value)
    },
    percent: (ratio) => percent.format(ratio),
    currency: (amount, currency) =>
      currencyFormat(currency, Math.abs(amount) >= 1_000_000 ? 'compact' : 'amount').format(amount),
    unitPrice: (amount, currency) => currencyFormat(currency, 'price').format(amount),
    secondsAgo: (seconds) => {
      const whole = Math.max(0, Math.round(seconds))
      if (whole < 60) return relative.format(-whole, 'second')
      if (whole < 3600) return relative.format(-Math.round(whole / 60), 'minute')
      if (whole < 86_400) return relative.format(-Math.round(whole / 3600), 'hour')
      return relative.format(-Math.round(whole / 86_400), 'day')
    },
    date: (value) => date.format(utcDate(value)),
    period: (start, end) => date.formatRange(utcDate(start), utcDate(end)),
    shortDate: (value) => shortDate.format(new Date(value)),
    asOfTime: (at, now) => (at.toDateString() === now.toDateString() ? time : dateTime).format(at),
  }
}

function utcDate(value: string) {
  return new Date(value.length === 10 ? utcDayStartMs(value) : value)
}
