import type { ComponentProps, ReactNode } from 'react'
import { useContext, useEffect, useId } from 'react'
import { isStripeMeterError } from '../core/StripeMeterError.js'
import { AsOf } from './AsOf.js'
import { ErrorDetail } from './ErrorDetail.js'
import { StaleNoticeContext } from './StaleNoticeContext.js'
import { StrokeIcon } from './StrokeIcon.js'
import type { WidgetText, WidgetTextProps } from './useWidgetText.js'

/** Explicit theme; without it the widget follows `prefers-color-scheme` (or an ancestor's `data-sm-theme`). */
export type WidgetTheme = 'light' | 'dark'

/** The states every widget shows; the data-bound components fill them from their queries. */
export interface WidgetStateProps extends WidgetTextProps {
  /** Shows a skeleton in place of the content. @default false */
  loading?: boolean
  /**
   * Shows an error the customer understands (the technical message behind "Details"); with
   * `onRetry`, a retry button. @default undefined
   */
  error?: unknown
  /** Called by the retry button of the error state. @default undefined (no button) */
  onRetry?: () => void
  /** Called with each new error the widget shows — the full `StripeMeterError`, for your logs. @default undefined */
  onError?: (error: unknown) => void
  /** Shows a notice that the numbers may be out of date. @default false */
  stale?: boolean
  /**
   * When the server's figures are from, shown as "As of 10:42" (the date too when not today),
   * with a hint on the server's delay. The data-bound widgets fill it from the query's update
   * time (the projection's `freshness.lastUpdate` for costs). @default undefined (not shown)
   */
  asOf?: Date | number | undefined
  /** Forces the light or dark palette. @default undefined (follows `prefers-color-scheme`) */
  theme?: WidgetTheme
  /** The widget's heading level, to fit the page's outline. @default 3 */
  headingLevel?: 2 | 3 | 4 | 5 | 6
}

/** A widget's root props: everything a `section` takes, passed through, plus the states. */
export type WidgetProps = Omit<ComponentProps<'section'>, 'title' | 'children'> & WidgetStateProps

type FrameOwnProps = Omit<WidgetProps, keyof WidgetTextProps>

interface WidgetFrameProps extends FrameOwnProps {
  /** The widget's kind, for its class (`sm-meter`, `sm-chart` …). */
  kind: string
  title: string
  text: WidgetText
  /** Shown instead of the content when there is nothing to show. */
  empty?: boolean
  /** @default the catalog's `emptyUsage` */
  emptyText?: string
  /** Extra text under the title (the period, "updated 45 seconds ago"). */
  subtitle?: ReactNode
  /** The stale notice's text. @default the catalog's `staleRefreshFailed` */
  staleText?: string | undefined
  /** How many skeleton lines to show while loading. */
  skeletonRows?: number
  /** Why the figures lag, under "As of". @default the catalog's `asOfHintUsage` (the 30 s cache) */
  asOfHint?: string
  /** Live usage from this page is shown on top of the server's figures ("…, plus usage syncing"). */
  asOfSyncing?: boolean
  children?: ReactNode
}

const staleIcon = 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z M8 4.5V8l2.5 1.5'
const errorIcon = 'M8 2l6.5 12h-13z M8 6.5v3.5 M8 12v.01'

/** The frame all widgets share: heading, theme, and the loading, error, empty and stale states. */
export function Widget({
  kind,
  title,
  text,
  loading = false,
  error,
  onRetry,
  onError,
  stale = false,
  empty = false,
  emptyText,
  subtitle,
  staleText,
  skeletonRows = 3,
  asOf,
  asOfHint,
  asOfSyncing = false,
  theme,
  headingLevel = 3,
  className,
  children,
  ...rest
}: WidgetFrameProps) {
  const headingId = useId()
  const { messages } = text
  const Heading = `h${headingLevel}` as const
  const hasError = error !== undefined && error !== null
  const showsContent = !loading && !hasError && !empty
  const staleNotice = stale && showsContent ? (staleText ?? messages.staleRefreshFailed) : undefined
  // Inside a dashboard, one notice for all its widgets instead of one per card.
  const sharedNotice = useContext(StaleNoticeContext)
  useEffect(
    () => sharedNotice?.report(headingId, staleNotice),
    [sharedNotice, headingId, staleNotice],
  )
  useEffect(() => {
    if (hasError) onError?.(error)
  }, [hasError, error, onError])
  return (
    <section
      aria-labelledby={headingId}
      aria-busy={loading || undefined}
      data-sm-theme={theme}
      dir={text.dir}
      lang={text.locale}
      className={['sm-widget', `sm-${kind}`, className].filter(Boolean).join(' ')}
      {...rest}
    >
      <header className="sm-header">
        <Heading id={headingId} className="sm-title">
          {title}
        </Heading>
        {subtitle !== undefined && !loading && !hasError && (
          <p className="sm-subtitle">{subtitle}</p>
        )}
      </header>
      {loading ? (
        <div className="sm-skeleton">
          <span className="sm-visually-hidden">{messages.loading}</span>
          {Array.from({ length: skeletonRows }, (_, row) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder rows
            <span key={row} className="sm-skeleton-row" aria-hidden="true" />
          ))}
        </div>
      ) : hasError ? (
        <ErrorState error={error} onRetry={onRetry} text={text} />
      ) : empty ? (
        <p className="sm-empty">{emptyText ?? messages.emptyUsage}</p>
      ) : (
        <>
          {staleNotice !== undefined && sharedNotice === undefined && (
            <StaleNotice>{staleNotice}</StaleNotice>
          )}
          {children}
        </>
      )}
      {asOf !== undefined && !loading && !hasError && (
        <AsOf
          at={asOf}
          hint={asOfHint ?? messages.asOfHintUsage}
          syncing={asOfSyncing}
          text={text}
        />
      )}
    </section>
  )
}

/** The "may be out of date" notice, with a clock drawn in SVG (a font glyph may be missing). */
export function StaleNotice({ children }: { children: ReactNode }) {
  return (
    <p className="sm-stale" role="status">
      <StrokeIcon path={staleIcon} sizePx={14} />
      <span>{children}</span>
    </p>
  )
}

function ErrorState({
  error,
  onRetry,
  text,
}: {
  error: unknown
  onRetry: (() => void) | undefined
  text: WidgetText
}) {
  const { messages } = text
  const unavailable = isOperatorProblem(error)
  return (
    <div className="sm-error" role="alert">
      <p className="sm-error-title">
        <StrokeIcon path={errorIcon} sizePx={16} />
        <span>{unavailable ? messages.unavailableTitle : messages.errorTitle}</span>
      </p>
      <p className="sm-error-hint">{unavailable ? messages.unavailableHint : messages.errorHint}</p>
      {onRetry && (
        <button type="button" className="sm-button" onClick={onRetry}>
          {messages.retry}
        </button>
      )}
      <ErrorDetail error={error} text={text} />
    </div>
  )
}

/**
 * Credentials refused, a server fault or a rate limit: nothing the customer can fix, so they
 * are told the usage is unavailable rather than shown the server's words.
 */
function isOperatorProblem(error: unknown) {
  if (!isStripeMeterError(error)) return false
  if (error.code === 'unauthorized' || error.code === 'rate_limited') return true
  return error.code === 'http_error' && (error.statusCode ?? 500) >= 500
}
