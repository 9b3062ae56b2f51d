import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../src/core/persistence/EventStorage.js'
import { SqliteStorage } from '../../src/node/SqliteStorage.js'

function record(key: string, owner: string, order: number): StoredEvent {
  return {
    key,
    owner,
    order,
    event: {
      tenantId: 't',
      metric: 'api_calls',
      customerRef: 'cus_1',
      quantity: 1,
      ts: '2026-11-26T12:00:00.000Z',
      idempotencyKey: key,
    },
  }
}

const databaseFile = () => join(mkdtempSync(join(tmpdir(), 'stripemeter-sqlite-')), 'events.db')

describe('SqliteStorage', () => {
  it('keeps records in the file: put, delete, owners, claim oldest first', async () => {
    const path = databaseFile()
    const writer = new SqliteStorage({ path }).forNamespace('ns')
    await writer.put([record('b', 'gone', 2), record('a', 'gone', 1), record('c', 'live', 3)])
    await writer.delete(['c'])
    const reader = new SqliteStorage({ path }).forNamespace('ns')
    expect(await reader.owners()).toEqual(['gone'])
    const claimed = await reader.claim('me', new Set(['gone']))
    expect(claimed.map((each) => [each.key, each.owner])).toEqual([
      ['a', 'me'],
      ['b', 'me'],
    ])
    expect(claimed[0]?.event).toEqual(record('a', 'gone', 1).event)
    expect(await writer.owners()).toEqual(['me'])
  })

  it('keeps namespaces (API URL and tenant) apart in one file', async () => {
    const storage = new SqliteStorage({ path: databaseFile() })
    await storage.forNamespace('tenant-a').put([record('k', 'gone', 1)])
    expect(await storage.forNamespace('tenant-b').owners()).toEqual([])
    expect(await storage.forNamespace('tenant-b').claim('me', new Set(['gone']))).toEqual([])
    expect(await storage.forNamespace('tenant-a').owners()).toEqual(['gone'])
  })

  it('gives each record to one of two connections claiming at once', async () => {
    const path = databaseFile()
    const first = new SqliteStorage({ path }).forNamespace('ns')
    const second = new SqliteStorage({ path }).forNamespace('ns')
    await first.put(Array.from({ length: 200 }, (_, index) => record(`k${index}`, 'gone', index)))
    const [one, two] = await Promise.all([
      first.claim('one', new Set(['gone'])),
      second.claim('two', new Set(['gone'])),
    ])
    expect(one.length + two.length).toBe(200)
    expect(new Set([...one, ...two].map((each) => each.key)).size).toBe(200)
  })

  it('tells a live owner from one whose lease lapsed, was released or whose process is gone', async () => {
    const storage = new SqliteStorage({ path: databaseFile() })
    await storage.renew('alive', 30_000)
    await storage.renew('lapsed', -1)
    await storage.renew('released', 30_000)
    await storage.release('released')
    expect(await storage.lapsed(['alive', 'lapsed', 'released', 'unknown'])).toEqual(
      new Set(['lapsed', 'released', 'unknown']),
    )
  })
})
