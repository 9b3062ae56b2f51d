/** An axis from 0: its top and its ticks, every step 1, 2 or 5 times a power of ten. */
export interface NiceScale {
  top: number
  ticks: number[]
}

/**
 * The axis for values up to `max`, with about `targetTicks` intervals: 52,500 → 0, 20K, 40K,
 * 60K (not 0 … 100K); 130 % → 0, 50, 100, 150 %. The top is the first step at or above `max`,
 * so the headroom is under one step.
 */
export function niceScale(max: number, targetTicks = 4): NiceScale {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, ticks: [0, 1] }
  const rough = max / targetTicks
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude
  const intervals = Math.ceil(max / step - 1e-9)
  const ticks = Array.from({ length: intervals + 1 }, (_, index) => roundTo(index * step, step))
  return { top: ticks.at(-1) ?? step, ticks }
}

/** Drops float dust (0.30000000000000004) at the step's own precision. */
function roundTo(value: number, step: number) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)))
  return Number(value.toFixed(decimals))
}
