/**
 * `stripemeter/testing/msw`: the emulator as msw request handlers, for `setupServer`
 * (`msw/node`), `setupWorker` (the browser, Storybook) and your own tests. The only entry that
 * needs msw installed; `stripemeter/testing` (emulator, Node server, CLI) works without it.
 */
export type { StripeMeterHandlersOptions } from './stripeMeterHandlers.js'
export { stripeMeterHandlers } from './stripeMeterHandlers.js'
