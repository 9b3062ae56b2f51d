// `prestart` / `pretest`: makes `npm start` and `npm test` work on a bare clone.
//
// npm runs this before the script, with node_modules/.bin first on the PATH — but on a clone
// without node_modules that `node` is the system one, so this file needs Node >= 18 and its
// built-ins only. When nothing is missing it costs a few file checks.
//
//   node scripts/ensure-setup.mjs            install the dependencies if needed
//   node scripts/ensure-setup.mjs --browser  also make sure Chromium is there for the tests
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findChromium } from './find-chromium.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const lockfile = join(root, 'package-lock.json')
// npm's record of what it installed, rewritten by every install.
const installedLockfile = join(root, 'node_modules', '.package-lock.json')

/** One line on stderr, then stop before anything else runs. */
function stop(message) {
  process.stderr.write(`stripemeter: ${message}\n`)
  process.exit(1)
}

function say(message) {
  process.stderr.write(`stripemeter: ${message}\n`)
}

function installIsCurrent() {
  if (!existsSync(installedLockfile)) return false
  if (statSync(installedLockfile).mtimeMs >= statSync(lockfile).mtimeMs) return true
  // The lockfile is newer (a checkout, or npm writing it after its record): is every package it
  // asks for installed at its version? Extra packages do no harm.
  const wanted = JSON.parse(readFileSync(lockfile, 'utf8')).packages ?? {}
  const installed = JSON.parse(readFileSync(installedLockfile, 'utf8')).packages ?? {}
  for (const [path, entry] of Object.entries(wanted)) {
    if (path === '') continue
    // Optional packages for other platforms (esbuild's binaries…) are never installed.
    if (installed[path] === undefined && entry.optional) continue
    if (installed[path]?.version !== entry.version) return false
  }
  return true
}

function install() {
  say('installing the dependencies first (npm ci); this takes a few minutes once')
  // The npm that runs this script, under the Node that runs npm: node_modules/.bin/node may be
  // the one npm ci is about to replace. npm's engine warnings are about that system Node, not
  // the Node 24 devDependency the tools run on, so only errors are shown.
  const npm = process.env.npm_execpath
  const [command, args] = npm
    ? [process.env.npm_node_execpath ?? process.execPath, [npm]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []]
  const result = spawnSync(
    command,
    [...args, 'ci', '--no-audit', '--no-fund', '--loglevel=error'],
    {
      cwd: root,
      stdio: 'inherit',
      shell: !npm && process.platform === 'win32',
    },
  )
  if (result.status !== 0) stop('npm ci failed (see above); fix that, then run the command again')
}

function canInstallWithApt() {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
  )
}

function ensureChromium() {
  const found = findChromium()
  if (found !== undefined) {
    if (!existsSync(found)) stop(`CHROMIUM_PATH=${found} does not exist; point it at Chromium`)
    return
  }
  const installCommand = 'apt-get install -y chromium'
  if (!canInstallWithApt()) {
    stop(
      `the browser tests need Chromium: run \`sudo ${installCommand}\` (Debian, Ubuntu) or set CHROMIUM_PATH=/path/to/chromium`,
    )
  }
  say(`installing Chromium for the browser tests (${installCommand})`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const apt = (...args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0
  if (!(apt('update', '-qq') && apt('install', '-y', '-qq', 'chromium')) || !findChromium()) {
    stop(`could not install Chromium: run \`${installCommand}\` or set CHROMIUM_PATH`)
  }
}

const nodeMajor = Number(process.versions.node.split('.')[0])
if (nodeMajor < 18) stop(`Node >= 18 is needed to set up (this is ${process.version})`)
// The browser first: when it cannot be had, say so at once rather than after an install.
if (process.argv.includes('--browser')) ensureChromium()
if (!installIsCurrent()) install()
