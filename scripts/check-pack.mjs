// The published tarball holds dist/, the README, LICENSE, CHANGELOG and package.json, and nothing
// else: no sources, tests, stories or local files. Reads `npm pack --dry-run --json` on stdin.
//
//   npm pack --dry-run --json --ignore-scripts | npx node scripts/check-pack.mjs
import { readFileSync } from 'node:fs'

const allowedFiles = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'])
const [pack] = JSON.parse(readFileSync(0, 'utf8'))
const paths = pack.files.map((file) => file.path)
const unexpected = paths.filter((path) => !path.startsWith('dist/') && !allowedFiles.has(path))
const missing = [...allowedFiles].filter((path) => !paths.includes(path))
if (!paths.some((path) => path.startsWith('dist/'))) missing.push('dist/')
if (unexpected.length > 0 || missing.length > 0) {
  if (unexpected.length > 0) console.error(`Not meant for the package: ${unexpected.join(', ')}`)
  if (missing.length > 0) console.error(`Missing from the package: ${missing.join(', ')}`)
  process.exit(1)
}
console.log(
  `Package contents: ${paths.length} files, only dist/ and ${[...allowedFiles].join(', ')}.`,
)
