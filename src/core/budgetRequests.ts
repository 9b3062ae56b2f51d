import { isHTTPError } from 'ky'
import type { Budget, BudgetInput, BudgetIssue } from './Budget.js'
import { checkBudget } from './Budget.js'
import type { Transport } from './createTransport.js'
import { checkCustomerRef } from './readParams.js'
import { isStripeMeterError, StripeMeterError } from './StripeMeterError.js'

/**
 * The budget routes of the app's own backend (`stripemeter/server` with a `budgets` store; the
 * StripeMeter API has none): `GET /v1/budget` and `POST /v1/budget`. They work only when the
 * client's `apiUrl` is that backend route.
 */
export const budgetPath = '/v1/budget'

/** Body of both budget routes' answers. */
export interface BudgetResponse {
  /** `null` when the customer has set none. */
  budget: Budget | null
}

export async function getBudget(
  transport: Transport,
  tenantId: string,
  customerRef: string,
): Promise<Budget | null> {
  const searchParams = { tenantId, customerRef: checkCustomerRef(customerRef) }
  const { data } = await transport.request<BudgetResponse>('get', budgetPath, { searchParams })
  return data.budget ?? null
}

/** Saves (or, with `null`, removes) the budget; checked here first so a typo costs no request. */
export async function setBudget(
  transport: Transport,
  tenantId: string,
  customerRef: string,
  budget: BudgetInput | null,
): Promise<Budget | null> {
  const body = { tenantId, customerRef: checkCustomerRef(customerRef), budget }
  if (budget !== null) {
    const check = checkBudget(budget)
    if (!check.ok) {
      const error = new StripeMeterError(`budget.${check.issue.message}`, {
        code: 'validation_error',
      })
      throw Object.assign(error, { budgetIssue: check.issue })
    }
    body.budget = check.budget
  }
  try {
    const { data } = await transport.request<BudgetResponse>('post', budgetPath, { body })
    return data.budget ?? null
  } catch (error) {
    // The backend's 400 names the field it refused (e.g. a currency not the bill's): bad input.
    if (isStripeMeterError(error) && error.statusCode === 400) {
      const refusal = new StripeMeterError(error.message, {
        code: 'validation_error',
        statusCode: 400,
        requestId: error.requestId,
        cause: error,
      })
      const issue = isHTTPError(error.cause) ? issueOfBody(error.cause.data) : undefined
      throw issue === undefined ? refusal : Object.assign(refusal, { budgetIssue: issue })
    }
    throw error
  }
}

/**
 * Why `setBudget` refused a budget, typed (`reason`, `value`, `expected`) — from the check it
 * makes before sending or from the backend's 400 — so a form can word it in its own language.
 * Undefined for any other failure.
 */
export function budgetIssueOf(error: unknown): BudgetIssue | undefined {
  if (!isStripeMeterError(error) || error.code !== 'validation_error') return undefined
  return issueOfBody((error as { budgetIssue?: unknown }).budgetIssue)
}

/** The backend's typed 400 (`{ field, reason, value, expected?, message }`) as an issue. */
function issueOfBody(body: unknown): BudgetIssue | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { field, reason, value, expected, message } = body as Record<string, unknown>
  if (typeof field !== 'string' || typeof reason !== 'string' || typeof message !== 'string') {
    return undefined
  }
  return {
    field,
    reason: reason as BudgetIssue['reason'],
    value,
    ...(typeof expected === 'string' || typeof expected === 'number' ? { expected } : {}),
    message,
  }
}
