export type { Budget, BudgetInput, BudgetMode } from '../core/Budget.js'
export { type BudgetStore, memoryBudgetStore } from './BudgetStore.js'
export { createStripeMeterHandler, type StripeMeterHandler } from './createStripeMeterHandler.js'
export type {
  IdentifyCustomer,
  StripeMeterHandlerLimits,
  StripeMeterHandlerOptions,
} from './StripeMeterHandlerOptions.js'
export { getNodeRequest, type NodeRequestListener, toNodeHandler } from './toNodeHandler.js'
