import { build, type Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'

/**
 * The modules of a consumer's bundle, as esbuild splits it: those loaded with the entry (its file
 * and the chunks it imports statically) and those loaded on demand (reached by `import()`).
 */
async function bundleOf(entry: string): Promise<{ entry: string[]; lazy: string[] }> {
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    external: ['node:*'], // SqliteStorage's built-ins
    outdir: 'out', // not written
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const outputs = (result.metafile as Metafile).outputs
  const entryFile = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === '<stdin>')
  const atOnce = new Set<string>()
  const visit = (file: string) => {
    if (atOnce.has(file)) return
    atOnce.add(file)
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path)
    }
  }
  if (entryFile !== undefined) visit(entryFile)
  const modulesOf = (files: string[]) =>
    files.flatMap((file) =>
      Object.keys(outputs[file]?.inputs ?? {}).filter((path) => path.startsWith('src/')),
    )
  return {
    entry: modulesOf([...atOnce]),
    lazy: modulesOf(Object.keys(outputs).filter((file) => !atOnce.has(file))),
  }
}

describe('browser persistence, loaded on demand', () => {
  it("keeps the storages, the liveness and the takeover out of the core's entry", async () => {
    // From the client's module: the public index also re-exports IndexedDbStorage and
    // LocalStorageStorage, which esbuild keeps as a chunk import even when they go unused.
    const { entry, lazy } = await bundleOf(
      "export { createClient } from './src/core/StripeMeterClient.ts'",
    )
    // What the client needs at once: the queue's seam and the option check.
    expect(entry.filter((path) => path.includes('/persistence/')).sort()).toEqual([
      'src/core/persistence/PersistentEventQueue.ts',
      'src/core/persistence/storageOption.ts',
    ])
    expect(lazy).toEqual(
      expect.arrayContaining([
        'src/core/persistence/EventPersistence.ts',
        'src/core/persistence/OwnerTakeover.ts',
        'src/core/persistence/WebLocksLiveness.ts',
        'src/core/persistence/IndexedDbStorage.ts',
        'src/core/persistence/LocalStorageStorage.ts',
        'src/core/persistence/resolveStorage.ts',
      ]),
    )
  })

  it('is there at once with SqliteStorage, durable from the task that buffered an event', async () => {
    const { entry } = await bundleOf(
      "export { createClient } from './src/core/StripeMeterClient.ts'\nexport { SqliteStorage } from './src/node/index.ts'",
    )
    expect(entry).toContain('src/core/persistence/EventPersistence.ts')
    // …but not the browser's storages.
    expect(entry).not.toContain('src/core/persistence/IndexedDbStorage.ts')
  })
})
