import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { StorybookConfig } from '@storybook/react-vite'
import type { Plugin } from 'vite'

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  // No telemetry: the stories and their tests run offline, in CI too.
  core: { disableTelemetry: true },
  // This Storybook is the library's showcase: Storybook's own onboarding would only be noise.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), mswWorkerPlugin()]
    return viteConfig
  },
}

export default config

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
