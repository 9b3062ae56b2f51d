import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * Bundles a worker from this folder the way wrangler or Vercel would: the library's source and
 * ky in one script, browser/worker conditions, no Node built-ins. `esm` for workerd's module
 * workers, `iife` for the edge runtime's classic scripts.
 */
export async function bundleWorker(entryFile: string, format: 'esm' | 'iife'): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entryFile, import.meta.url))],
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    conditions: ['workerd', 'worker', 'edge-light', 'browser'],
    target: 'es2022',
    logLevel: 'silent',
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error(`esbuild produced nothing for ${entryFile}`)
  return output.text
}
