import type { EmulatorFaults } from '../../src/testing/EmulatorFaults'

/** One state of the network between the app and StripeMeter, as emulator fault scripts. */
export interface NetworkCondition {
  label: string
  /** What the user will see happen. */
  description: string
  apply(faults: EmulatorFaults): void
}

/** The fault panel's choices, from healthy to offline; each replaces the one before. */
export const networkConditions = {
  healthy: {
    label: 'Healthy',
    description: 'Every request answered at once.',
    apply: () => {},
  },
  slow: {
    label: 'Slow',
    description: 'Every answer 1.5 s late: events wait in flight, the meters move anyway.',
    apply: (faults) => void faults.always('*', { kind: 'latency', delayMs: 1_500 }),
  },
  flaky: {
    label: 'Flaky (503 half the time)',
    description: 'Half the requests fail with 503: the client retries them with back-off.',
    apply: (faults) => void faults.randomly('*', 0.5, { kind: 'status', status: 503 }),
  },
  down: {
    label: 'Down (503 always)',
    description: 'Every request fails: events stay queued, the widgets keep their last numbers.',
    apply: (faults) => void faults.always('*', { kind: 'status', status: 503 }),
  },
  lostReplies: {
    label: 'Lost replies',
    description:
      'Half the deliveries are counted but answered 503: the retry comes back as a duplicate, counted once.',
    apply: (faults) => void faults.randomly('ingest', 0.5, { kind: 'commitThenFail' }),
  },
  offline: {
    label: 'Offline',
    description: 'Every connection drops: nothing arrives, nothing is lost.',
    apply: (faults) => void faults.always('*', { kind: 'reset' }),
  },
} satisfies Record<string, NetworkCondition>

export type NetworkConditionName = keyof typeof networkConditions
