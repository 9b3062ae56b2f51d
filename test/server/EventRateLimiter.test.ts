import { describe, expect, it } from 'vitest'
import { EventRateLimiter } from '../../src/server/EventRateLimiter.js'

describe('EventRateLimiter', () => {
  it('allows a burst up to the cap, then earns events back evenly over the minute', () => {
    const limiter = new EventRateLimiter(60)
    expect(limiter.take('cus_a', 60, 0)).toEqual({ allowed: true, remaining: 0 })
    expect(limiter.take('cus_a', 1, 0)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
    })
    expect(limiter.take('cus_a', 10, 0)).toMatchObject({ allowed: false, retryAfterSeconds: 10 })
    // 60 per minute is one per second.
    expect(limiter.take('cus_a', 10, 10_000)).toEqual({ allowed: true, remaining: 0 })
    expect(limiter.take('cus_a', 5, 12_500)).toMatchObject({
      allowed: false,
      remaining: 2,
      retryAfterSeconds: 3,
    })
  })

  it('keeps customers apart', () => {
    const limiter = new EventRateLimiter(10)
    expect(limiter.take('cus_a', 10, 0).allowed).toBe(true)
    expect(limiter.take('cus_b', 10, 0).allowed).toBe(true)
    expect(limiter.take('cus_a', 1, 0).allowed).toBe(false)
  })

  it('never holds more than the cap, however long a customer was idle', () => {
    const limiter = new EventRateLimiter(10)
    limiter.take('cus_a', 1, 0)
    expect(limiter.take('cus_a', 11, 3_600_000)).toMatchObject({ allowed: false, remaining: 10 })
  })

  it('refunds events up to the cap', () => {
    const limiter = new EventRateLimiter(10)
    limiter.take('cus_a', 8, 0)
    limiter.refund('cus_a', 20, 0)
    expect(limiter.take('cus_a', 10, 0).allowed).toBe(true)
  })

  it('forgets customers whose bucket filled up again, so memory follows active customers', () => {
    const limiter = new EventRateLimiter(60)
    for (let customer = 0; customer < 1000; customer++) limiter.take(`cus_${customer}`, 30, 60_000)
    expect(limiter.trackedCustomers).toBe(1000)
    limiter.take('cus_active', 60, 100_000)
    expect(limiter.trackedCustomers).toBe(1001)
    // 70 s after the burst every old bucket is full again; cus_active has earned back only 30.
    limiter.take('cus_later', 1, 130_000)
    expect(limiter.trackedCustomers).toBe(2)
  })
})
