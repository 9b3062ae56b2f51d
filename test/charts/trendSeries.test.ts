import { describe, expect, it } from 'vitest'
import { buildTrendSeries } from '../../src/charts/trendSeries.js'

const period = { start: '2026-11-01', end: '2026-11-30' }
const day = (date: number) => Date.UTC(2026, 10, date)

describe('buildTrendSeries', () => {
  it('fills the buckets the server omitted with 0, up to now', () => {
    const series = buildTrendSeries({
      usage: [
        { ts: '2026-11-01T00:00:00.000Z', value: 10 },
        { ts: '2026-11-04T00:00:00.000Z', value: 5 },
      ],
      period,
      step: 'day',
      mode: 'per-bucket',
      now: new Date('2026-11-05T12:00:00Z'),
      maxPoints: 1000,
    })
    expect(
      series.data.filter((datum) => datum.actual !== null).map((d) => [d.x, d.actual]),
    ).toEqual([
      [day(1), 10],
      [day(2), 0],
      [day(3), 0],
      [day(4), 5],
      [day(5), 0],
    ])
    expect(series.total).toBe(15)
  })

  it('accumulates and projects the run-rate to the period end', () => {
    const series = buildTrendSeries({
      usage: Array.from({ length: 10 }, (_, index) => ({
        ts: new Date(day(index + 1)).toISOString(),
        value: 100,
      })),
      period,
      step: 'day',
      mode: 'cumulative',
      now: new Date('2026-11-11T00:00:00Z'),
      maxPoints: 1000,
    })
    const actual = series.data.filter((datum) => datum.actual !== null)
    expect(actual.at(-1)).toEqual({ x: day(11), actual: 1000, projected: 1000 })
    expect(actual[0]?.actual).toBe(100)
    // 1,000 in 10 days → 100/day × 20 days left → 3,000 at the period's end (Dec 1, 00:00 UTC).
    expect(series.data.at(-1)).toEqual({ x: Date.UTC(2026, 11, 1), actual: null, projected: 3000 })
    expect(series.domain).toEqual([day(1), Date.UTC(2026, 11, 1)])
  })

  it('projects the average day as a level in per-day mode', () => {
    const series = buildTrendSeries({
      usage: [{ ts: '2026-11-02T00:00:00.000Z', value: 50 }],
      period,
      step: 'day',
      mode: 'per-bucket',
      now: new Date('2026-11-06T00:00:00Z'),
      maxPoints: 1000,
    })
    expect(series.data.at(-1)).toEqual({ x: day(30), actual: null, projected: 10 })
  })

  it('downsamples to maxPoints and keeps the last point for the projection to start from', () => {
    const start = day(1)
    const usage = Array.from({ length: 100_000 }, (_, index) => ({
      ts: new Date(start + index * 10_000).toISOString(),
      value: index === 50_000 ? 10_000 : 1,
    }))
    const series = buildTrendSeries({
      usage,
      period,
      step: 'day',
      mode: 'per-bucket',
      now: new Date(start + 100_000 * 10_000),
      maxPoints: 400,
    })
    expect(series.sourcePoints).toBeGreaterThanOrEqual(100_000)
    const actual = series.data.filter((datum) => datum.actual !== null)
    expect(actual).toHaveLength(400)
    expect(Math.max(...actual.map((datum) => datum.actual ?? 0))).toBe(10_000)
  })

  it('without a period: no gap filling and no projection', () => {
    const series = buildTrendSeries({
      usage: [{ ts: '2026-11-03T00:00:00.000Z', value: 4 }],
      step: 'day',
      mode: 'cumulative',
      now: new Date('2026-11-10T00:00:00Z'),
      maxPoints: 100,
    })
    expect(series.data).toEqual([{ x: day(3), actual: 4, projected: null }])
    expect(series.domain).toBeUndefined()
  })
})
