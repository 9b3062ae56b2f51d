import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises'
import { defineConfig, type Options } from 'tsup'

/** One build for every entry, so they all share one core chunk (one StripeMeterError class, one context). */
const entries = {
  index: 'src/index.ts',
  'react/index': 'src/react/index.ts',
  // No "use client": a React Server Component prefetches with these.
  'react/queries': 'src/react/queries.ts',
  'charts/index': 'src/charts/index.ts',
  'charts/lite': 'src/charts/lite.ts',
  'testing/index': 'src/testing/index.ts',
  'testing/msw': 'src/testing/msw.ts',
  'testing/cli': 'src/testing/cli.ts',
  'server/index': 'src/server/index.ts',
  'redis/index': 'src/redis/index.ts',
  'node/index': 'src/node/index.ts',
}

/** esbuild drops module-level directives when it bundles, so the React entries get theirs back here. */
const clientEntries = ['react/index', 'charts/index', 'charts/lite']

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  external: ['react', 'react-dom', '@tanstack/react-query', 'recharts', 'msw', 'ky', 'redis'],
  // `node:sqlite` exists only with its prefix (there is no bare `sqlite` built-in).
  removeNodeProtocol: false,
  plugins: [keepUseClientFromTreeShaking()],
  async onSuccess() {
    await copyFile('src/charts/styles.css', 'dist/styles.css')
    await dropBareChunkImports()
    for (const entry of clientEntries) {
      for (const extension of ['js', 'cjs']) {
        const file = `dist/${entry}.${extension}`
        const code = await readFile(file, 'utf8').catch(() => undefined)
        if (code !== undefined && !code.startsWith('"use client"')) {
          await writeFile(file, `"use client";\n${code}`)
        }
      }
    }
  },
})

/**
 * tsup's tree-shaking pass (rollup) drops a module-level "use client" and warns that it did, once
 * per client entry and format. The directive is blanked before that pass — to spaces of the same
 * length, so source maps stay true — and `onSuccess` puts it back on the client entries.
 */
function keepUseClientFromTreeShaking(): NonNullable<Options['plugins']>[number] {
  const directive = /^(['"])use client\1;?/
  return {
    name: 'stripemeter:keep-use-client-from-tree-shaking',
    renderChunk(code, chunk) {
      const match = directive.exec(code)
      if (match === null) return undefined
      return {
        code: ' '.repeat(match[0].length) + code.slice(match[0].length),
        map: chunk.map ?? null,
      }
    },
  }
}

/**
 * esbuild links a chunk to the chunks its modules imported with a bare `import './chunk-….js'`
 * (`require(…)` in CJS) even where it uses none of their bindings, for evaluation order. Our
 * chunks have no side effects (package.json says so), so an app's esbuild drops those imports and
 * warns "Ignoring this import because … was marked as having no side effects", once per import.
 * They are blanked here instead (the line stays, for the source maps). Safe while no module has a top-level side effect a chunk needs first:
 * `scripts/check-consumer-bundles.mjs` and the examples' smoke tests run the built package.
 */
async function dropBareChunkImports(): Promise<void> {
  const bareImport =
    /^(?:import '\.{1,2}\/chunk-[\w-]+\.js';|require\('\.{1,2}\/chunk-[\w-]+\.cjs'\);)\n/gm
  const files = await readdir('dist', { recursive: true })
  for (const file of files) {
    if (!/\.c?js$/.test(file)) continue
    const path = `dist/${file}`
    const code = await readFile(path, 'utf8')
    // An empty line in its place: the source map's lines stay true.
    const stripped = code.replace(bareImport, '\n')
    if (stripped !== code) await writeFile(path, stripped)
  }
}
