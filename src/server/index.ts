export { createStripeMeterHandler, type StripeMeterHandler } from './createStripeMeterHandler.js'
export type {
  IdentifyCustomer,
  StripeMeterHandlerLimits,
  StripeMeterHandlerOptions,
} from './StripeMeterHandlerOptions.js'
export { getNodeRequest, type NodeRequestListener, toNodeHandler } from './toNodeHandler.js'
