import type { Transport } from './createTransport.js'
import { checkCustomerRef, historySearchParams, projectionPeriod } from './readParams.js'
import type {
  ProjectionPeriod,
  ProjectionResponse,
  UsageHistoryQuery,
  UsageHistoryResponse,
  UsageResponse,
} from './types.js'

/** The read routes of the API, for one tenant: usage, projected cost, history. */
export class UsageReader {
  readonly #transport: Transport
  readonly #tenantId: string

  constructor(transport: Transport, tenantId: string) {
    this.#transport = transport
    this.#tenantId = tenantId
  }

  /** `GET /v1/usage/current`: the customer's usage this period, per metric, and its alerts. */
  async getUsage(customerRef: string): Promise<UsageResponse> {
    const searchParams = { tenantId: this.#tenantId, customerRef: checkCustomerRef(customerRef) }
    const { data } = await this.#transport.request<UsageResponse>('get', '/v1/usage/current', {
      searchParams,
    })
    // When its database fails the server answers 200 without metrics: keep the shape usable.
    return { ...data, metrics: data.metrics ?? [], alerts: data.alerts ?? [] }
  }

  /** `POST /v1/usage/projection`: the cost of the usage so far this period (or the given one). */
  async getProjection(customerRef: string, period?: ProjectionPeriod): Promise<ProjectionResponse> {
    const body = {
      tenantId: this.#tenantId,
      customerRef: checkCustomerRef(customerRef),
      ...projectionPeriod(period),
    }
    const { data } = await this.#transport.request<ProjectionResponse>(
      'post',
      '/v1/usage/projection',
      { body },
    )
    return data
  }

  /** `GET /v1/usage/history`: one metric's usage per day or month; empty buckets are absent. */
  async getUsageHistory(query: UsageHistoryQuery): Promise<UsageHistoryResponse> {
    const searchParams = historySearchParams(query, this.#tenantId)
    const { data } = await this.#transport.request<UsageHistoryResponse>(
      'get',
      '/v1/usage/history',
      { searchParams },
    )
    return { ...data, usage: data.usage ?? [] }
  }
}
