import type { Budget } from '../core/Budget.js'

/**
 * Where the app keeps its customers' budgets (its own database: the StripeMeter API has no
 * budgets). Keyed by `customerRef`; `set(ref, null)` removes a budget. Either method may be
 * async. The handler only ever passes budgets it has validated.
 */
export interface BudgetStore {
  get(customerRef: string): Budget | null | undefined | Promise<Budget | null | undefined>
  set(customerRef: string, budget: Budget | null): void | Promise<void>
}

/** Budgets in this process's memory: for tests and development (a restart forgets them). */
export function memoryBudgetStore(initial: Readonly<Record<string, Budget>> = {}): BudgetStore {
  const budgets = new Map<string, Budget>(Object.entries(initial).map(([ref, b]) => [ref, copy(b)]))
  return {
    get: (customerRef) => {
      const budget = budgets.get(customerRef)
      return budget === undefined ? null : copy(budget)
    },
    set: (customerRef, budget) => {
      if (budget === null) budgets.delete(customerRef)
      else budgets.set(customerRef, copy(budget))
    },
  }
}

/** Copies in and out, so a caller mutating its object cannot change what is stored. */
function copy(budget: Budget): Budget {
  return { ...budget, thresholds: [...budget.thresholds] }
}
