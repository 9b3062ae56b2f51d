/**
 * `stripemeter/redis`: a durable queue shared by a fleet of server instances, on Redis through
 * node-redis (an optional peer dependency: `npm install redis`). Node only.
 */
export type { RedisCommandClient } from './RedisConnection.js'
export { RedisStorage, type RedisStorageOptions } from './RedisStorage.js'
