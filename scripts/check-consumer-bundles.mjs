// Bundles a tiny consumer app that imports each entry of the built package, with esbuild and with
// Vite, as an app would, and fails on any warning: a bundler's warning in a user's build is ours.
//
//   npm run build && npx node scripts/check-consumer-bundles.mjs
//
// The consumer lives in a temporary folder whose node_modules/stripemeter links to this
// repository, so imports resolve through package.json's `exports` to dist/, like an installed copy.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build as esbuild } from 'esbuild'
import { createLogger, build as viteBuild } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
/** Entries a browser app imports, and those only a server or a test runs. */
const browserEntries = [
  'stripemeter',
  'stripemeter/react',
  'stripemeter/react/queries',
  'stripemeter/charts',
  'stripemeter/charts/lite',
]
const nodeEntries = [
  'stripemeter/server',
  'stripemeter/testing',
  'stripemeter/testing/msw',
  'stripemeter/node',
  'stripemeter/redis',
]

const app = mkdtempSync(join(tmpdir(), 'stripemeter-consumer-'))
mkdirSync(join(app, 'node_modules'))
symlinkSync(root, join(app, 'node_modules', 'stripemeter'), 'dir')

/** One consumer module per entry: everything it exports, used, so nothing is tree-shaken away. */
function consumerOf(entry) {
  const file = join(app, `${entry.replaceAll('/', '_')}.js`)
  writeFileSync(file, `import * as entry from '${entry}'\nconsole.log(Object.keys(entry))\n`)
  return file
}

const problems = []

for (const entry of [...browserEntries, ...nodeEntries]) {
  const platform = browserEntries.includes(entry) ? 'browser' : 'node'
  const result = await esbuild({
    entryPoints: [consumerOf(entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    // An app installs the peers it uses; msw and redis are the optional ones of these entries.
    external: ['msw', 'msw/*', 'redis'],
    write: false,
    outdir: join(app, 'out'),
    logLevel: 'silent',
  }).catch((error) => ({ errors: error.errors ?? [error], warnings: error.warnings ?? [] }))
  for (const message of [...(result.errors ?? []), ...result.warnings]) {
    problems.push(`esbuild (${platform}) ${entry}: ${message.text ?? message}`)
  }
}

const warnings = []
const logger = createLogger('warn')
logger.warn = (message) => warnings.push(message)
logger.warnOnce = (message) => warnings.push(message)
logger.error = (message) => warnings.push(message)
const index = join(app, 'index.html')
writeFileSync(
  index,
  `<!doctype html><script type="module">${browserEntries.map((entry, n) => `import * as e${n} from '${entry}';console.log(e${n})`).join(';')}</script>\n<link rel="stylesheet" href="/node_modules/stripemeter/dist/styles.css">\n`,
)
await viteBuild({
  root: app,
  configFile: false,
  // A React app's Vite config: the React plugin, as `npm create vite` sets it up.
  plugins: [react()],
  logLevel: 'warn',
  customLogger: logger,
  build: { write: false, rollupOptions: { input: index } },
}).catch((error) => warnings.push(String(error)))
for (const warning of warnings) problems.push(`vite: ${warning}`)

rmSync(app, { recursive: true, force: true })
if (problems.length > 0) {
  console.error(problems.join('\n'))
  console.error(`\n${problems.length} warnings bundling the package in a consumer app.`)
  process.exit(1)
}
console.log(
  `Consumer bundles: ${browserEntries.length + nodeEntries.length} entries with esbuild, ${browserEntries.length} with Vite, no warnings.`,
)
