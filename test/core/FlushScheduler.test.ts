import { afterEach, describe, expect, it, vi } from 'vitest'
import { FlushScheduler, retryPauseMs } from '../../src/core/FlushScheduler.js'
import { StripeMeterError } from '../../src/core/StripeMeterError.js'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('retryPauseMs', () => {
  it('doubles per failure from 1 s, jittered between half and all of it', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    expect([1, 2, 3, 4].map((failures) => retryPauseMs(failures, 0))).toEqual([
      500, 1000, 2000, 4000,
    ])
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999)
    expect(retryPauseMs(3, 0)).toBeCloseTo(4000, 0)
  })

  it('is capped at 60 s however many failures', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999)
    expect(retryPauseMs(40, 0)).toBeLessThanOrEqual(60_000)
    expect(retryPauseMs(40, 0)).toBeGreaterThan(59_000)
  })

  it('never ends before a Retry-After still to come', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    expect(retryPauseMs(1, 90_000)).toBe(90_000)
  })
})

describe('FlushScheduler', () => {
  // Time is what is under test here.
  it('runs onDue once per armed timer; an interval never replaces an armed timer', () => {
    vi.useFakeTimers()
    const onDue = vi.fn()
    const scheduler = new FlushScheduler(onDue)
    scheduler.armInterval(5_000)
    scheduler.armInterval(10) // already armed: ignored
    vi.advanceTimersByTime(4_999)
    expect(onDue).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onDue).toHaveBeenCalledTimes(1)
    expect(scheduler.isArmed).toBe(false)
  })

  it("counts failures until a success and honours a 429's Retry-After in the retry pause", () => {
    vi.useFakeTimers()
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const onDue = vi.fn()
    const scheduler = new FlushScheduler(onDue)
    scheduler.failed(
      new StripeMeterError('rate limited', {
        code: 'rate_limited',
        statusCode: 429,
        retryAfterMs: 7_000,
      }),
    )
    expect(scheduler.consecutiveFailures).toBe(1)
    expect(scheduler.notBeforeWaitMs).toBe(7_000)
    scheduler.armInterval(100)
    scheduler.armRetry() // replaces the interval timer
    vi.advanceTimersByTime(6_999)
    expect(onDue).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onDue).toHaveBeenCalledTimes(1)
    scheduler.succeeded()
    expect(scheduler.consecutiveFailures).toBe(0)
  })

  it('clear() disarms', () => {
    vi.useFakeTimers()
    const onDue = vi.fn()
    const scheduler = new FlushScheduler(onDue)
    scheduler.armInterval(100)
    scheduler.clear()
    vi.advanceTimersByTime(1_000)
    expect(onDue).not.toHaveBeenCalled()
  })
})
