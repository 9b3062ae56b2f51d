import { useEffect, useState } from 'react'

/**
 * The current time, re-read every `intervalMs` so "updated N seconds ago" keeps counting.
 * A fixed `now` (tests, stories, server rendering) is returned as it is and starts no timer.
 */
export function useNow(fixedNow: Date | undefined, intervalMs: number): Date {
  const [now, setNow] = useState(() => fixedNow ?? new Date())
  useEffect(() => {
    if (fixedNow) return
    const timer = setInterval(() => setNow(new Date()), intervalMs)
    return () => clearInterval(timer)
  }, [fixedNow, intervalMs])
  return fixedNow ?? now
}
