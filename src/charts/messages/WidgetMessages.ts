import type { BudgetIssueReason } from '../../core/Budget.js'
import type { UsageLevel } from '../usageLevel.js'

/**
 * Every word the widgets show, in one typed catalog. Numbers, amounts, dates and relative
 * times arrive already formatted for the same locale (`Intl`), so a message only places them.
 * Override any key with the provider's or a widget's `messages` prop; a misspelt key is a type
 * error.
 */
export interface WidgetMessages {
  /** Screen-reader text of the loading skeleton. */
  loading: string
  retry: string
  /** The button that saves a widget's numbers as a CSV file. */
  exportCsv: string
  /** Its accessible name, naming what is exported: "Export CSV: API calls over this period". */
  exportCsvOf: (title: string) => string
  /** The disclosure that holds an error's technical message. */
  errorDetails: string
  /** Under Details: the request's id, to quote to support and find in the app's logs. */
  requestId: (id: string) => string
  /** A failure the customer can do something about (their connection, a timeout). */
  errorTitle: string
  errorHint: string
  /** A credential or server failure: the operator's problem, not the customer's. */
  unavailableTitle: string
  unavailableHint: string
  /** Shown when a refresh failed and older numbers are still on screen. */
  staleRefreshFailed: string
  /** Shown when the cost figures are older than `staleAfterSeconds`; `ago` is "5 minutes ago". */
  staleCosts: (ago: string) => string
  /** "Updated 45 seconds ago"; `ago` comes from `Intl.RelativeTimeFormat`. */
  updated: (ago: string) => string
  /** Under a widget: when the server's figures are from; `time` is "10:42" (with the date when not today). */
  asOf: (time: string) => string
  /** The same when usage tracked on this page is shown on top of them. */
  asOfSyncing: (time: string) => string
  /** Why usage figures lag: the server's aggregation delay and its read cache (up to 30 s). */
  asOfHintUsage: string
  /** Why cost figures lag: the aggregation delay (the projection is read without a cache). */
  asOfHintCost: string
  /** Under the hint while live usage is shown on top of the server's figures. */
  asOfHintSyncing: string

  emptyUsage: string
  emptyAlerts: string
  /** All prices are 0 (or nothing is priced yet) while usage exists. */
  noCharges: string

  usageTitle: string
  /** The heading of a meter without a metric. */
  usageFallbackTitle: string
  levels: Record<UsageLevel, string>
  overBy: (excess: string) => string
  /** `aria-valuetext` of a meter: "12,500 calls of 50,000 calls". */
  valueOfLimit: (current: string, limit: string) => string
  /** Under a meter: when this period's pace reaches the limit (`forecastUsage`). */
  limitDateLikely: (limit: string, date: string) => string
  /** Only the high end of the forecast range reaches the limit this period. */
  limitDatePossible: (limit: string, date: string) => string
  /** Even the high end of the forecast range ends below the limit. */
  limitDateNotThisPeriod: string
  /** The trend chart's table row for the limit-date marker. */
  limitDateRow: string

  costTitle: string
  costSoFar: string
  /**
   * Beside a cost that includes usage tracked here and not yet counted by the server; `amount`
   * is what it adds, signed: "+$0.19 syncing".
   */
  syncing: (amount: string) => string
  forecastFor: (lastDay: string) => string
  forecastLikely: (expected: string, range: string) => string
  forecastEstimate: (range: string) => string
  metric: string
  quantity: string
  unitPrice: string
  /** A graduated price's blended average: "$0.000762 avg". */
  averagePrice: (price: string) => string
  total: string
  subtotal: string
  credits: string
  totalSoFar: string
  lineItemsCaption: (currency: string) => string
  /** A metric with usage but no price mapping on the server. */
  notBilled: string

  breakdownTitle: string
  cost: string
  share: string
  /** The slice that gathers the metrics beyond `maxSlices`. */
  other: string
  donutChart: (title: string) => string

  limitsTitle: string
  shareOfLimit: string
  current: string
  limit: string
  used: string
  noLimit: string
  /** The limits chart when no metric has a limit (the real server today). */
  noLimitsSet: string
  barChart: (title: string) => string

  trendTitle: (metric: string) => string
  trendFallbackTitle: string
  totalSoFarSeries: string
  perDay: string
  perMonth: string
  projection: string
  projectionTo: (lastDay: string) => string
  limitValue: (limit: string) => string
  date: string
  /** The current day or month, still in progress. */
  partial: string
  sampledCaption: (title: string, shown: number, total: number) => string
  lineChart: (title: string) => string

  alertsTitle: string
  severities: Record<'critical' | 'warning' | 'info', string>
  /** A budget threshold reached: "You’ve used 80% of your $200.00 budget." */
  budgetUsed: (percent: string, amount: string) => string
  /** The spend reached the budget's amount. */
  budgetReached: (amount: string, spent: string) => string
  /** The pace ends over the budget: "At this pace you’ll spend $234.00 — over your $200.00 budget." */
  budgetForecastOver: (forecast: string, amount: string) => string
  /** The budget form (`BudgetSettings`). */
  budgetTitle: string
  budgetCurrent: (amount: string) => string
  budgetNone: string
  /** The amount field's label; `currency` is undefined until the bill's currency is known. */
  budgetAmount: (currency: string | undefined) => string
  budgetThresholds: string
  budgetThresholdsHint: string
  budgetModeLegend: string
  budgetModes: Record<'notify' | 'soft' | 'hard', { label: string; hint: string }>
  budgetSave: string
  budgetRemove: string
  budgetSaved: string
  budgetRemoved: string
  /**
   * Saving or removing failed for a reason that is no refusal (the network, the server): the
   * technical message follows behind "Details".
   */
  budgetSaveFailed: string
  /**
   * A refused budget, by the checker's typed `reason` (`checkBudget`, or the backend's 400):
   * `value` is the refused value as the customer entered it, `expected` the bill's currency or
   * the threshold before it (empty for the other reasons).
   */
  budgetRefusals: Record<BudgetIssueReason, (value: string, expected: string) => string>
}

/** A partial catalog: the keys an app or a widget replaces. */
export type WidgetMessageOverrides = Partial<WidgetMessages>
