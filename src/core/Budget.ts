import { describeValue } from './validationError.js'

/**
 * What crossing the budget does. `notify`: alerts only. `soft`: alerts, and `<UsageGate budget>`
 * reports `onExceeded` but stays open. `hard`: `<UsageGate budget>` shows its fallback once the
 * spend reaches the amount. None of them ever drops or refuses a usage event: usage is money
 * already owed, so a budget can only warn and gate features, never lose what was used.
 */
export type BudgetMode = 'notify' | 'soft' | 'hard'

/** A customer's own spending budget for a billing period, as stored and served. */
export interface Budget {
  /** In currency units (not cents), greater than 0. */
  amount: number
  /** ISO 4217, upper case; always the projection's currency. */
  currency: string
  /** Percentages of `amount` that raise an alert, 1–100, strictly ascending. */
  thresholds: number[]
  mode: BudgetMode
}

/** A budget as a customer sets it; missing fields take their defaults. */
export interface BudgetInput {
  amount: number
  currency: string
  /** @default [50, 80, 100] */
  thresholds?: readonly number[]
  /** @default 'notify' */
  mode?: BudgetMode
}

export const defaultBudgetThresholds: readonly number[] = [50, 80, 100]
export const budgetModes: readonly BudgetMode[] = ['notify', 'soft', 'hard']

/**
 * Why a budget was refused, to branch on (a form words it in its own language from this):
 * - `not_an_object`: the budget is not `{ amount, currency, … }`;
 * - `amount_not_positive`: the amount is not a finite number above 0;
 * - `currency_not_iso`: the currency is not a three-letter code;
 * - `currency_not_the_bills`: another currency than the bill's (`expected`);
 * - `thresholds_empty`: the thresholds are not a list of one or more;
 * - `threshold_out_of_range`: a threshold is not a percentage from 1 to 100;
 * - `threshold_not_ascending`: a threshold is not above the one before (`expected`);
 * - `mode_unknown`: the mode is not `notify`, `soft` or `hard`.
 */
export type BudgetIssueReason =
  | 'not_an_object'
  | 'amount_not_positive'
  | 'currency_not_iso'
  | 'currency_not_the_bills'
  | 'thresholds_empty'
  | 'threshold_out_of_range'
  | 'threshold_not_ascending'
  | 'mode_unknown'

/** Why a budget was refused: the field (`amount`, `thresholds[1]`, …), the reason, the value. */
export interface BudgetIssue {
  field: string
  reason: BudgetIssueReason
  /** The refused value, as received. */
  value: unknown
  /** What the rule compared it with: the bill's currency, or the threshold before. */
  expected?: string | number
  /** The same in an English sentence naming the value, for logs and API answers. */
  message: string
}

export type BudgetCheck = { ok: true; budget: Budget } | { ok: false; issue: BudgetIssue }

/**
 * Checks a budget from outside (a request body, a form) and fills its defaults. `currency` is
 * the projection's: a budget in another currency could never be compared with the spend.
 */
export function checkBudget(value: unknown, currency?: string): BudgetCheck {
  const refuse = (
    field: string,
    reason: BudgetIssueReason,
    rule: string,
    got: unknown,
    expected?: string | number,
  ): BudgetCheck => ({
    ok: false,
    issue: {
      field,
      reason,
      value: got,
      ...(expected === undefined ? {} : { expected }),
      message: `${field} ${rule}, got ${describeValue(got)}`,
    },
  })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(
      'budget',
      'not_an_object',
      'must be an object { amount, currency, thresholds?, mode? }',
      value,
    )
  }
  const input = value as Record<string, unknown>
  const { amount, thresholds = defaultBudgetThresholds, mode = 'notify' } = input
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    return refuse('amount', 'amount_not_positive', 'must be a number greater than 0', amount)
  }
  if (typeof input.currency !== 'string' || !/^[a-z]{3}$/i.test(input.currency)) {
    return refuse(
      'currency',
      'currency_not_iso',
      'must be a three-letter ISO 4217 code',
      input.currency,
    )
  }
  const budgetCurrency = input.currency.toUpperCase()
  if (currency !== undefined && budgetCurrency !== currency.toUpperCase()) {
    return refuse(
      'currency',
      'currency_not_the_bills',
      `must be ${currency.toUpperCase()}, the currency of the bill`,
      input.currency,
      currency.toUpperCase(),
    )
  }
  if (!Array.isArray(thresholds) || thresholds.length === 0) {
    return refuse(
      'thresholds',
      'thresholds_empty',
      'must be a list of 1 or more percentages',
      thresholds,
    )
  }
  for (const [index, threshold] of thresholds.entries()) {
    const field = `thresholds[${index}]`
    if (typeof threshold !== 'number' || !(threshold >= 1 && threshold <= 100)) {
      return refuse(
        field,
        'threshold_out_of_range',
        'must be a percentage from 1 to 100',
        threshold,
      )
    }
    const previous = thresholds[index - 1] as number | undefined
    if (previous !== undefined && threshold <= previous) {
      return refuse(
        field,
        'threshold_not_ascending',
        `must be above the one before (${previous}): thresholds ascend`,
        threshold,
        previous,
      )
    }
  }
  if (!budgetModes.includes(mode as BudgetMode)) {
    return refuse('mode', 'mode_unknown', `must be one of ${budgetModes.join(', ')}`, mode)
  }
  return {
    ok: true,
    budget: {
      amount,
      currency: budgetCurrency,
      thresholds: [...thresholds],
      mode: mode as BudgetMode,
    },
  }
}
