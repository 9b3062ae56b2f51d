// Smoke test of an example, as a newcomer would use it: `npm run dev` (the app and the emulator,
// on free ports here), sign in as a demo customer in Chromium, see that customer's numbers on
// the dashboard (for Next.js: already in the server-rendered HTML), track one event and see it
// counted exactly once by the emulator; and `npm run dev` printed no Next.js warning ('⚠').
//
//   (cd examples/express && npm install) && npx node examples/smoke-test.mjs express
//
// Run from the repository with its node_modules (playwright-core); CI runs it for each example.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { findChromium } from '../scripts/find-chromium.mjs'

const example = process.argv[2] ?? 'express'
const folder = fileURLToPath(new URL(example, import.meta.url))
const customerRef = 'cus_steady'
const trackedQuantity = 1200 // what the example's "Summarise document" button tracks
/** The Next.js example prefetches on the server: its first HTML must already show the numbers. */
const serverRendersData = example === 'nextjs-app-router'

/** The demo tenant and key the example's .env.example holds for the emulator's demo data. */
const settings = Object.fromEntries(
  readFileSync(join(folder, '.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
)
const apiKey = settings.STRIPEMETER_API_KEY
const tenantId = settings.STRIPEMETER_TENANT_ID ?? settings.NEXT_PUBLIC_STRIPEMETER_TENANT_ID

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const [appPort, emulatorPort] = [await freePort(), await freePort()]
const appUrl = `http://localhost:${appPort}`
const apiUrl = `http://127.0.0.1:${emulatorPort}`
const dev = spawn('npm', ['run', 'dev'], {
  cwd: folder,
  // The shell's variables win over .env.example: free ports instead of 3000 and 3001.
  env: { ...process.env, PORT: String(appPort), STRIPEMETER_API_URL: apiUrl },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true, // its own process group: stopped together below
})
// Shown as it comes, and kept: a newcomer's `npm run dev` must not warn (a Next.js '⚠' line, such
// as "We detected multiple lockfiles" when the app's root is not set in next.config.ts).
let devOutput = ''
for (const [stream, sink] of [
  [dev.stdout, process.stdout],
  [dev.stderr, process.stderr],
]) {
  stream.on('data', (chunk) => {
    sink.write(chunk)
    devOutput += chunk
  })
}
const stopDev = () => {
  try {
    process.kill(-dev.pid, 'SIGTERM')
  } catch {}
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check().catch(() => undefined)
    if (value !== undefined && value !== false) return value
    if (dev.exitCode !== null) throw new Error(`npm run dev stopped before ${what}`)
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

async function currentUsage(metric) {
  const url = `${apiUrl}/v1/usage/current?tenantId=${tenantId}&customerRef=${customerRef}`
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } })
  if (!response.ok) throw new Error(`usage/current answered ${response.status}`)
  const { metrics } = await response.json()
  return metrics.find((entry) => entry.name === metric)
}

let browser
try {
  // A first `next dev` compiles on request: minutes on a busy machine.
  await waitFor('the app', async () => (await fetch(`${appUrl}/login`)).ok, 600_000)
  const apiCalls = await waitFor('the emulator', () => currentUsage('api_calls'), 60_000)
  const tokensBefore = (await currentUsage('ai_tokens')).current

  browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] })
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error))
  await page.goto(`${appUrl}/login`)
  await page.selectOption('select[name="customerRef"]', customerRef)
  await page.click('button[type="submit"]')

  // The customer's own numbers: the API-calls meter stands where the emulator says.
  const meterSelector = `[role="progressbar"][aria-valuenow="${apiCalls.current}"]`
  await page.locator(meterSelector).first().waitFor({ timeout: 600_000 }) // `next dev` compiles each page
  console.log(`smoke: ${customerRef} signed in, its meter shows ${apiCalls.current} API calls`)

  if (serverRendersData) {
    // The first paint: the HTML the server sends, before any script runs, already holds the
    // numbers (prefetched on the server and hydrated), not loading skeletons.
    const cookie = (await page.context().cookies(appUrl))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ')
    const html = await (await fetch(`${appUrl}/usage`, { headers: { cookie } })).text()
    const meters = html.match(/<[^>]*role="progressbar"[^>]*>/g) ?? []
    if (!meters.some((tag) => tag.includes(`aria-valuenow="${apiCalls.current}"`))) {
      throw new Error(
        `the server-rendered /usage page has no API-calls meter at ${apiCalls.current}: ${meters.length} meters (${meters.join(' ') || 'none'})`,
      )
    }
    console.log(`smoke: the server-rendered HTML already shows ${apiCalls.current} API calls`)
  }

  await page.getByRole('button', { name: 'Summarise document' }).click()
  await page.getByRole('status').filter({ hasText: 'All usage sent' }).waitFor({ timeout: 60_000 })
  const tokensAfter = await waitFor(
    'the tracked event in usage',
    async () => {
      const { current } = await currentUsage('ai_tokens')
      return current >= tokensBefore + trackedQuantity && current
    },
    30_000,
  )
  if (tokensAfter !== tokensBefore + trackedQuantity) {
    throw new Error(`ai_tokens went from ${tokensBefore} to ${tokensAfter}: not counted once`)
  }
  // Anywhere in the line: with CI set, Next.js colours its prefix.
  const warnings = devOutput.split('\n').filter((line) => line.includes('⚠'))
  if (warnings.length > 0) throw new Error(`npm run dev warned:\n${warnings.join('\n')}`)
  console.log(`smoke: ${example} passed — the tracked event was counted once, nothing warned`)
} catch (error) {
  console.error(`smoke: ${example} failed:`, error)
  process.exitCode = 1
} finally {
  await browser?.close()
  stopDev()
}
