import { validationError } from '../core/validationError.js'
import { isNonNegativeNumber } from './EmulatorOptions.js'
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
    for (const [index, fault] of faults.entries()) validateFault(`faults.next(…)[${index}]`, fault)
    this.#queued.set(route, [...(this.#queued.get(route) ?? []), ...faults])
    return this
  }

  /** Every request to `route` meets `fault` until `clear()`. */
  always(route: FaultTarget, fault: EmulatorFault): this {
    validateFault('faults.always(…)', fault)
    this.#standing.set(route, fault)
    return this
  }

  /**
   * Each request to `route` meets `fault` with `probability` (0–1). The dice are seeded, so a
   * run with the same seed fails the same requests.
   */
  randomly(route: FaultTarget, probability: number, fault: EmulatorFault): this {
    if (!(isNonNegativeNumber(probability) && probability <= 1)) {
      throw validationError('faults.randomly(probability)', 'must be from 0 to 1', probability)
    }
    validateFault('faults.randomly(fault)', fault)
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

const faultKinds = ['latency', 'status', 'reset', 'commitThenFail']

/** Refuses a fault that could not be served (a status `Response` cannot carry, a negative delay). */
function validateFault(field: string, fault: EmulatorFault): void {
  if (!faultKinds.includes(fault?.kind)) {
    throw validationError(`${field}.kind`, `must be one of ${faultKinds.join(', ')}`, fault?.kind)
  }
  if (fault.delayMs !== undefined && !isNonNegativeNumber(fault.delayMs)) {
    throw validationError(`${field}.delayMs`, 'must be a number of milliseconds ≥ 0', fault.delayMs)
  }
  const status = 'status' in fault ? fault.status : undefined
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    throw validationError(`${field}.status`, 'must be an HTTP status from 200 to 599', status)
  }
}
