// `npm run bench`: builds dist/ once, then runs every bench/*.bench.mjs in turn, each in its own
// process of this same Node (the project's Node 24 under npm) with --expose-gc, so one bench's
// heap and JIT state never colour another's figures.
//   npm run bench                 build, then every bench
//   npm run bench -- client      only benches whose file name contains "client"
//   npm run bench -- --no-build  reuse the current dist/
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const benchDir = fileURLToPath(new URL('.', import.meta.url))
const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const filters = args.filter((arg) => !arg.startsWith('--'))

if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (build.status !== 0) {
    console.error('bench: npm run build failed')
    process.exit(build.status ?? 1)
  }
}

const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()

let failed = 0
for (const file of files) {
  const run = spawnSync(process.execPath, ['--expose-gc', `bench/${file}`], {
    cwd: root,
    stdio: 'inherit',
  })
  if (run.status !== 0) {
    failed++
    console.error(`bench: ${file} exited with ${run.status ?? run.signal}`)
  }
  console.log()
}
process.exit(failed === 0 ? 0 : 1)
