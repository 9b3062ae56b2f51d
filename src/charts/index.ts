'use client'

export type { CostBreakdownChartProps } from './CostBreakdownChart.js'
export { CostBreakdownChart } from './CostBreakdownChart.js'
export type { CostBreakdownChartViewProps } from './CostBreakdownChartView.js'
export { CostBreakdownChartView } from './CostBreakdownChartView.js'
/**
 * `stripemeter/charts`: every widget. The chart widgets (UsageChart, UsageTrendChart,
 * CostBreakdownChart, UsageDashboard) need the optional peer `recharts`; the rest come from
 * `./lite.js`, which does not import it.
 */
export * from './lite.js'
export type { UsageChartProps } from './UsageChart.js'
export { UsageChart } from './UsageChart.js'
export type { UsageChartScale, UsageChartViewProps } from './UsageChartView.js'
export { UsageChartView } from './UsageChartView.js'
export type { UsageDashboardProps } from './UsageDashboard.js'
export { UsageDashboard } from './UsageDashboard.js'
export type { UsageTrendChartProps } from './UsageTrendChart.js'
export { UsageTrendChart } from './UsageTrendChart.js'
export type { UsageTrendChartViewProps } from './UsageTrendChartView.js'
export { UsageTrendChartView } from './UsageTrendChartView.js'
