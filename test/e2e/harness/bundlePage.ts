import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/**
 * Bundles a page script from `test/e2e/pages` for the browser, the way an app's bundler would
 * bundle the library: ES modules, browser platform, no Node built-ins.
 */
export async function bundlePage(pageFile: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../pages/${pageFile}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error(`esbuild produced nothing for ${pageFile}`)
  return output.text
}
