'use client'

/**
 * The widgets that need no recharts: meters, cost projection and alerts, their views, and the
 * formatting and downsampling helpers. `stripemeter/charts` re-exports all of this plus the
 * chart widgets; an app without recharts installed imports this entry instead, so its bundler
 * never has to resolve recharts at all.
 */
export type { BudgetSettingsProps } from './BudgetSettings.js'
export { BudgetSettings } from './BudgetSettings.js'
export type { BudgetSettingsViewProps } from './BudgetSettingsView.js'
export { BudgetSettingsView } from './BudgetSettingsView.js'
export type { CostProjectionProps } from './CostProjection.js'
export { CostProjection } from './CostProjection.js'
export type { CostProjectionViewProps } from './CostProjectionView.js'
export { CostProjectionView } from './CostProjectionView.js'
export type { Formatters } from './format.js'
export { getFormatters } from './format.js'
export type { SeriesPoint } from './lttb.js'
export { downsampleLttb } from './lttb.js'
export { metricLabel } from './metricLabel.js'
/**
 * The widgets that need no recharts: meters, cost projection and alerts, their views, and the
 * formatting and downsampling helpers. `stripemeter/charts` re-exports all of this plus the
 * chart widgets; an app without recharts installed imports this entry instead, so its bundler
 * never has to resolve recharts at all.
 */
// The data-bound widgets' props are built from it; exported so their declarations can name it.
export type { DataBoundProps } from './queryStateProps.js'
export type { TrendDatum, TrendMode, TrendSeries } from './trendSeries.js'
export { buildTrendSeries } from './trendSeries.js'
export type { UsageAlertsProps } from './UsageAlerts.js'
export { UsageAlerts } from './UsageAlerts.js'
export type { UsageAlertsViewProps } from './UsageAlertsView.js'
export { UsageAlertsView } from './UsageAlertsView.js'
export type { UsageMeterProps } from './UsageMeter.js'
export { UsageMeter } from './UsageMeter.js'
export type { UsageMetersProps } from './UsageMeters.js'
export { UsageMeters } from './UsageMeters.js'
export type { UsageMetersViewProps } from './UsageMetersView.js'
export { UsageMetersView } from './UsageMetersView.js'
export type { UsageMeterViewProps } from './UsageMeterView.js'
export { UsageMeterView } from './UsageMeterView.js'
export type { UsageLevel } from './usageLevel.js'
export { usageLevel } from './usageLevel.js'
export type { WidgetProps, WidgetStateProps, WidgetTheme } from './Widget.js'
