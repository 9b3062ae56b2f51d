import { hostname } from 'node:os'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import { providePersistence } from '../core/DeferredPersistence.js'
import { createEventPersistence } from '../core/persistence/createEventPersistence.js'
import type { EventStorage, StoredEvent } from '../core/persistence/EventStorage.js'
import { LeaseLiveness, type LeaseStore } from '../core/persistence/LeaseLiveness.js'
import type { OwnerLiveness } from '../core/persistence/OwnerLiveness.js'

// Durable from the task that buffered an event: the client must not wait for a chunk to load.
providePersistence(createEventPersistence)

export interface SqliteStorageOptions {
  /** The database file; created with its tables if missing. `':memory:'` keeps it in this process. */
  path: string
  /**
   * How long a process counts as alive after its last renewal (it renews every third of it).
   * A process that died on this machine is known dead at once (its pid is gone); this bounds the
   * wait only for processes of other machines sharing the file, or a pid reused meanwhile.
   * @default 30_000
   */
  leaseMs?: number
}

const schema = `
  CREATE TABLE IF NOT EXISTS stripemeter_events (
    namespace TEXT NOT NULL, key TEXT NOT NULL, owner TEXT NOT NULL, ord REAL NOT NULL, event TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
  );
  CREATE INDEX IF NOT EXISTS stripemeter_events_owner ON stripemeter_events (namespace, owner);
  CREATE TABLE IF NOT EXISTS stripemeter_owners (
    owner TEXT PRIMARY KEY, expires_at INTEGER NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL
  );`

/** The statements, prepared once per database and shared by its namespaces. */
interface Statements {
  put: StatementSync
  delete: StatementSync
  owners: StatementSync
  ofOwner: StatementSync
  reown: StatementSync
  renew: StatementSync
  lease: StatementSync
  release: StatementSync
}

/**
 * Keeps buffered events in a SQLite file with Node's built-in `node:sqlite` (no native addon), so
 * a crash, an OOM kill or a deploy loses nothing: the next process for the same API URL and tenant
 * claims what a dead one left and sends it with the same keys. WAL mode; one transaction (one
 * statement) per task's writes (the client batches them), committed before the task ends. Owners hold leases in
 * the same file (`LeaseLiveness`); one on this machine whose process is gone is claimed at once.
 */
export class SqliteStorage implements EventStorage, LeaseStore {
  readonly #database: DatabaseSync
  readonly #statements: Statements
  readonly #namespace: string
  readonly #leaseMs: number

  constructor(options: SqliteStorageOptions)
  /** @internal A view of `parent`'s database for one namespace. */
  constructor(options: SqliteStorageOptions, parent: SqliteStorage, namespace: string)
  constructor(options: SqliteStorageOptions, parent?: SqliteStorage, namespace = '') {
    this.#leaseMs = options.leaseMs ?? 30_000
    this.#namespace = namespace
    if (parent !== undefined) {
      this.#database = parent.#database
      this.#statements = parent.#statements
      return
    }
    this.#database = new DatabaseSync(options.path)
    // WAL: writers do not block readers, and a commit is one append. NORMAL sync: a killed
    // process loses no committed write (only a power cut can take the last ones).
    this.#database.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;',
    )
    this.#database.exec(schema)
    const prepare = (sql: string) => this.#database.prepare(sql)
    this.#statements = {
      // One statement per batch, the records as one JSON array: a call into SQLite per record
      // costs more than the insert itself.
      put: prepare(
        `INSERT OR REPLACE INTO stripemeter_events (namespace, key, owner, ord, event)
         SELECT ?, value ->> '$.key', value ->> '$.owner', value ->> '$.order', value -> '$.event'
         FROM json_each(?)`,
      ),
      delete: prepare(
        'DELETE FROM stripemeter_events WHERE namespace = ? AND key IN (SELECT value FROM json_each(?))',
      ),
      owners: prepare('SELECT DISTINCT owner FROM stripemeter_events WHERE namespace = ?'),
      ofOwner: prepare(
        'SELECT key, owner, ord, event FROM stripemeter_events WHERE namespace = ? AND owner = ?',
      ),
      reown: prepare('UPDATE stripemeter_events SET owner = ? WHERE namespace = ? AND owner = ?'),
      renew: prepare(
        'INSERT OR REPLACE INTO stripemeter_owners (owner, expires_at, pid, host) VALUES (?, ?, ?, ?)',
      ),
      lease: prepare('SELECT expires_at, pid, host FROM stripemeter_owners WHERE owner = ?'),
      release: prepare('DELETE FROM stripemeter_owners WHERE owner = ?'),
    }
  }

  async put(records: readonly StoredEvent[]): Promise<void> {
    if (records.length === 0) return
    this.#statements.put.run(this.#namespace, JSON.stringify(records))
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return
    this.#statements.delete.run(this.#namespace, JSON.stringify(keys))
  }

  async owners(): Promise<string[]> {
    return this.#statements.owners
      .all(this.#namespace)
      .map((row) => String((row as { owner: string }).owner))
  }

  /** One immediate transaction: two processes claiming at once run one after the other. */
  async claim(owner: string, fromOwners: ReadonlySet<string>): Promise<StoredEvent[]> {
    if (fromOwners.size === 0) return []
    const claimed: StoredEvent[] = []
    this.#transaction(() => {
      for (const from of fromOwners) {
        for (const row of this.#statements.ofOwner.all(this.#namespace, from)) {
          const { key, ord, event } = row as { key: string; ord: number; event: string }
          claimed.push({ key, owner, order: ord, event: JSON.parse(event) })
        }
        this.#statements.reown.run(owner, this.#namespace, from)
      }
    })
    return claimed.sort((a, b) => a.order - b.order)
  }

  forNamespace(namespace: string): SqliteStorage {
    return new SqliteStorage({ path: '', leaseMs: this.#leaseMs }, this, namespace)
  }

  createLiveness(): OwnerLiveness {
    return new LeaseLiveness({ leases: this, leaseMs: this.#leaseMs })
  }

  async renew(owner: string, leaseMs: number): Promise<void> {
    this.#statements.renew.run(owner, Date.now() + leaseMs, process.pid, hostname())
  }

  async lapsed(owners: readonly string[]): Promise<Set<string>> {
    const now = Date.now()
    const host = hostname()
    return new Set(
      owners.filter((owner) => {
        const lease = this.#statements.lease.get(owner) as
          | { expires_at: number; pid: number; host: string }
          | undefined
        if (lease === undefined || lease.expires_at <= now) return true
        return lease.host === host && !isRunning(lease.pid)
      }),
    )
  }

  async release(owner: string): Promise<void> {
    this.#statements.release.run(owner)
  }

  /** Closes the database file (call it once, after every client using it is closed). */
  closeDatabase(): void {
    this.#database.close()
  }

  #transaction(work: () => void): void {
    this.#database.exec('BEGIN IMMEDIATE')
    try {
      work()
      this.#database.exec('COMMIT')
    } catch (error) {
      this.#database.exec('ROLLBACK')
      throw error
    }
  }
}

/** Whether a process with this pid runs on this machine (one we may not signal still runs). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
