import type { EventSource, IngestIssue } from '../core/types.js'
import type { EmulatorProfile } from './EmulatorProfile.js'
import { parseIsoDateTime } from './utcCalendar.js'
import { checkString, invalidEnumMessage, isPlainObject, zodTypeOf } from './zodMessages.js'

/** The real server's cap on events per request. */
export const MAX_EVENTS_PER_BATCH = 1000

const eventSources: readonly EventSource[] = ['sdk', 'http', 'etl', 'import', 'system']

/** An event that passed the schema: `quantity` coerced to a number, `ts` parsed. */
export interface ParsedIngestEvent {
  tenantId: string
  metric: string
  customerRef: string
  resourceId?: string
  quantity: number
  tsMs: number
  meta?: Record<string, unknown>
  idempotencyKey?: string
  source?: EventSource
}

export type IngestBodyValidation =
  | { ok: true; events: ParsedIngestEvent[] }
  | { ok: false; issues: IngestIssue[] }

/**
 * The ingest schema, as the real server applies it: any issue refuses the whole batch, and
 * the issues are numbered in order found (the real `index` is the issue's, not the event's).
 * Over 1000 events it answers its own `Batch too large` check (as documented), or zod's array
 * limit first (as the server answers today).
 */
export function validateIngestBody(
  body: unknown,
  batchTooLarge: EmulatorProfile['batchTooLarge'],
): IngestBodyValidation {
  const messages: string[] = []
  if (!isPlainObject(body)) {
    messages.push(`Expected object, received ${zodTypeOf(body)}`)
  } else if (body.events === undefined) {
    messages.push('Required')
  } else if (!Array.isArray(body.events)) {
    messages.push(`Expected array, received ${zodTypeOf(body.events)}`)
  } else if (body.events.length > MAX_EVENTS_PER_BATCH && batchTooLarge === 'batchCheck') {
    return {
      ok: false,
      issues: [
        { index: -1, error: `Batch too large: ${body.events.length} > ${MAX_EVENTS_PER_BATCH}` },
      ],
    }
  } else if (body.events.length === 0) {
    messages.push('Array must contain at least 1 element(s)')
  } else {
    if (body.events.length > MAX_EVENTS_PER_BATCH) {
      messages.push(`Array must contain at most ${MAX_EVENTS_PER_BATCH} element(s)`)
    }
    const events: ParsedIngestEvent[] = []
    for (const candidate of body.events) {
      const event = parseEvent(candidate, messages)
      if (event) events.push(event)
    }
    if (messages.length === 0) return { ok: true, events }
  }
  return { ok: false, issues: messages.map((error, index) => ({ index, error })) }
}

/** Appends this event's schema issues to `messages`; returns the event when it has none. */
function parseEvent(candidate: unknown, messages: string[]): ParsedIngestEvent | undefined {
  if (!isPlainObject(candidate)) {
    messages.push(`Expected object, received ${zodTypeOf(candidate)}`)
    return undefined
  }
  const issueCountBefore = messages.length
  const report = (message: string | undefined) => {
    if (message !== undefined) messages.push(message)
  }
  report(checkString(candidate.tenantId, { min: 1 }))
  report(checkString(candidate.metric, { min: 1, max: 100 }))
  report(checkString(candidate.customerRef, { min: 1, max: 255 }))
  report(checkString(candidate.resourceId, { max: 255, optional: true }))
  report(checkString(candidate.idempotencyKey, { max: 255, optional: true }))

  // z.coerce.number(): the server turns "5" into 5, and anything unparseable into NaN.
  const quantity = Number(candidate.quantity)
  if (Number.isNaN(quantity)) report('Expected number, received nan')
  else if (!Number.isFinite(quantity)) report('Number must be finite')
  else if (quantity <= 0) report('Number must be greater than 0')

  let tsMs: number | undefined
  const tsMessage = checkString(candidate.ts, {})
  if (tsMessage !== undefined) report(tsMessage)
  else {
    tsMs = parseIsoDateTime(candidate.ts as string)
    if (tsMs === undefined) report('Invalid datetime')
  }

  if (candidate.meta !== undefined && !isPlainObject(candidate.meta)) {
    report(`Expected object, received ${zodTypeOf(candidate.meta)}`)
  }
  if (candidate.source !== undefined && !eventSources.includes(candidate.source as EventSource)) {
    report(invalidEnumMessage(eventSources, candidate.source))
  }
  if (messages.length > issueCountBefore || tsMs === undefined) return undefined

  const event: ParsedIngestEvent = {
    tenantId: candidate.tenantId as string,
    metric: candidate.metric as string,
    customerRef: candidate.customerRef as string,
    quantity,
    tsMs,
  }
  if (candidate.resourceId !== undefined) event.resourceId = candidate.resourceId as string
  if (candidate.meta !== undefined) event.meta = candidate.meta as Record<string, unknown>
  if (candidate.idempotencyKey !== undefined) {
    event.idempotencyKey = candidate.idempotencyKey as string
  }
  if (candidate.source !== undefined) event.source = candidate.source as EventSource
  return event
}
