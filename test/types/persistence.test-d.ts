import { describe, expectTypeOf, it } from 'vitest'
import {
  createClient,
  type EventStorage,
  IndexedDbStorage,
  type LocalStorageStorage,
  MemoryStorage,
  type StorageOption,
  type StoredEvent,
  type StripeMeterClientOptions,
  type StripeMeterErrorCode,
  storageNamespace,
} from '../../src/index.js'

describe('the persistence API', () => {
  it('takes auto, false or an EventStorage as the storage option', () => {
    expectTypeOf<StripeMeterClientOptions['storage']>().toEqualTypeOf<StorageOption | undefined>()
    expectTypeOf<StorageOption>().toEqualTypeOf<'auto' | false | EventStorage>()
    createClient({ apiUrl: '/api/stripemeter', tenantId: 't', storage: 'auto' })
    createClient({ apiUrl: '/api/stripemeter', tenantId: 't', storage: false })
    createClient({ apiUrl: '/api/stripemeter', tenantId: 't', storage: new MemoryStorage() })
    // @ts-expect-error true is not a storage
    createClient({ apiUrl: '/api/stripemeter', tenantId: 't', storage: true })
    // @ts-expect-error a name is not a storage
    createClient({ apiUrl: '/api/stripemeter', tenantId: 't', storage: 'indexeddb' })
  })

  it('ships three storages that all implement EventStorage', () => {
    expectTypeOf<MemoryStorage>().toExtend<EventStorage>()
    expectTypeOf<IndexedDbStorage>().toExtend<EventStorage>()
    expectTypeOf<LocalStorageStorage>().toExtend<EventStorage>()
    expectTypeOf(IndexedDbStorage).constructorParameters.toEqualTypeOf<[namespace: string]>()
    expectTypeOf(storageNamespace).toEqualTypeOf<(apiUrl: string, tenantId: string) => string>()
  })

  it('lets anyone write an EventStorage from the documented record shape', () => {
    expectTypeOf<EventStorage['claim']>().returns.toEqualTypeOf<Promise<StoredEvent[]>>()
    expectTypeOf<StoredEvent>().toHaveProperty('key').toEqualTypeOf<string>()
    expectTypeOf<StoredEvent>().toHaveProperty('owner').toEqualTypeOf<string>()
    expectTypeOf<StoredEvent>().toHaveProperty('order').toEqualTypeOf<number>()
  })

  it('reports storage failures under their own code', () => {
    expectTypeOf<'storage_error'>().toExtend<StripeMeterErrorCode>()
  })
})
