import type { WidgetStateProps } from './Widget.js'

/** The view props a data-bound widget fills in from its queries. */
type QueryStateKey = keyof Pick<
  WidgetStateProps,
  'loading' | 'error' | 'onRetry' | 'stale' | 'asOf'
>

/**
 * The props of a data-bound widget: its view's, less `data`, the query states and whatever
 * else it reads itself (`Supplied`), plus the customer to read for.
 */
export type DataBoundProps<ViewProps, Supplied extends keyof ViewProps = never> = Omit<
  ViewProps,
  'data' | QueryStateKey | Supplied
> & {
  /** The customer whose usage and costs to show. */
  customerRef: string
}

/** The part of a React Query result a widget's states are drawn from. */
export interface QueryStateSource {
  data: unknown
  error: unknown
  /** When the last successful answer arrived (epoch ms), 0 before the first. */
  dataUpdatedAt: number
  isPending: boolean
  isError: boolean
  refetch: () => unknown
}

/**
 * A query's status as widget states: skeleton until the first answer, the error with a retry
 * when there is nothing to show, "stale" when numbers are shown but the latest refresh failed,
 * and "as of" the answer's arrival. Several sources (a widget reading two queries) combine:
 * loading if any is, the first error, as of the oldest answer, and retry refetches all of them.
 */
export function queryStateProps(...sources: QueryStateSource[]): Required<
  Pick<WidgetStateProps, 'loading' | 'onRetry' | 'stale'>
> & {
  error: unknown
  asOf: number | undefined
} {
  const failed = sources.find((source) => source.isError && source.data === undefined)
  // The answer's arrival, not the live figure's: usage tracked since is named as syncing.
  const answeredAt = sources.map((source) => source.dataUpdatedAt)
  return {
    loading: failed === undefined && sources.some((source) => source.isPending),
    error: failed?.error,
    stale: sources.some((source) => source.isError && source.data !== undefined),
    asOf: answeredAt.every((time) => time > 0) ? Math.min(...answeredAt) : undefined,
    onRetry: () => {
      for (const source of sources) void source.refetch()
    },
  }
}
