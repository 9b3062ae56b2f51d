/**
 * `stripemeter/testing`: a faithful local StripeMeter for tests, Storybook and local
 * development — one Fetch-API core with msw and Node adapters.
 */
export { demoCustomers } from './demoData'
export type { EmulatorFault, EmulatorRoute, FaultTarget } from './EmulatorFaults'
export { EmulatorFaults } from './EmulatorFaults'
export { EmulatorNetworkError, isEmulatorNetworkError } from './EmulatorNetworkError'
export type { EmulatorOptions, EmulatorRateLimit } from './EmulatorOptions'
export type { MetricAggregation } from './MetricAggregate'
export type { MetricDefinition, MetricPrice, PriceTier } from './metricCatalog'
export { demoCatalog } from './metricCatalog'
export type { EmulatorStats, HandleOptions } from './StripeMeterEmulator'
export { createEmulator, StripeMeterEmulator } from './StripeMeterEmulator'
export type { RunningEmulator, StartEmulatorOptions } from './startEmulator'
export { startEmulator } from './startEmulator'
export type { StripeMeterHandlersOptions } from './stripeMeterHandlers'
export { stripeMeterHandlers } from './stripeMeterHandlers'
