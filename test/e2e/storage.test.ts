import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bundlePage } from './harness/bundlePage.js'
import { launchChromium } from './harness/launchChromium.js'
import { type ServedPage, servePage } from './harness/servePage.js'

let browser: Browser
let served: ServedPage
let context: BrowserContext

beforeAll(async () => {
  ;[browser, served] = await Promise.all([
    launchChromium(),
    bundlePage('storagePage.ts').then(servePage),
  ])
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})
beforeEach(async () => {
  context = await browser.newContext()
})
afterEach(async () => {
  await context.close()
})

async function openTab(): Promise<Page> {
  const page = await context.newPage()
  await page.goto(served.url)
  await page.waitForFunction(() => window.storageModule !== undefined)
  return page
}

/** Stores `count` events owned by `owner` in the IndexedDB namespace `namespace`, from `page`. */
function storeEvents(page: Page, namespace: string, owner: string, count: number) {
  return page.evaluate(
    async ({ namespace, owner, count }) => {
      const storage = new window.storageModule.IndexedDbStorage(namespace)
      const records = Array.from({ length: count }, (_, index) => ({
        key: `${owner}-${index}`,
        owner,
        order: index,
        event: {
          tenantId: 't',
          metric: 'api_calls',
          customerRef: 'cus_1',
          quantity: index + 1,
          ts: new Date().toISOString(),
          idempotencyKey: `${owner}-${index}`,
        },
      }))
      await storage.put(records)
      storage.close()
    },
    { namespace, owner, count },
  )
}

describe('IndexedDbStorage in Chromium', () => {
  it('keeps events across a reload and deletes by key', async () => {
    const page = await openTab()
    await storeEvents(page, 'ns', 'gone-tab', 3)
    await page.reload()
    await page.waitForFunction(() => window.storageModule !== undefined)
    const claimed = await page.evaluate(async () => {
      const storage = new window.storageModule.IndexedDbStorage('ns')
      await storage.delete(['gone-tab-1'])
      const owners = await storage.owners()
      const records = await storage.claim('me', new Set(['gone-tab']))
      return { owners, keys: records.map((record) => record.key), after: await storage.owners() }
    })
    expect(claimed).toEqual({
      owners: ['gone-tab'],
      keys: ['gone-tab-0', 'gone-tab-2'],
      after: ['me'],
    })
  })

  it('gives each record to exactly one of two tabs claiming at the same moment', async () => {
    const [first, second] = await Promise.all([openTab(), openTab()])
    await storeEvents(first, 'race', 'gone-tab', 500)
    const claimIn = (page: Page, owner: string) =>
      page.evaluate(async (owner) => {
        const storage = new window.storageModule.IndexedDbStorage('race')
        const records = await storage.claim(owner, new Set(['gone-tab']))
        return records.map((record) => record.key)
      }, owner)
    const [firstKeys, secondKeys] = await Promise.all([
      claimIn(first, 'one'),
      claimIn(second, 'two'),
    ])
    expect(firstKeys.length + secondKeys.length).toBe(500)
    expect(new Set([...firstKeys, ...secondKeys]).size).toBe(500)
  })

  it('keeps namespaces apart', async () => {
    const page = await openTab()
    await storeEvents(page, 'tenant-a', 'gone-tab', 2)
    const owners = await page.evaluate(() =>
      new window.storageModule.IndexedDbStorage('tenant-b').owners(),
    )
    expect(owners).toEqual([])
  })
})

describe('EventPersistence across tabs in Chromium (Web Locks)', () => {
  it('adopts a closed tab’s events, but never a live tab’s', async () => {
    const [writer, reader] = await Promise.all([openTab(), openTab()])
    await writer.evaluate(async () => {
      const { EventPersistence, IndexedDbStorage, WebLocksLiveness } = window.storageModule
      const persistence = new EventPersistence({
        storage: new IndexedDbStorage('tabs'),
        liveness: new WebLocksLiveness(),
        onError: (error) => console.error(error),
        onAdopted: () => {},
      })
      for (const key of ['a', 'b', 'c']) {
        persistence.record({
          tenantId: 't',
          metric: 'api_calls',
          customerRef: 'cus_1',
          quantity: 1,
          ts: new Date().toISOString(),
          idempotencyKey: key,
        })
      }
      await persistence.settled()
    })
    const adopt = () =>
      reader.evaluate(async () => {
        const { EventPersistence, IndexedDbStorage, WebLocksLiveness } = window.storageModule
        const adopted: (string | undefined)[] = []
        const persistence = new EventPersistence({
          storage: new IndexedDbStorage('tabs'),
          liveness: new WebLocksLiveness(),
          onError: (error) => console.error(error),
          onAdopted: (events) => adopted.push(...events.map((event) => event.idempotencyKey)),
        })
        await persistence.adoptOrphans()
        // Kept for the next evaluate: the watch may adopt after this one returned.
        ;(window as unknown as { adopted: typeof adopted }).adopted = adopted
        return [...adopted]
      })
    expect(await adopt()).toEqual([])
    await writer.close()
    // The reader watches the writer's lock and claims its events once the browser releases it.
    await reader.waitForFunction(
      () => (window as unknown as { adopted: string[] }).adopted.join() === 'a,b,c',
    )
  })
})

describe('SpillingStorage in Chromium', () => {
  const record = (key: string, order: number) => ({
    key,
    owner: 'leaving-tab',
    order,
    event: {
      tenantId: 't',
      metric: 'api_calls',
      customerRef: 'cus_1',
      quantity: 1,
      ts: '2026-11-26T12:00:00.000Z',
      idempotencyKey: key,
    },
  })

  it('keeps what putNow wrote as the page went, and the next page claims each event once', async () => {
    const page = await openTab()
    await page.evaluate(
      (records) => {
        const storage = window.storageModule.spillingStorage('spill')
        // The main write of 'both' may commit; the reload cuts 'spilled-only' off IndexedDB.
        void storage.put(records.slice(0, 1))
        storage.putNow(records)
      },
      [record('both', 1), record('spilled-only', 2)],
    )
    await page.reload()
    await page.waitForFunction(() => window.storageModule !== undefined)
    const after = await page.evaluate(async () => {
      const storage = window.storageModule.spillingStorage('spill')
      const owners = await storage.owners()
      const claimed = await storage.claim('me', new Set(['leaving-tab']))
      return { owners, keys: claimed.map((each) => each.key) }
    })
    expect(after).toEqual({ owners: ['leaving-tab'], keys: ['both', 'spilled-only'] })
  })

  it('drops the spilled copy once the main storage holds the event', async () => {
    const page = await openTab()
    const leftInSpill = await page.evaluate(
      async (records) => {
        const storage = window.storageModule.spillingStorage('spill2')
        storage.putNow(records)
        await storage.put(records)
        return Object.keys(localStorage).filter((key) => key.includes(encodeURIComponent('|spill')))
      },
      [record('a', 1), record('b', 2)],
    )
    expect(leftInSpill).toEqual([])
  })
})

describe('lease fallback where Web Locks are missing', () => {
  it('keeps a live lease holder’s events and frees them when its lease ends', async () => {
    const [writer, reader] = await Promise.all([openTab(), openTab()])
    const writerOwner = await writer.evaluate(async () => {
      const { EventPersistence, IndexedDbStorage, LeaseLiveness, LocalStorageLeases } =
        window.storageModule
      const persistence = new EventPersistence({
        storage: new IndexedDbStorage('lease'),
        liveness: new LeaseLiveness({ leases: new LocalStorageLeases() }),
        onError: (error) => console.error(error),
        onAdopted: () => {},
      })
      persistence.record({
        tenantId: 't',
        metric: 'api_calls',
        customerRef: 'cus_1',
        quantity: 1,
        ts: new Date().toISOString(),
        idempotencyKey: 'leased',
      })
      await persistence.settled()
      return persistence.ownerId
    })
    const adopt = (leaseMs: number, clockSkewMs: number) =>
      reader.evaluate(
        async ({ leaseMs, clockSkewMs }) => {
          const { EventPersistence, IndexedDbStorage, LeaseLiveness, LocalStorageLeases } =
            window.storageModule
          const adopted: (string | undefined)[] = []
          const persistence = new EventPersistence({
            storage: new IndexedDbStorage('lease'),
            liveness: new LeaseLiveness({
              leaseMs,
              leases: new LocalStorageLeases({ now: () => Date.now() + clockSkewMs }),
            }),
            onError: (error) => console.error(error),
            onAdopted: (events) => adopted.push(...events.map((event) => event.idempotencyKey)),
          })
          await persistence.adoptOrphans()
          return adopted
        },
        { leaseMs, clockSkewMs },
      )
    expect(await adopt(180_000, 0)).toEqual([])
    // Seen from past the end of the writer's lease (which renews every minute), it is gone.
    expect(await adopt(180_000, 181_000)).toEqual(['leased'])
    expect(writerOwner).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('LocalStorageStorage in Chromium', () => {
  it('round-trips, claims and drops damaged items', async () => {
    const page = await openTab()
    const result = await page.evaluate(async () => {
      const storage = new window.storageModule.LocalStorageStorage('ls')
      const event = {
        tenantId: 't',
        metric: 'api_calls',
        customerRef: 'cus_1',
        quantity: 1,
        ts: new Date().toISOString(),
      }
      await storage.put([
        { key: 'b', owner: 'gone', order: 2, event: { ...event, idempotencyKey: 'b' } },
        { key: 'a', owner: 'gone', order: 1, event: { ...event, idempotencyKey: 'a' } },
        { key: 'c', owner: 'live', order: 3, event: { ...event, idempotencyKey: 'c' } },
      ])
      localStorage.setItem('stripemeter:ls:broken', '{not json')
      await storage.delete(['c'])
      const claimed = await storage.claim('me', new Set(['gone']))
      return {
        keys: claimed.map((record) => record.key),
        owners: await storage.owners(),
        broken: localStorage.getItem('stripemeter:ls:broken'),
      }
    })
    expect(result).toEqual({ keys: ['a', 'b'], owners: ['me'], broken: null })
  })

  it('reports a real quota error as storage_error', async () => {
    const page = await openTab()
    const errors = await page.evaluate(async () => {
      const { EventPersistence, LocalStorageStorage } = window.storageModule
      const reported: { code: string; message: string }[] = []
      const persistence = new EventPersistence({
        storage: new LocalStorageStorage('quota'),
        onError: (error) => reported.push({ code: error.code, message: error.message }),
        onAdopted: () => {},
      })
      // ~4 KB each: 2000 of them are well past the origin's ~5 MB localStorage quota.
      const padding = 'x'.repeat(4000)
      for (let index = 0; index < 2000; index++) {
        persistence.record({
          tenantId: 't',
          metric: 'api_calls',
          customerRef: 'cus_1',
          quantity: 1,
          ts: new Date().toISOString(),
          idempotencyKey: `q${index}`,
          meta: { padding },
        })
      }
      await persistence.settled()
      return reported
    })
    expect(errors).toHaveLength(1)
    expect(errors[0]?.code).toBe('storage_error')
    expect(errors[0]?.message).toContain('QuotaExceededError')
  })
})

describe('storage selection in Chromium', () => {
  it("uses IndexedDB for 'auto' and namespaces by origin, API URL and tenant", async () => {
    const page = await openTab()
    const picked = await page.evaluate(async () => {
      const { resolveStorage, storageNamespace, SpillingStorage, IndexedDbStorage } =
        window.storageModule
      const storage = resolveStorage('auto', '/api/stripemeter/', 'tenant-1')
      const namespace = storageNamespace('/api/stripemeter/', 'tenant-1')
      await storage?.put([
        {
          key: 'k',
          owner: 'o',
          order: 1,
          event: {
            tenantId: 'tenant-1',
            metric: 'api_calls',
            customerRef: 'cus_1',
            quantity: 1,
            ts: new Date().toISOString(),
            idempotencyKey: 'k',
          },
        },
      ])
      return {
        spills: storage instanceof SpillingStorage,
        ownersInIndexedDb: await new IndexedDbStorage(namespace).owners(),
        off: resolveStorage(false, '/api/stripemeter', 'tenant-1') === undefined,
        namespace,
      }
    })
    const origin = served.url.replace(/\/$/, '')
    expect(picked).toEqual({
      spills: true,
      ownersInIndexedDb: ['o'],
      off: true,
      namespace: `${origin}|${origin}/api/stripemeter|tenant-1`,
    })
  })

  it('falls back to localStorage when IndexedDB will not open (private modes, locked-down profiles)', async () => {
    const page = await openTab()
    const stored = await page.evaluate(async () => {
      // What Firefox private windows used to do, and locked-down profiles still do.
      indexedDB.open = () => {
        throw new DOMException('A mutation operation was attempted', 'InvalidStateError')
      }
      const { resolveStorage } = window.storageModule
      const storage = resolveStorage('auto', '/api/stripemeter', 'tenant-2')
      await storage?.put([
        {
          key: 'k2',
          owner: 'o2',
          order: 1,
          event: {
            tenantId: 'tenant-2',
            metric: 'api_calls',
            customerRef: 'cus_1',
            quantity: 1,
            ts: new Date().toISOString(),
            idempotencyKey: 'k2',
          },
        },
      ])
      return Object.keys(localStorage).filter((key) => key.endsWith(':k2'))
    })
    expect(stored).toHaveLength(1)
    expect(decodeURIComponent(stored[0] ?? '')).toContain('/api/stripemeter|tenant-2')
  })
})
