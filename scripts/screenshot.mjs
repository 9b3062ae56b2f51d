#!/usr/bin/env node
/**
 * Screenshots of the dashboard story, light and dark, into docs/images/ — taken from the static
 * Storybook build (`npm run build-storybook`) served from a sub-folder by a plain static file
 * server, which is also the proof that the build works away from the dev server (relative
 * assets, msw's worker registered relative to the page).
 *
 *   npx node scripts/screenshot.mjs [--story widgets-usagedashboard--default] [--out docs/images]
 */
import { createReadStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { findChromium } from './find-chromium.mjs'

const { values: options } = parseArgs({
  options: {
    story: { type: 'string', default: 'widgets-usagedashboard--default' },
    name: { type: 'string', default: 'dashboard' },
    out: { type: 'string', default: 'docs/images' },
    width: { type: 'string', default: '1280' },
    static: { type: 'string', default: 'storybook-static' },
  },
})

/** Served below a prefix, as on a project site: any absolute asset path would break here. */
const prefix = '/stripemeter/storybook/'
const staticRoot = resolve(options.static)
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost')
  if (!pathname.startsWith(prefix)) return void response.writeHead(404).end()
  const relativePath = decodeURIComponent(pathname.slice(prefix.length)) || 'index.html'
  const file = join(staticRoot, normalize(relativePath))
  if (!file.startsWith(staticRoot)) return void response.writeHead(403).end()
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) return void response.writeHead(404).end()
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
  })
  createReadStream(file).pipe(response)
})
await new Promise((listening) => server.listen(0, '127.0.0.1', listening))
const { port } = server.address()
const baseUrl = `http://127.0.0.1:${port}${prefix}`

const browser = await chromium.launch({
  executablePath: findChromium() ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  await mkdir(options.out, { recursive: true })
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({
      viewport: { width: Number(options.width), height: 800 },
      colorScheme: theme,
    })
    const problems = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`)
    })
    const url = `${baseUrl}iframe.html?id=${options.story}&viewMode=story&globals=theme:${theme}`
    await page.goto(url, { waitUntil: 'networkidle' })
    // Rendered once every widget has left its loading state and the charts have drawn.
    await page.waitForSelector('.sm-widget', { timeout: 30_000 })
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
      timeout: 30_000,
    })
    await page.waitForTimeout(1_000) // recharts animates its first draw
    const file = join(options.out, `${options.name}-${theme}.png`)
    // The story's canvas, not the page: no empty margin below the dashboard.
    await page.locator('.sm-story-canvas').screenshot({ path: file })
    // The data must have come through msw's Service Worker, registered relative to the page.
    const workerUrl = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)
    if (workerUrl !== `${baseUrl}mockServiceWorker.js`) {
      problems.push(`the page is not controlled by ${baseUrl}mockServiceWorker.js (${workerUrl})`)
    }
    const errorCount = await page.locator('.sm-error').count()
    console.log(`${file}  ${url}`)
    if (errorCount > 0) problems.push(`${errorCount} widget(s) show their error state`)
    if (problems.length > 0) {
      console.error(`Problems on the ${theme} page:\n  ${problems.join('\n  ')}`)
      process.exitCode = 1
    }
    await page.close()
  }
} finally {
  await browser.close()
  server.close()
}
