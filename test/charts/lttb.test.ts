import { describe, expect, it } from 'vitest'
import { downsampleLttb } from '../../src/charts/lttb.js'

function series(values: number[]) {
  return values.map((y, x) => ({ x, y }))
}

describe('downsampleLttb', () => {
  it('keeps the first and last points and returns exactly threshold points', () => {
    const points = series(Array.from({ length: 1000 }, (_, index) => Math.sin(index / 20)))
    const sampled = downsampleLttb(points, 100)
    expect(sampled).toHaveLength(100)
    expect(sampled[0]).toBe(points[0])
    expect(sampled.at(-1)).toBe(points.at(-1))
  })

  it('keeps isolated extremes: a single spike and a single dip survive 100,000 → 500', () => {
    const values = Array.from({ length: 100_000 }, (_, index) => 10 + (index % 7))
    values[31_337] = 1_000_000
    values[77_777] = -1_000_000
    const sampled = downsampleLttb(series(values), 500)
    expect(sampled).toHaveLength(500)
    const ys = sampled.map((point) => point.y)
    expect(Math.max(...ys)).toBe(1_000_000)
    expect(Math.min(...ys)).toBe(-1_000_000)
  })

  it('returns points in their original order, each one of the input', () => {
    const points = series(Array.from({ length: 5000 }, (_, index) => (index * 7919) % 101))
    const sampled = downsampleLttb(points, 300)
    for (let index = 1; index < sampled.length; index++) {
      expect((sampled[index]?.x ?? 0) > (sampled[index - 1]?.x ?? 0)).toBe(true)
      expect(points[sampled[index]?.x ?? -1]).toBe(sampled[index])
    }
  })

  it('leaves a series within the threshold (or a threshold under 3) as it is, copied', () => {
    const points = series([1, 5, 2])
    expect(downsampleLttb(points, 10)).toEqual(points)
    expect(downsampleLttb(points, 10)).not.toBe(points)
    expect(downsampleLttb(series([1, 2, 3, 4, 5]), 2)).toHaveLength(5)
  })

  it('keeps a straight line straight', () => {
    const sampled = downsampleLttb(series(Array.from({ length: 10_000 }, (_, x) => 3 * x)), 50)
    for (const point of sampled) expect(point.y).toBe(3 * point.x)
  })
})
