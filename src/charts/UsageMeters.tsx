import { useUsage } from '../react/useUsage.js'
import { type DataBoundProps, queryStateProps } from './queryStateProps.js'
import { UsageMetersView, type UsageMetersViewProps } from './UsageMetersView.js'

export type UsageMetersProps = DataBoundProps<UsageMetersViewProps>

/** Every metric of a customer against its limit, live from `useUsage`. */
export function UsageMeters({ customerRef, ...rest }: UsageMetersProps) {
  const usage = useUsage(customerRef)
  return <UsageMetersView data={usage.data} {...queryStateProps(usage)} {...rest} />
}
