import { StripeMeterError } from './StripeMeterError.js'

const MAX_SHOWN_CHARS = 60

/** A short, unambiguous rendering of a bad value for an error message (strings quoted, long ones cut). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value
    return `${JSON.stringify(shown)} (${value.length} chars)`
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value)
  }
  if (value === null || value === undefined) return String(value)
  if (value instanceof Date)
    return `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`
  if (Array.isArray(value)) return `an array of ${value.length}`
  return `a ${typeof value}`
}

/** `validation_error` naming the field, the rule it broke and the value it got. */
export function validationError(field: string, rule: string, value: unknown): StripeMeterError {
  return new StripeMeterError(`${field} ${rule}, got ${describeValue(value)}`, {
    code: 'validation_error',
  })
}
