import { describe, expectTypeOf, it } from 'vitest'
import type {
  Budget,
  BudgetInput,
  BudgetStatus,
  LimitForecast,
  StripeMeterError,
  UsageForecast,
} from '../../src/index.js'
import { forecastUsage, projectionToCsv, usageHistoryToCsv } from '../../src/index.js'
import type { UsageGateProps, UseBudgetResult, UseQuotaResult } from '../../src/react/index.js'
import type { BudgetStore } from '../../src/server/index.js'

describe('quotas and budgets: public types', () => {
  it('forecastUsage and the CSV writers', () => {
    expectTypeOf(forecastUsage).returns.toEqualTypeOf<UsageForecast>()
    expectTypeOf<UsageForecast['reachesLimit']>().toEqualTypeOf<LimitForecast | null>()
    expectTypeOf<LimitForecast['likely']>().toEqualTypeOf<string | null>()
    expectTypeOf(usageHistoryToCsv).returns.toBeString()
    expectTypeOf(projectionToCsv).returns.toBeString()
    // @ts-expect-error: metric is required
    usageHistoryToCsv([], {})
  })

  it('useQuota, UsageGate and useBudget', () => {
    expectTypeOf<UseQuotaResult['status']>().toEqualTypeOf<
      'loading' | 'ok' | 'near' | 'over' | 'unlimited'
    >()
    expectTypeOf<UseQuotaResult['limit']>().toEqualTypeOf<number | null>()
    expectTypeOf<UsageGateProps['whileLoading']>().toEqualTypeOf<'allow' | 'deny' | undefined>()
    expectTypeOf<UseBudgetResult['budget']>().toEqualTypeOf<Budget | null | undefined>()
    expectTypeOf<UseBudgetResult['status']>().toEqualTypeOf<BudgetStatus | undefined>()
    expectTypeOf<UseBudgetResult['setBudget']['mutate']>()
      .parameter(0)
      .toEqualTypeOf<BudgetInput | null>()
    expectTypeOf<UseBudgetResult['setBudget']['error']>().toEqualTypeOf<StripeMeterError | null>()
    expectTypeOf<BudgetStatus['level']>().toEqualTypeOf<'ok' | 'near' | 'over'>()
  })

  it('a budget store may be sync or async', () => {
    const asyncStore = {
      get: async (_customerRef: string) => null,
      set: async (_customerRef: string, _budget: Budget | null) => {},
    }
    expectTypeOf(asyncStore).toExtend<BudgetStore>()
  })
})
