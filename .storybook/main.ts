import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { StorybookConfig } from '@storybook/react-vite'
import type { Plugin } from 'vite'

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  // ./guides: the pages of docs/ and the README, rendered from their Markdown (see guides.ts).
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx', './guides/*.mdx'],
  // The guides' images, at the path their Markdown names them relative to the page.
  staticDirs: [{ from: '../docs/images', to: '/docs/images' }],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  // No telemetry: the stories and their tests run offline, in CI too.
  core: { disableTelemetry: true },
  // This Storybook is the library's showcase: Storybook's own onboarding would only be noise.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  async viteFinal(viteConfig, { configType }) {
    const { mergeConfig } = await import('vite')
    viteConfig.plugins = [...(viteConfig.plugins ?? []), mswWorkerPlugin()]
    if (configType !== 'PRODUCTION') return viteConfig
    return mergeConfig(viteConfig, {
      plugins: [chunkBudgetPlugin()],
      build: {
        // Vite's one limit for every chunk; chunkBudgetPlugin holds every chunk to 500 kB but the
        // two that are a single module no chunking can split.
        chunkSizeWarningLimit: Math.max(...Object.values(chunkBudgetsKb)),
        rolldownOptions: {
          checks: {
            // Rolldown's report of which plugins took the build's time: a profile, not a problem
            // with the output, and on a shared CI machine it comes and goes with the load.
            bundlerTimings: false,
          },
          onLog(level, log, defaultHandler) {
            // Storybook renders every story in the browser: there are no React Server Components
            // here, so "use client" (src/react, src/charts, @tanstack/react-query) marks nothing
            // and dropping it from the bundle is right. Any other directive still warns.
            if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use client"'))
              return
            defaultHandler(level, log)
          },
          output: {
            codeSplitting: {
              groups: [
                // Storybook's preview runtime is one prebuilt 1.6 MB module without imports: alone
                // in its chunk, so the entry chunk keeps only what the stories share.
                {
                  name: 'storybook-preview-runtime',
                  test: /\/storybook\/dist\/preview\/runtime\.js$/,
                },
                { name: 'axe-core', test: /\/node_modules\/axe-core\// },
                { name: 'storybook-react', test: /\/node_modules\/@storybook\/react\// },
                {
                  name: 'msw',
                  test: /\/node_modules\/(msw|@mswjs|@msw|tough-cookie|tldts|tldts-core|rettime)\//,
                },
                // Storybook's UI components and what they import: split at 400 kB of source.
                {
                  name: 'storybook-components',
                  test: /\/storybook\/dist\/components\//,
                  maxSize: 400_000,
                },
              ],
            },
          },
        },
      },
    })
  },
}

export default config

/**
 * Minified size budgets (kB of 1,000 bytes, as Vite reports them) of the chunks allowed over 500 kB:
 * each is a single module of a dependency, which no chunking can split (axe-core is the checker
 * of the accessibility addon).
 */
const chunkBudgetsKb: Record<string, number> = {
  'storybook-preview-runtime': 900,
  'axe-core': 720,
}
const defaultChunkBudgetKb = 500

/** Warns (and so fails CI's quiet build) for any chunk over its budget. */
function chunkBudgetPlugin(): Plugin {
  return {
    name: 'stripemeter:chunk-budget',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue
        const sizeKb = Buffer.byteLength(chunk.code) / 1000
        const budgetKb = chunkBudgetsKb[chunk.name] ?? defaultChunkBudgetKb
        if (sizeKb > budgetKb) {
          this.warn(`${chunk.fileName} is ${sizeKb.toFixed(2)} kB, over its ${budgetKb} kB budget`)
        }
      }
    },
  }
}

const workerFileName = 'mockServiceWorker.js'

/**
 * Serves msw's worker script in `storybook dev` and in the story tests, and writes it next to
 * `iframe.html` in `storybook build`. Taken from the installed msw, so the script always matches
 * the library version (msw warns on a mismatch) and nothing generated is committed.
 *
 * Any path ending in `/mockServiceWorker.js` is answered: the preview registers the worker
 * relative to its own page, which is `/` in Storybook, a sub-folder when the static build is
 * served from one, and vitest's tester path in browser-mode tests.
 */
function mswWorkerPlugin(): Plugin {
  const workerScript = readFileSync(
    createRequire(import.meta.url).resolve(`msw/${workerFileName}`),
    'utf8',
  )
  return {
    name: 'stripemeter:msw-worker',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const pathname = new URL(request.url ?? '/', 'http://localhost').pathname
        if (!pathname.endsWith(`/${workerFileName}`)) return next()
        response.writeHead(200, {
          'cache-control': 'no-cache',
          'content-type': 'application/javascript; charset=utf-8',
          'service-worker-allowed': '/',
        })
        response.end(workerScript)
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: workerFileName, source: workerScript })
    },
  }
}
