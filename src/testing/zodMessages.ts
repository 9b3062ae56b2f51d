/**
 * The real server validates with zod and sends zod's messages verbatim, so the emulator
 * produces the same texts ("Required", "Expected string, received number", …).
 */

/** zod's name for the type of a received value. */
export function zodTypeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan'
  return typeof value
}

/** Checks a string field like `z.string().min(min).max(max)`; returns zod's message or `undefined`. */
export function checkString(
  value: unknown,
  limits: { min?: number; max?: number; optional?: boolean },
): string | undefined {
  if (value === undefined) return limits.optional ? undefined : 'Required'
  if (typeof value !== 'string') return `Expected string, received ${zodTypeOf(value)}`
  if (limits.min !== undefined && value.length < limits.min) {
    return `String must contain at least ${limits.min} character(s)`
  }
  if (limits.max !== undefined && value.length > limits.max) {
    return `String must contain at most ${limits.max} character(s)`
  }
  return undefined
}

/** zod's message for a value outside an enum. */
export function invalidEnumMessage(options: readonly string[], received: unknown): string {
  return `Invalid enum value. Expected ${options.map((option) => `'${option}'`).join(' | ')}, received '${String(received)}'`
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
