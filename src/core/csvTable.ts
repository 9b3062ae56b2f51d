import { utcMs } from './utcPeriod.js'
import { validationError } from './validationError.js'

/** A cell: text is escaped for spreadsheets, a number is written as a plain dot-decimal number. */
export type CsvCell = string | number

/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/
/** `Number.prototype.toString` switches to exponents outside this range; a spreadsheet may not read them back. */
const plainDecimal = new Intl.NumberFormat('en-US', {
  useGrouping: false,
  maximumFractionDigits: 20,
})

/**
 * An RFC 4180 table: comma-separated, CRLF line ends (the last line too), a field quoted when it
 * holds a comma, quote or line break, its quotes doubled. Text that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'`, so a customer- or
 * metric-name cannot execute in the accountant's spreadsheet; the `'` is visible, which is the
 * price of safety. Numbers are never prefixed (`-5` stays a number).
 */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')
}

function csvCell(cell: CsvCell): string {
  if (typeof cell === 'number') return plainDecimal.format(cell + 0) // + 0: no "-0"
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A finite number for a numeric column, or a `validation_error` naming where it came from. */
export function csvNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw validationError(field, 'must be a finite number', value)
  }
  return value
}

/** Text for a text column, or a `validation_error` naming where it came from. */
export function csvText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw validationError(field, 'must be a string', value)
  return value
}

/**
 * An ISO-8601 instant as the CSV writes it: `YYYY-MM-DD` when it is a UTC midnight (a day or
 * month bucket, a period bound), the full date-time otherwise.
 */
export function csvDate(value: unknown, field: string): string {
  const ms = utcMs(value)
  if (Number.isNaN(ms)) throw validationError(field, 'must be an ISO-8601 date', value)
  const iso = new Date(ms).toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
}
