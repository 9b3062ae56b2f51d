/**
 * The real server stores quantities as PostgreSQL `numeric(20,6)` and sums them exactly, so the
 * emulator keeps every quantity as a whole number of millionths in a `bigint`: 1,234,567,890,123
 * + 1 is 1,234,567,890,124 and 0.1 + 0.2 is 0.3, where doubles would drift.
 */
const MICRO_PER_UNIT = 1_000_000n

/**
 * A quantity as stored: six decimals, anything below 0.000001 kept as 0 (as seen on the real
 * server; 0.000001 itself is exact). Digits past the sixth are dropped, not rounded.
 */
export function toMicroUnits(quantity: number): bigint {
  // Past 2^53 a double is a whole number and `toFixed` would switch to exponent notation.
  if (Math.abs(quantity) >= 2 ** 53) return BigInt(quantity) * MICRO_PER_UNIT
  // Seven decimals, so the digit after the sixth is cut off instead of rounding the sixth up.
  const [whole = '0', fraction = ''] = quantity.toFixed(7).split('.')
  const negative = whole.startsWith('-')
  const micro = BigInt(whole.replace('-', '')) * MICRO_PER_UNIT + BigInt(fraction.slice(0, 6))
  return negative ? -micro : micro
}

/** The JSON number the server answers for a stored `numeric`: the nearest double to its decimal text. */
export function fromMicroUnits(micro: bigint): number {
  const negative = micro < 0n
  const magnitude = negative ? -micro : micro
  const fraction = (magnitude % MICRO_PER_UNIT).toString().padStart(6, '0')
  const text = `${negative ? '-' : ''}${magnitude / MICRO_PER_UNIT}.${fraction}`
  return Number(text)
}
