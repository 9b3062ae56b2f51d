/**
 * `stripemeter/testing`: a faithful local StripeMeter for tests, Storybook and local
 * development — one Fetch-API core with a Node server and a CLI. The msw handlers are in
 * `stripemeter/testing/msw`, so this entry works without msw installed.
 *
 * The emulator keeps its own copy of the API's rules (limits, patterns, messages, UTC periods)
 * on purpose and imports none of the client's rules: it is an independent check of the client, so a
 * rule the client gets wrong must not be wrong here by the same import.
 */
export { demoCustomers } from './demoData.js'
export type { EmulatorFault, EmulatorRoute, FaultTarget } from './EmulatorFaults.js'
export { EmulatorFaults } from './EmulatorFaults.js'
export { EmulatorNetworkError, isEmulatorNetworkError } from './EmulatorNetworkError.js'
export type { EmulatorOptions, EmulatorRateLimit } from './EmulatorOptions.js'
export type { EmulatorProfileName } from './EmulatorProfile.js'
export type { MetricAggregation } from './MetricAggregate.js'
export type { MetricDefinition, MetricPrice, PriceTier } from './metricCatalog.js'
export { demoCatalog } from './metricCatalog.js'
export type { EmulatorStats, HandleOptions } from './StripeMeterEmulator.js'
export { createEmulator, StripeMeterEmulator } from './StripeMeterEmulator.js'
export type { RunningEmulator, StartEmulatorOptions } from './startEmulator.js'
export { startEmulator } from './startEmulator.js'
