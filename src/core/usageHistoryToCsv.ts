import { csvDate, csvNumber, csvTable, csvText } from './csvTable.js'
import type { UsageHistoryPoint } from './types.js'
import { validationError } from './validationError.js'

export interface UsageHistoryCsvOptions {
  /** The metric the history is of, written on every row. */
  metric: string
  /**
   * The language of the header row (`de`, `fr-CA`, …); English where it has no translation.
   * Values never follow it: dates stay ISO and decimals dots, so the file imports the same
   * into any spreadsheet or accounting tool whatever the reader's language.
   * @default 'en'
   */
  locale?: string
}

/** Header rows by language: date, metric, quantity. */
const headers: Record<string, readonly [string, string, string]> = {
  en: ['date', 'metric', 'quantity'],
  de: ['datum', 'metrik', 'menge'],
  es: ['fecha', 'métrica', 'cantidad'],
  fr: ['date', 'métrique', 'quantité'],
}

/**
 * One metric's usage history (`GET /v1/usage/history`) as RFC 4180 CSV, oldest bucket first:
 * `date,metric,quantity` with the bucket's start as an ISO date. See `csvTable` for escaping.
 */
export function usageHistoryToCsv(
  history: readonly UsageHistoryPoint[],
  { metric, locale = 'en' }: UsageHistoryCsvOptions,
): string {
  if (!Array.isArray(history)) {
    throw validationError('history', 'must be an array of { ts, value } buckets', history)
  }
  const metricName = csvText(metric, 'metric')
  const rows = history
    .map((point, index) => ({
      ms: Date.parse(point?.ts),
      row: [
        csvDate(point?.ts, `history[${index}].ts`),
        metricName,
        csvNumber(point?.value, `history[${index}].value`),
      ],
    }))
    .sort((a, b) => a.ms - b.ms)
    .map(({ row }) => row)
  return csvTable(headerFor(locale), rows)
}

function headerFor(locale: string) {
  const language = typeof locale === 'string' ? locale.toLowerCase().split(/[-_]/)[0] : undefined
  return headers[language ?? 'en'] ?? headers.en ?? []
}
