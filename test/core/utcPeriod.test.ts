import { describe, expect, it } from 'vitest'
import {
  DAY_MS,
  nextUtcMonthStartMs,
  periodEndMs,
  periodHistoryRange,
  utcDay,
  utcDayStartMs,
} from '../../src/core/utcPeriod.js'

describe('UTC period arithmetic', () => {
  it('a day starts at midnight UTC; an impossible date is NaN', () => {
    expect(utcDayStartMs('2026-11-01')).toBe(Date.UTC(2026, 10, 1))
    expect(utcDayStartMs('2026-02-30')).toBeNaN()
    expect(utcDayStartMs('nope')).toBeNaN()
  })

  it('a period ends the day after its last day, also across a month and a leap day', () => {
    expect(periodEndMs('2026-11-30')).toBe(Date.UTC(2026, 11, 1))
    expect(periodEndMs('2028-02-28')).toBe(Date.UTC(2028, 1, 29))
    expect(periodEndMs('2026-11-30') - utcDayStartMs('2026-11-01')).toBe(30 * DAY_MS)
  })

  it('names the UTC day of a moment and the next month start', () => {
    expect(utcDay(Date.UTC(2026, 10, 30, 23, 59))).toBe('2026-11-30')
    expect(nextUtcMonthStartMs(Date.UTC(2026, 11, 15))).toBe(Date.UTC(2027, 0, 1))
  })

  it('covers a whole period as a history range', () => {
    expect(periodHistoryRange('2026-11-01', '2026-11-30')).toEqual({
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: '2026-11-30T23:59:59.999Z',
    })
  })
})
