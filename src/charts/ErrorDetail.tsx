import { isStripeMeterError } from '../core/StripeMeterError.js'
import type { WidgetText } from './useWidgetText.js'

/**
 * The technical side of an error, folded behind "Details": what support and the app's logs need
 * (code, status, message and the client's request id), kept out of the customer's words.
 */
export function ErrorDetail({ error, text: { messages } }: { error: unknown; text: WidgetText }) {
  const detail = technicalMessage(error)
  if (!detail) return null
  // The real server sends no request id: this is the client's own, the same one in its logs.
  const requestId = isStripeMeterError(error) ? error.requestId : undefined
  return (
    <details className="sm-error-detail">
      <summary>{messages.errorDetails}</summary>
      <code>{detail}</code>
      {requestId !== undefined && (
        <span className="sm-error-request">{messages.requestId(requestId)}</span>
      )}
    </details>
  )
}

function technicalMessage(error: unknown) {
  if (isStripeMeterError(error)) {
    return [error.code, error.statusCode, error.message].filter(Boolean).join(' · ')
  }
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  return undefined
}
