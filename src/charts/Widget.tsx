import type { ComponentProps, ReactNode } from 'react'
import { useId } from 'react'

/** Explicit theme; without it the widget follows `prefers-color-scheme` (or an ancestor's `data-sm-theme`). */
export type WidgetTheme = 'light' | 'dark'

/** The states every widget shows; the data-bound components fill them from their queries. */
export interface WidgetStateProps {
  /** Shows a skeleton in place of the content. @default false */
  loading?: boolean
  /** Shows an error with its message; with `onRetry`, a retry button. @default undefined */
  error?: unknown
  /** Called by the retry button of the error state. @default undefined (no button) */
  onRetry?: () => void
  /** Shows a notice that the numbers may be out of date. @default false */
  stale?: boolean
  /** BCP 47 locale for numbers, currencies and dates. @default the browser's locale */
  locale?: string
  /** Forces the light or dark palette. @default undefined (follows `prefers-color-scheme`) */
  theme?: WidgetTheme
  /** The widget's heading level, to fit the page's outline. @default 3 */
  headingLevel?: 2 | 3 | 4 | 5 | 6
}

/** A widget's root props: everything a `div` takes, passed through, plus the states. */
export type WidgetProps = Omit<ComponentProps<'section'>, 'title' | 'children'> & WidgetStateProps

interface WidgetFrameProps extends Omit<WidgetProps, 'locale'> {
  /** The widget's kind, for its class (`sm-meter`, `sm-chart` …). */
  kind: string
  title: string
  /** Shown instead of the content when there is nothing to show. */
  empty?: boolean
  emptyText?: string
  /** Extra text under the title (the period, "updated 45 seconds ago"). */
  subtitle?: ReactNode
  /** The stale notice's text. */
  staleText?: string
  /** How many skeleton lines to show while loading. */
  skeletonRows?: number
  children?: ReactNode
}

/** The frame all widgets share: heading, theme, and the loading, error, empty and stale states. */
export function Widget({
  kind,
  title,
  loading = false,
  error,
  onRetry,
  stale = false,
  empty = false,
  emptyText = 'No usage yet this period',
  subtitle,
  staleText = 'These numbers may be out of date.',
  skeletonRows = 3,
  theme,
  headingLevel = 3,
  className,
  children,
  ...rest
}: WidgetFrameProps) {
  const headingId = useId()
  const Heading = `h${headingLevel}` as const
  const hasError = error !== undefined && error !== null
  return (
    <section
      aria-labelledby={headingId}
      aria-busy={loading || undefined}
      data-sm-theme={theme}
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
          <span className="sm-visually-hidden">Loading…</span>
          {Array.from({ length: skeletonRows }, (_, row) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder rows
            <span key={row} className="sm-skeleton-row" aria-hidden="true" />
          ))}
        </div>
      ) : hasError ? (
        <div className="sm-error" role="alert">
          <p className="sm-error-title">
            <span aria-hidden="true" className="sm-icon">
              ⚠
            </span>{' '}
            Couldn’t load {lowerFirst(title)}.
          </p>
          <p className="sm-error-detail">{errorMessage(error)}</p>
          {onRetry && (
            <button type="button" className="sm-button" onClick={onRetry}>
              Retry
            </button>
          )}
        </div>
      ) : empty ? (
        <p className="sm-empty">{emptyText}</p>
      ) : (
        <>
          {stale && (
            <p className="sm-stale" role="status">
              <span aria-hidden="true" className="sm-icon">
                ⏱
              </span>{' '}
              {staleText}
            </p>
          )}
          {children}
        </>
      )}
    </section>
  )
}

/** `Usage this period` → `usage this period`, but `API calls` stays as it is. */
function lowerFirst(text: string) {
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1)
}

function errorMessage(error: unknown) {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  return 'Something went wrong.'
}
