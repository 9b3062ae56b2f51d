import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { findChromium } from './scripts/find-chromium.mjs'

/** The system's Chromium (`CHROMIUM_PATH`, else Debian's): no browser download is needed. */
export const chromium = playwright({
  launchOptions: {
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  },
})

const browserDependencies = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  '@tanstack/react-query',
  'recharts',
  'axe-core',
  'msw',
  '@testing-library/react',
  '@testing-library/user-event',
]

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/testing/**/*.test.ts',
            'test/server/**/*.test.ts',
            'test/redis/**/*.test.ts',
            'test/node/**/*.test.ts',
            // Pure functions of the charts: no DOM, so no browser to start for them.
            'test/charts/**/*.test.ts',
          ],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'] },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          setupFiles: ['./test/react/setup.ts'],
          // One jsdom for all the files, not one each: creating it took 38 % of the project's
          // time. Each test renders its own provider and client; the setup file unmounts them.
          isolate: false,
        },
      },
      {
        plugins: [react()],
        // Pre-bundled up front: discovered mid-run on a cold cache, they make Vite reload the page
        // and a second copy of React fails with "reading 'useContext'".
        optimizeDeps: { include: browserDependencies },
        test: {
          name: 'browser',
          include: ['test/charts/**/*.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Every story of .storybook/main.ts as a test in Chromium: render, play function, a11y.
        plugins: [
          storybookTest({ configDir: fileURLToPath(new URL('.storybook', import.meta.url)) }),
        ],
        test: {
          name: 'storybook',
          // The Live stories run real delivery cycles against the emulator: about 10 s quiet,
          // over 30 s when the two cores are shared with the rest of the suite.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The layout assertion after every story: 320/768/1280 px, light and dark.
          setupFiles: ['./.storybook/layoutCheck.setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // The core in real edge runtimes: workerd through Miniflare, and Vercel's edge-runtime.
        test: {
          name: 'edge',
          environment: 'node',
          include: ['test/edge/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
