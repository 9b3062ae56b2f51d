import { csvDate, csvNumber, csvTable, csvText } from './csvTable.js'
import type { ProjectionResponse } from './types.js'
import { validationError } from './validationError.js'

const header = [
  'line',
  'metric',
  'quantity',
  'unit_price',
  'amount',
  'currency',
  'period_start',
  'period_end',
  'customer',
  'as_of',
] as const

/**
 * A projection (`POST /v1/usage/projection`) as RFC 4180 CSV: one `usage` row per line item,
 * then the `subtotal`, `credits` and `total` rows, each carrying the currency, the period (ISO
 * dates), the customer and when the server last aggregated (`as_of`). Amounts are in currency
 * units with dot decimals; credits are written as the positive amount the server sends. See
 * `csvTable` for escaping.
 */
export function projectionToCsv(projection: ProjectionResponse): string {
  if (typeof projection !== 'object' || projection === null) {
    throw validationError('projection', 'must be a projection response', projection)
  }
  const context = [
    csvText(projection.currency, 'projection.currency'),
    csvDate(projection.periodStart, 'projection.periodStart'),
    csvDate(projection.periodEnd, 'projection.periodEnd'),
    csvText(projection.customerRef, 'projection.customerRef'),
    csvDate(projection.freshness?.lastUpdate, 'projection.freshness.lastUpdate'),
  ]
  if (!Array.isArray(projection.lineItems)) {
    throw validationError('projection.lineItems', 'must be an array', projection.lineItems)
  }
  const usageRows = projection.lineItems.map((item, index) => {
    const field = `projection.lineItems[${index}]`
    return [
      'usage',
      csvText(item?.metric, `${field}.metric`),
      csvNumber(item?.quantity, `${field}.quantity`),
      csvNumber(item?.unitPrice, `${field}.unitPrice`),
      csvNumber(item?.total, `${field}.total`),
      ...context,
    ]
  })
  const summary = (line: 'subtotal' | 'credits' | 'total') => [
    line,
    '',
    '',
    '',
    csvNumber(projection[line], `projection.${line}`),
    ...context,
  ]
  return csvTable(header, [...usageRows, summary('subtotal'), summary('credits'), summary('total')])
}
