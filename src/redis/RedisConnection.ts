/**
 * What `RedisStorage` needs of a Redis client: raw commands and whether it is connected. A
 * node-redis client (`redis` ≥ 5, `createClient(…).connect()`) has both as they are.
 */
export interface RedisCommandClient {
  sendCommand(args: readonly string[]): Promise<unknown>
  /** `false` while the client is disconnected or reconnecting. */
  readonly isReady: boolean
}

/**
 * Sends commands and scripts for the storage and its leases. It fails fast instead of letting a
 * command wait in the client's offline queue while Redis is away: the caller keeps the events
 * in memory, reports `storage_error`, and writes them once Redis answers again.
 */
export class RedisConnection {
  readonly #client: RedisCommandClient
  readonly #timeoutMs: number
  readonly #scriptHashes = new Map<string, Promise<string>>()
  /** Commands sent so far (one round trip each): the bench divides it by events. */
  roundTrips = 0

  constructor(client: RedisCommandClient, timeoutMs: number) {
    this.#client = client
    this.#timeoutMs = timeoutMs
  }

  async command(args: readonly string[]): Promise<unknown> {
    if (!this.#client.isReady) {
      throw new Error(`Redis is not connected (${args[0]} not sent)`)
    }
    this.roundTrips++
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer ${args[0]} within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      )
    })
    try {
      return await Promise.race([this.#client.sendCommand(args), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Runs a script by its SHA1, sending its source only when Redis does not have it cached. */
  async script(source: string, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const hash = await this.#hashOf(source)
    const tail = [String(keys.length), ...keys, ...args]
    try {
      return await this.command(['EVALSHA', hash, ...tail])
    } catch (error) {
      // A restarted Redis or SCRIPT FLUSH forgets scripts; EVAL runs and caches it again.
      if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error
      return this.command(['EVAL', source, ...tail])
    }
  }

  /** The SHA1 Redis caches a script under, by Web Crypto (no Node built-in in this entry). */
  #hashOf(source: string): Promise<string> {
    let hash = this.#scriptHashes.get(source)
    if (hash === undefined) {
      hash = crypto.subtle
        .digest('SHA-1', new TextEncoder().encode(source))
        .then((digest) =>
          Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''),
        )
      this.#scriptHashes.set(source, hash)
    }
    return hash
  }
}
