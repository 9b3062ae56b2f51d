import { type ReactNode, useEffect, useRef } from 'react'
import type { BudgetStatus } from '../core/budgetStatus.js'
import { quotaAllows } from '../core/quotaStatus.js'
import { useBudget } from './useBudget.js'
import { type UseQuotaResult, useQuota } from './useQuota.js'

/** Why a gate closed (or, for a `soft` budget, would have). */
export type UsageGateExceeded =
  | { reason: 'quota'; quota: UseQuotaResult }
  | { reason: 'budget'; quota: UseQuotaResult; budget: BudgetStatus }

export interface UsageGateProps {
  customerRef: string
  metric: string
  /** What the gated action uses: children render while `used + quantity ≤ limit`. @default 1 */
  quantity?: number
  /** Rendered instead of the children once the action no longer fits (an upgrade prompt). @default null */
  fallback?: ReactNode
  /** What to render until the first usage answer (and the budget, with `budget`). @default 'allow' */
  whileLoading?: 'allow' | 'deny'
  /**
   * Called once each time the gate goes from fitting to exceeded: the quota, or a `soft` or
   * `hard` budget reached.
   */
  onExceeded?: (exceeded: UsageGateExceeded) => void
  /**
   * Also gate on the customer's budget: a `hard` budget whose spend reached its amount closes
   * the gate; a `soft` one calls `onExceeded` and stays open; `notify` is ignored here.
   * @default false
   */
  budget?: boolean
  children?: ReactNode
}

/**
 * Renders `children` while the customer's live usage leaves room for `quantity` more of
 * `metric`, and `fallback` otherwise. The usage is live: a `track()` that crosses the limit
 * closes the gate on the next frame, not after the next server read. Never refuses the usage
 * itself: it gates the feature, and what was used is still recorded.
 */
export function UsageGate({
  customerRef,
  metric,
  quantity = 1,
  fallback = null,
  whileLoading = 'allow',
  onExceeded,
  budget: gateOnBudget = false,
  children,
}: UsageGateProps): ReactNode {
  const quota = useQuota(customerRef, metric, { forecast: false })
  const { budget, status: spend } = useBudget(customerRef, { enabled: gateOnBudget })

  const budgetLoading = gateOnBudget && (budget === undefined || (budget !== null && !spend))
  const loading = quota.status === 'loading' || budgetLoading
  const quotaExceeded = quota.status !== 'loading' && !quotaAllows(quota, quantity)
  const budgetReached = gateOnBudget && budget?.mode !== 'notify' && spend?.level === 'over'
  const open = loading
    ? whileLoading === 'allow'
    : !quotaExceeded && !(budgetReached && budget?.mode === 'hard')

  const exceeded: UsageGateExceeded | undefined = quotaExceeded
    ? { reason: 'quota', quota }
    : budgetReached && spend
      ? { reason: 'budget', quota, budget: spend }
      : undefined
  const reportedRef = useRef(false)
  const onExceededRef = useRef(onExceeded)
  onExceededRef.current = onExceeded
  useEffect(() => {
    if (exceeded === undefined) {
      reportedRef.current = false
      return
    }
    if (reportedRef.current) return
    reportedRef.current = true
    onExceededRef.current?.(exceeded)
  })

  return open ? children : fallback
}
