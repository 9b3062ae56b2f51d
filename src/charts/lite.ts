'use client'

/**
 * The widgets that need no recharts: meters, cost projection and alerts, their views, and the
 * message catalog's types. `stripemeter/charts` re-exports all of this plus the
 * chart widgets; an app without recharts installed imports this entry instead, so its bundler
 * never has to resolve recharts at all.
 */
export type { BudgetSettingsProps } from './BudgetSettings.js'
export { BudgetSettings } from './BudgetSettings.js'
export type { BudgetSettingsViewProps } from './BudgetSettingsView.js'
export { BudgetSettingsView } from './BudgetSettingsView.js'
export type { CostProjectionProps } from './CostProjection.js'
export { CostProjection } from './CostProjection.js'
export type { CostHero, CostProjectionViewProps } from './CostProjectionView.js'
export { CostProjectionView } from './CostProjectionView.js'
export type { WidgetMessageOverrides, WidgetMessages } from './messages/WidgetMessages.js'
export { metricLabel } from './metricLabel.js'
// The data-bound widgets' props are built from it; exported so their declarations can name it.
export type { DataBoundProps } from './queryStateProps.js'
export type { TrendMode } from './trendSeries.js'
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
export type { WidgetTextProps } from './useWidgetText.js'
export type { WidgetProps, WidgetStateProps, WidgetTheme } from './Widget.js'
