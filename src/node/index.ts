/**
 * `stripemeter/node`: what only Node can do. Buffered events in a SQLite file that outlives the
 * process (`node:sqlite`, Node ≥ 22.13), and closing clients on SIGTERM/SIGINT.
 */
export { type Closable, type CloseOnSignalsOptions, closeOnSignals } from './closeOnSignals.js'
export { SqliteStorage, type SqliteStorageOptions } from './SqliteStorage.js'
