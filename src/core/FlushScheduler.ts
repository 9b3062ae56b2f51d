import type { StripeMeterError } from './StripeMeterError.js'
import { backgroundTimeout, type TimerHandle } from './timers.js'

/** First pause after a failed automatic delivery; it doubles per failure up to the cap. */
const FIRST_RETRY_PAUSE_MS = 1_000
const MAX_RETRY_PAUSE_MS = 60_000

/**
 * When the next automatic delivery happens: the flush interval after buffering, or, after
 * failures, a growing, jittered, capped pause that never ends before a server's `Retry-After`.
 * One timer at a time; in Node it never keeps the process alive.
 */
export class FlushScheduler {
  readonly #onDue: () => void
  #timer: TimerHandle | undefined
  #consecutiveFailures = 0
  /** A `Retry-After` outlived ky's retries: nothing is sent before this time. */
  #notBeforeMs = 0

  /** `onDue` runs when a timer fires: deliver everything buffered so far. */
  constructor(onDue: () => void) {
    this.#onDue = onDue
  }

  /** Deliveries failed since the last success; while above 0 only the retry pause sends. */
  get consecutiveFailures(): number {
    return this.#consecutiveFailures
  }

  get isArmed(): boolean {
    return this.#timer !== undefined
  }

  /** How long a delivery must still wait for the server's `Retry-After`. */
  get notBeforeWaitMs(): number {
    return this.#notBeforeMs - Date.now()
  }

  failed(error: StripeMeterError): void {
    this.#consecutiveFailures++
    if (error.retryAfterMs !== undefined) this.#notBeforeMs = Date.now() + error.retryAfterMs
  }

  succeeded(): void {
    this.#consecutiveFailures = 0
  }

  /** Arms the flush-interval timer unless a timer is armed already. */
  armInterval(intervalMs: number): void {
    if (this.#timer === undefined) this.#arm(intervalMs)
  }

  /** Replaces any timer with the pause before retrying after the latest failure. */
  armRetry(): void {
    this.clear()
    this.#arm(retryPauseMs(this.#consecutiveFailures, this.notBeforeWaitMs))
  }

  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #arm(delayMs: number): void {
    this.#timer = backgroundTimeout(() => {
      this.#timer = undefined
      this.#onDue()
    }, delayMs)
  }
}

/** Between half and all of 1 s × 2^(failures − 1), capped at 60 s, and not before `notBeforeWaitMs`. */
export function retryPauseMs(consecutiveFailures: number, notBeforeWaitMs: number): number {
  const backoffMs = Math.min(
    MAX_RETRY_PAUSE_MS,
    FIRST_RETRY_PAUSE_MS * 2 ** (consecutiveFailures - 1),
  )
  // Half fixed, half random: clients that failed together do not all come back together.
  return Math.max(backoffMs * (0.5 + Math.random() * 0.5), notBeforeWaitMs)
}
