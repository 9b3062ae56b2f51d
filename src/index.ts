/**
 * `stripemeter`: the framework-free core. Runs in Node ≥ 22, browsers, workers and edge
 * runtimes (Web Crypto and fetch only; no React, no Node built-ins).
 */
export {
  type Budget,
  type BudgetCheck,
  type BudgetInput,
  type BudgetIssue,
  type BudgetIssueReason,
  type BudgetMode,
  checkBudget,
  defaultBudgetThresholds,
} from './core/Budget.js'
export { type BudgetAlert, budgetAlerts } from './core/budgetAlerts.js'
export { budgetIssueOf } from './core/budgetRequests.js'
export { type BudgetLevel, type BudgetStatus, budgetStatus } from './core/budgetStatus.js'
export type { ClientState } from './core/ClientState.js'
export type { EventLifecycle, EventLifecycleListener } from './core/EventLifecycle.js'
export {
  type CostForecast,
  type CostForecastInput,
  forecastCost,
  type MetricForecast,
} from './core/forecastCost.js'
export {
  forecastUsage,
  type LimitForecast,
  type UsageForecast,
  type UsageForecastOptions,
} from './core/forecastUsage.js'
export type { IngestResult } from './core/IngestResult.js'
export {
  type LiveProjection,
  type LiveProjectionInput,
  type LiveProjectionLineItem,
  liveProjection,
} from './core/liveProjection.js'
export type { EventStorage, StoredEvent } from './core/persistence/EventStorage.js'
export { IndexedDbStorage } from './core/persistence/IndexedDbStorage.js'
export { LocalStorageStorage } from './core/persistence/LocalStorageStorage.js'
export { MemoryStorage } from './core/persistence/MemoryStorage.js'
export type { OwnerLiveness } from './core/persistence/OwnerLiveness.js'
export { storageNamespace } from './core/persistence/storageNamespace.js'
export type { StorageOption } from './core/persistence/storageOption.js'
export {
  type MetricPrice,
  type PricedUsage,
  type PriceTier,
  priceUsage,
} from './core/priceUsage.js'
export { projectionToCsv } from './core/projectionToCsv.js'
export {
  defaultNearPercent,
  type QuotaLevel,
  type QuotaStatus,
  quotaAllows,
  quotaStatus,
} from './core/quotaStatus.js'
export { createClient, StripeMeterClient } from './core/StripeMeterClient.js'
export type {
  HeadersOption,
  StripeMeterClientOptions,
  StripeMeterErrorHandler,
} from './core/StripeMeterClientOptions.js'
export {
  isStripeMeterError,
  StripeMeterError,
  type StripeMeterErrorCode,
  type StripeMeterErrorOptions,
} from './core/StripeMeterError.js'
export type * from './core/types.js'
export { type UsageHistoryCsvOptions, usageHistoryToCsv } from './core/usageHistoryToCsv.js'
