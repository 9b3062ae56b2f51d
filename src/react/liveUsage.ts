import type { MetricUsage, UsageResponse } from '../core/types.js'

/*
 * Live usage: StripeMeter aggregates asynchronously and caches reads for up to 30 s, so an event
 * tracked a moment ago is missing from `GET /v1/usage/current`. These pure functions keep the
 * events tracked through this page until the server's total provably includes them, and lay
 * them over the server's answer without ever counting one twice. No React here: the
 * provider's store calls them and the tests drive them directly.
 *
 * The one fact the reconciliation rests on: a read whose answer arrived before an event was
 * first sent cannot include it — whatever the client hears back later (a lost reply, a 503
 * after the server committed). Each pending event carries a `baseline`: the latest server
 * total for its metric that arrived while it was still unsent, so `baseline + quantity` (plus
 * the events recorded after it, sent no earlier) is a floor the true total reaches once the
 * event is counted. The meter shows `max(server, floor)`: when the server catches up, the
 * overlay melts into its total instead of adding to it. The shown value therefore stays within
 * [server total, server total + this page's unconfirmed events].
 */

/**
 * After delivery, how long until every read includes an event: the server's read cache (30 s)
 * plus its aggregation lag (1–2 s), with a margin.
 */
export const SERVER_SETTLE_MS = 35_000

/** An event tracked through this page whose quantity the server may not show yet. */
export interface PendingUsageEvent {
  /** The event's idempotency key. */
  readonly key: string
  readonly metric: string
  readonly quantity: number
  /** A request carried it: from now on the server may count it, confirmed or not. */
  readonly sent: boolean
  /** When the client reported it counted (accepted or duplicate), epoch ms. */
  readonly confirmedAtMs: number | undefined
  /** A server total for `metric` that arrived while this event was unsent, so without it. */
  readonly baseline: number | undefined
}

/** One metric of `useUsage`'s data: `current` includes `pending`, the part the server lacks. */
export interface LiveMetricUsage extends MetricUsage {
  /** Tracked here, not yet in the server's total; already added to `current`. */
  pending: number
}

/** `GET /v1/usage/current` with this page's pending events laid over it. */
export interface LiveUsageResponse extends Omit<UsageResponse, 'metrics'> {
  metrics: LiveMetricUsage[]
}

/** A read of `GET /v1/usage/current` and when its answer reached this page. */
export interface ServerUsageObservation {
  readonly totals: ReadonlyMap<string, number>
  readonly observedAtMs: number
}

export const NO_PENDING_EVENTS: readonly PendingUsageEvent[] = Object.freeze([])

/** Totals per metric name of a usage response. */
export function usageTotals(response: UsageResponse): Map<string, number> {
  return new Map(response.metrics.map((metric) => [metric.name, metric.current]))
}

/** An event just buffered: any read seen so far lacks it. Without one, the baseline waits. */
export function pendingEventOf(
  key: string,
  metric: string,
  quantity: number,
  latest: ServerUsageObservation | undefined,
): PendingUsageEvent {
  // One object shape for every event (no spread): this runs once per tracked event.
  const baseline = latest === undefined ? undefined : (latest.totals.get(metric) ?? 0)
  return { key, metric, quantity, sent: false, confirmedAtMs: undefined, baseline }
}

/** Returns `events` with `change` applied to those whose key is in `keys` and `applies` holds. */
function updateEvents(
  events: readonly PendingUsageEvent[],
  keys: ReadonlySet<string>,
  applies: (event: PendingUsageEvent) => boolean,
  change: (event: PendingUsageEvent) => PendingUsageEvent,
): readonly PendingUsageEvent[] {
  const touched = (event: PendingUsageEvent) => keys.has(event.key) && applies(event)
  if (!events.some(touched)) return events
  return events.map((event) => (touched(event) ? change(event) : event))
}

/** Marks events as sent; returns the same array when none of them is here. */
export function markSent(
  events: readonly PendingUsageEvent[],
  keys: ReadonlySet<string>,
): readonly PendingUsageEvent[] {
  return updateEvents(
    events,
    keys,
    (event) => !event.sent,
    (event) => ({ ...event, sent: true }),
  )
}

/** Marks events as counted by the server; returns the same array when none of them is here. */
export function markConfirmed(
  events: readonly PendingUsageEvent[],
  keys: ReadonlySet<string>,
  confirmedAtMs: number,
): readonly PendingUsageEvent[] {
  return updateEvents(
    events,
    keys,
    (event) => event.confirmedAtMs === undefined,
    (event) => ({ ...event, sent: true, confirmedAtMs }),
  )
}

/** Forgets events; returns the same array when none of them is here. */
export function removeEvents(
  events: readonly PendingUsageEvent[],
  shouldRemove: (event: PendingUsageEvent) => boolean,
): readonly PendingUsageEvent[] {
  const kept = events.filter((event) => !shouldRemove(event))
  return kept.length === events.length ? events : kept
}

function confirmedBefore(event: PendingUsageEvent, timeMs: number): boolean {
  return event.confirmedAtMs !== undefined && event.confirmedAtMs <= timeMs
}

/**
 * Takes in a server read as it arrives: unsent events get its total as their baseline (it
 * cannot include them); confirmed events leave once its total has grown past their floor (or
 * the settle time has passed, or they have no baseline to tell). Events sent but unconfirmed
 * are left as they are: the read may or may not include them. Returns the same array when
 * nothing changed.
 */
export function observeServerUsage(
  events: readonly PendingUsageEvent[],
  observation: ServerUsageObservation,
  settleMs = SERVER_SETTLE_MS,
): readonly PendingUsageEvent[] {
  const { totals, observedAtMs } = observation
  const reflected = new Set<PendingUsageEvent>()
  /** Per metric: the total the server must show to include every possibly-included event so far. */
  const needed = new Map<string, number>()
  /** Per metric: what the reflected events prove the total had reached without the rest. */
  const reflectedFloors = new Map<string, number>()
  for (const event of events) {
    if (!confirmedBefore(event, observedAtMs)) continue
    const settled = observedAtMs - (event.confirmedAtMs ?? 0) >= settleMs
    if (settled || event.baseline === undefined) {
      // Without a baseline nothing can prove the read lacks it: assume it is in, never count twice.
      reflected.add(event)
      continue
    }
    const floor = Math.max(needed.get(event.metric) ?? Number.NEGATIVE_INFINITY, event.baseline)
    needed.set(event.metric, floor + event.quantity)
    if (floor + event.quantity <= (totals.get(event.metric) ?? 0)) {
      reflected.add(event)
      reflectedFloors.set(event.metric, floor + event.quantity)
    }
  }

  let changed = reflected.size > 0
  const next: PendingUsageEvent[] = []
  for (const event of events) {
    if (reflected.has(event)) continue
    // Unsent: the read lacks it, so its total is the new baseline. Confirmed but not covered
    // yet: keep what the events that left proved. Sent, unconfirmed: nothing is known.
    let baseline = event.baseline
    if (!event.sent) baseline = totals.get(event.metric) ?? 0
    else if (confirmedBefore(event, observedAtMs)) {
      baseline = maxDefined(event.baseline, reflectedFloors.get(event.metric))
    }
    if (event.baseline === baseline) {
      next.push(event)
    } else {
      changed = true
      next.push({ ...event, baseline })
    }
  }
  return changed ? next : events
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b
  return b === undefined ? a : Math.max(a, b)
}

/**
 * What the server total of one metric must be to include these events, from each event's
 * baseline plus everything recorded after it. `undefined` when no event says anything.
 */
function liveFloor(events: readonly PendingUsageEvent[], serverTotal: number): number | undefined {
  let floor: number | undefined
  let laterQuantity = 0
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index] as PendingUsageEvent
    laterQuantity += event.quantity
    // An unsent event is in no read at all, so the displayed total is a baseline for it.
    const baseline = event.baseline ?? (event.sent ? undefined : serverTotal)
    if (baseline !== undefined) floor = Math.max(floor ?? baseline, baseline + laterQuantity)
  }
  return floor
}

/**
 * One metric's live total: `max(server, floor)`, the server's total until its pending events
 * (all of that metric, in the order they were tracked) provably lift it.
 */
export function liveTotal(events: readonly PendingUsageEvent[], serverTotal: number): number {
  const floor = liveFloor(events, serverTotal)
  return floor === undefined ? serverTotal : Math.max(serverTotal, floor)
}

/** Pending events by metric, each list in the order the events were tracked. */
export function eventsByMetric(
  events: readonly PendingUsageEvent[],
): Map<string, PendingUsageEvent[]> {
  const byMetric = new Map<string, PendingUsageEvent[]>()
  for (const event of events) {
    const list = byMetric.get(event.metric)
    if (list === undefined) byMetric.set(event.metric, [event])
    else list.push(event)
  }
  return byMetric
}

/**
 * Lays pending events over a usage response: each metric's `current` becomes
 * `max(server, floor)` and `pending` the difference. Metrics the server has not reported yet
 * get a row of their own, so a first event shows at once.
 */
export function applyLiveUsage(
  response: UsageResponse,
  events: readonly PendingUsageEvent[],
): LiveUsageResponse {
  const byMetric = eventsByMetric(events)

  const live = (name: string, serverTotal: number): { current: number; pending: number } => {
    const current = liveTotal(byMetric.get(name) ?? NO_PENDING_EVENTS, serverTotal)
    return { current, pending: current - serverTotal }
  }

  const metrics: LiveMetricUsage[] = response.metrics.map((metric) => ({
    ...metric,
    ...live(metric.name, metric.current),
  }))
  const reported = new Set(response.metrics.map((metric) => metric.name))
  for (const name of byMetric.keys()) {
    if (reported.has(name)) continue
    const { current, pending } = live(name, 0)
    // The server names a metric's unit only once it has usage; until then there is none to show.
    if (pending > 0) metrics.push({ name, current, pending, unit: '' })
  }
  return { ...response, metrics }
}
