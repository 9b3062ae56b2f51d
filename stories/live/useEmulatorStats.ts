import { useEffect, useState } from 'react'
import type { EmulatorStats, StripeMeterEmulator } from '../../src/testing/StripeMeterEmulator'

/** How often the panel looks at the emulator: fast enough to watch a delivery land. */
const POLL_INTERVAL_MS = 200

/** The emulator's counters, re-rendering only when one of them changes. */
export function useEmulatorStats(emulator: StripeMeterEmulator): EmulatorStats {
  const [stats, setStats] = useState(() => emulator.stats())
  useEffect(() => {
    const timer = setInterval(() => {
      const next = emulator.stats()
      setStats((previous) =>
        previous.eventsReceived === next.eventsReceived &&
        previous.eventsCounted === next.eventsCounted &&
        previous.duplicates === next.duplicates
          ? previous
          : next,
      )
    }, POLL_INTERVAL_MS)
    return () => clearInterval(timer)
  }, [emulator])
  return stats
}
