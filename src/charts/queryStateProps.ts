import type { WidgetStateProps } from './Widget.js'

/** The view props a data-bound widget fills in from its queries. */
type QueryStateKey = keyof Pick<WidgetStateProps, 'loading' | 'error' | 'onRetry' | 'stale'>

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
  isPending: boolean
  isError: boolean
  refetch: () => unknown
}

/**
 * A query's status as widget states: skeleton until the first answer, the error with a retry
 * when there is nothing to show, and "stale" when numbers are shown but the latest refresh
 * failed. Several sources (a widget reading two queries) combine: loading if any is, the first
 * error, and retry refetches all of them.
 */
export function queryStateProps(
  ...sources: QueryStateSource[]
): Required<Pick<WidgetStateProps, 'loading' | 'onRetry' | 'stale'>> & { error: unknown } {
  const failed = sources.find((source) => source.isError && source.data === undefined)
  return {
    loading: failed === undefined && sources.some((source) => source.isPending),
    error: failed?.error,
    stale: sources.some((source) => source.isError && source.data !== undefined),
    onRetry: () => {
      for (const source of sources) void source.refetch()
    },
  }
}
