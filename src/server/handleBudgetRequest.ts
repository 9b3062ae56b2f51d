import { type Budget, type BudgetIssue, checkBudget } from '../core/Budget.js'
import type { BudgetStore } from './BudgetStore.js'
import { errorResponse, jsonResponse } from './errorResponse.js'
import { type ApiConnection, forwardToApi } from './forwardToApi.js'
import { readJsonBody } from './readJsonBody.js'
import type { CustomerScope } from './scopeToCustomer.js'

export interface BudgetCall {
  method: 'GET' | 'HEAD' | 'POST'
  request: Request
  scope: CustomerScope
  requestId: string
}

/**
 * `GET /v1/budget` answers the signed-in customer's budget; `POST /v1/budget` with
 * `{ "budget": {…} | null }` saves or removes it, both as `{ "budget": … }`. A budget is
 * checked (amount > 0, the projection's currency, ascending thresholds 1–100, a known mode)
 * and refused with a 400 naming the field and the value; nothing is stored then. Budgets never
 * touch ingest: usage is money already owed.
 */
export async function handleBudgetRequest(
  store: BudgetStore,
  api: ApiConnection,
  { method, request, scope, requestId }: BudgetCall,
): Promise<Response> {
  if (method !== 'POST') {
    const budget = (await store.get(scope.customerRef)) ?? null
    const response = jsonResponse(200, { budget }, requestId)
    return method === 'HEAD' ? new Response(null, response) : response
  }
  const body = await readJsonBody(request)
  if (!body.ok) return errorResponse(body.status, body.message, requestId)
  const input = body.value as Record<string, unknown> | null
  if (typeof input !== 'object' || input === null || !('budget' in input)) {
    return invalid(
      'body',
      'must be { "budget": { amount, currency, thresholds?, mode? } | null }',
      requestId,
    )
  }
  if (input.customerRef !== undefined && input.customerRef !== scope.customerRef) {
    const message = `customerRef ${JSON.stringify(input.customerRef)} is not the signed-in customer: a session may only set its own budget`
    return invalid('customerRef', message, requestId)
  }
  if (input.budget === null) {
    await store.set(scope.customerRef, null)
    return jsonResponse(200, { budget: null }, requestId)
  }

  const currency = await projectionCurrency(api, scope, request.signal, requestId)
  if (currency instanceof Response) return currency
  const check = checkBudget(input.budget, currency)
  if (!check.ok) return invalid(check.issue.field, check.issue.message, requestId, check.issue)
  const budget: Budget = check.budget
  await store.set(scope.customerRef, budget)
  return jsonResponse(200, { budget }, requestId)
}

/** The currency the customer is billed in: the one its projection is in. */
async function projectionCurrency(
  api: ApiConnection,
  scope: CustomerScope,
  signal: AbortSignal,
  requestId: string,
): Promise<string | Response> {
  const response = await forwardToApi(api, {
    path: '/v1/usage/projection',
    method: 'POST',
    body: { tenantId: scope.tenantId, customerRef: scope.customerRef },
    requestId,
    signal,
    omitBody: false,
  })
  if (!response.ok) return response
  const projection = (await response.json().catch(() => null)) as { currency?: unknown } | null
  if (typeof projection?.currency !== 'string') {
    return errorResponse(
      502,
      'The projection has no currency to check the budget against',
      requestId,
    )
  }
  return projection.currency
}

/**
 * A typed 400: `code` to branch on, `field` for the form, `message` naming the value; a refused
 * budget adds the checker's `reason`, `value` and `expected`, for the form to word it.
 */
function invalid(field: string, message: string, requestId: string, issue?: BudgetIssue): Response {
  const body = { error: 'Bad Request', code: 'validation_error', ...issue, field, message }
  return jsonResponse(400, body, requestId)
}
