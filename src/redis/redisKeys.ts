import { storageNamespace } from '../core/persistence/storageNamespace.js'

/** The Redis key names of one namespace (API URL and tenant); see `redisScripts.ts`. */
export interface RedisKeys {
  events: string
  owner: string
  owners: string
  /** Followed by an owner id: the set of keys that owner holds. */
  ownedPrefix: string
  /** Followed by an owner id: the owner's lease. */
  leasePrefix: string
}

/**
 * Names every key after `prefix` and the namespace inside one hash tag (`{…}`), so a Redis
 * Cluster keeps a namespace in one slot and the scripts can touch all of its keys atomically.
 */
export function redisKeys(prefix: string, apiUrl: string, tenantId: string): RedisKeys {
  // Braces would end the hash tag early; percent-encoding keeps the name unique and tag-safe.
  const namespace = storageNamespace(apiUrl, tenantId).replace(
    /[{}%]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  const base = `${prefix}:{${namespace}}`
  return {
    events: `${base}:events`,
    owner: `${base}:owner`,
    owners: `${base}:owners`,
    ownedPrefix: `${base}:owned:`,
    leasePrefix: `${base}:lease:`,
  }
}
