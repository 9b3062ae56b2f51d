import { useUsage } from '../react/useUsage.js'
import { queryStateProps } from './queryStateProps.js'
import { UsageMetersView, type UsageMetersViewProps } from './UsageMetersView.js'
import type { WidgetStateProps } from './Widget.js'

export type UsageMetersProps = Omit<
  UsageMetersViewProps,
  'data' | keyof Pick<WidgetStateProps, 'loading' | 'error' | 'onRetry' | 'stale'>
> & {
  /** The customer whose usage to show. */
  customerRef: string
}

/** Every metric of a customer against its limit, live from `useUsage`. */
export function UsageMeters({ customerRef, ...rest }: UsageMetersProps) {
  const usage = useUsage(customerRef)
  return <UsageMetersView data={usage.data} {...queryStateProps(usage)} {...rest} />
}
