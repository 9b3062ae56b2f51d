// `prepare`: builds dist/ when an example installs this package straight from the repository.
//
// The examples depend on `"stripemeter": "file:../.."` with `install-links=true` in their .npmrc,
// so npm packs this folder like a published tarball — and runs this script first, here, on a
// clone where nothing may be installed yet. npm also runs `prepare` after this repository's own
// `npm install` / `npm ci`; then there is nothing to do (`npm run build` and `npm pack` build).
// Runs under whatever Node runs npm: Node >= 18, built-ins only.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
if (resolve(process.env.INIT_CWD ?? root) === root) process.exit(0)

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function newestChange(path) {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))))
}

const builtEntry = join(root, 'dist', 'index.js')
const builtAt = existsSync(builtEntry) ? statSync(builtEntry).mtimeMs : 0
const sources = ['src', 'tsup.config.ts', 'package.json'].map((name) => join(root, name))
if (builtAt > Math.max(...sources.map(newestChange))) process.exit(0)

// The repository's own dependencies first (the build tools run on its Node 24 devDependency).
run(process.execPath, [join(root, 'scripts', 'ensure-setup.mjs')])
process.stderr.write('stripemeter: building the package from the repository (npm run build)\n')
const npm = process.env.npm_execpath
if (npm) run(process.env.npm_node_execpath ?? process.execPath, [npm, 'run', 'build', '--silent'])
else run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'])
