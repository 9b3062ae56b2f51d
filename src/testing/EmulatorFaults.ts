import { createSeededRandom, type SeededRandom } from './seededRandom.js'

/** The emulator's routes, as named in `stats().requests` and in fault scripts. */
export type EmulatorRoute = 'ingest' | 'usage' | 'projection' | 'history' | 'health'

/** A route, or `'*'` for every route. */
export type FaultTarget = EmulatorRoute | '*'

/**
 * A scripted failure. Every kind takes an optional `delayMs` before it strikes.
 * - `latency`: answer normally, `delayMs` late.
 * - `status`: answer `status` with `headers` and `body` instead of processing the request.
 * - `reset`: drop the connection without processing the request.
 * - `commitThenFail`: process the request (events are counted), then answer `status`
 *   (default 503) or, with `reset: true`, drop the connection — the client cannot tell it worked.
 */
export type EmulatorFault =
  | { kind: 'latency'; delayMs: number }
  | {
      kind: 'status'
      status: number
      /** @default {} */
      headers?: Record<string, string>
      /** @default `{"error":"<status name>","message":"Injected fault"}` */
      body?: unknown
      delayMs?: number
    }
  | { kind: 'reset'; delayMs?: number }
  | {
      kind: 'commitThenFail'
      /** @default 503 */
      status?: number
      /** Drop the connection instead of answering a status. @default false */
      reset?: boolean
      delayMs?: number
    }

interface RandomFault {
  probability: number
  fault: EmulatorFault
}

/**
 * Per-route failure scripts. For each request the first match wins: a queued one-shot fault
 * (`next`), then a standing one (`always`), then a seeded roll of the dice (`randomly`);
 * route-specific scripts before `'*'` ones.
 */
export class EmulatorFaults {
  #queued = new Map<FaultTarget, EmulatorFault[]>()
  #standing = new Map<FaultTarget, EmulatorFault>()
  #random = new Map<FaultTarget, RandomFault>()
  #rng: SeededRandom
  readonly #seed: string

  constructor(seed: string) {
    this.#seed = seed
    this.#rng = createSeededRandom(seed)
  }

  /** The next requests to `route` meet these faults, one each, in order. */
  next(route: FaultTarget, ...faults: EmulatorFault[]): this {
    this.#queued.set(route, [...(this.#queued.get(route) ?? []), ...faults])
    return this
  }

  /** Every request to `route` meets `fault` until `clear()`. */
  always(route: FaultTarget, fault: EmulatorFault): this {
    this.#standing.set(route, fault)
    return this
  }

  /**
   * Each request to `route` meets `fault` with `probability` (0–1). The dice are seeded, so a
   * run with the same seed fails the same requests.
   */
  randomly(route: FaultTarget, probability: number, fault: EmulatorFault): this {
    if (!(probability >= 0 && probability <= 1)) {
      throw new RangeError(
        `[stripemeter] faults.randomly: probability must be 0–1, got ${probability}`,
      )
    }
    this.#random.set(route, { probability, fault })
    return this
  }

  /** Removes the scripts of `route`, or all scripts (and rewinds the dice) without one. */
  clear(route?: FaultTarget): void {
    if (route === undefined) {
      this.#queued.clear()
      this.#standing.clear()
      this.#random.clear()
      this.#rng = createSeededRandom(this.#seed)
      return
    }
    this.#queued.delete(route)
    this.#standing.delete(route)
    this.#random.delete(route)
  }

  /** The fault this request to `route` meets, if any (consumes one-shot faults). */
  take(route: EmulatorRoute | undefined): EmulatorFault | undefined {
    const targets: FaultTarget[] = route === undefined ? ['*'] : [route, '*']
    for (const target of targets) {
      const queue = this.#queued.get(target)
      if (queue && queue.length > 0) return queue.shift()
    }
    for (const target of targets) {
      const fault = this.#standing.get(target)
      if (fault) return fault
    }
    for (const target of targets) {
      const random = this.#random.get(target)
      if (random && this.#rng() < random.probability) return random.fault
    }
    return undefined
  }
}
