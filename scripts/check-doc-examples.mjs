// Type-checks every ```ts and ```tsx block of README.md and docs/*.md against the current sources:
// `stripemeter/*` imports resolve to src/, so a renamed option or export fails here first.
//
//   npx node scripts/check-doc-examples.mjs
//
// Blocks are often excerpts that use a `client`, a `tenantId` or a `customerRef` made earlier on
// the page: those free names are declared once in doc-examples.d.ts below, with their real types.
// A block that is not meant to compile on its own (pseudo-code) opens with `// not type-checked`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const pages = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)]
  .filter((page) => page.endsWith('.md'))
  .sort()

/** The free names doc excerpts may use, typed from the library itself. */
const freeNames = `
import type { ProjectionResponse, StripeMeterClient, UsageHistoryResponse } from 'stripemeter'
import type { Budget, IdentifyCustomer } from 'stripemeter/server'
import type { StripeMeterEmulator } from 'stripemeter/testing'
import type { IncomingMessage, ServerResponse } from 'node:http'
declare global {
  const client: StripeMeterClient
  const emulator: StripeMeterEmulator
  const usage: UsageHistoryResponse['usage']
  const projection: ProjectionResponse
  const periodRange: { periodStart: string; periodEnd: string }
  const identify: IdentifyCustomer
  /** Components of the reader's own app. */
  function SearchButton(): JSX.Element
  function Upgrade(): JSX.Element
  function UsagePanel(props: { customerRef: string }): JSX.Element
  /** An Express app, without this repository depending on Express. */
  function express(): {
    use(path: string, handler: (req: IncomingMessage, res: ServerResponse) => unknown): void
  }
  const db: {
    budgetFor(customerRef: string): Promise<Budget | null>
    saveBudget(customerRef: string, budget: Budget | null): Promise<void>
  }
  const apiUrl: string
  const apiKey: string
  const tenantId: string
  const customerRef: string
  const periodStart: string
  const periodEnd: string
  function render(state: ReturnType<StripeMeterClient['getState']>): void
}
`

// Inside the repository, so 'react', 'recharts' and the rest resolve from its node_modules.
const folder = join(root, '.doc-examples')
rmSync(folder, { recursive: true, force: true })
mkdirSync(folder)
const origins = new Map()
let count = 0
for (const page of pages) {
  const lines = readFileSync(join(root, page), 'utf8').split('\n')
  for (let index = 0; index < lines.length; index++) {
    const language = /^```(tsx?)\s*$/.exec(lines[index] ?? '')?.[1]
    if (language === undefined) continue
    const start = index + 1
    let end = start
    while (end < lines.length && lines[end] !== '```') end++
    const code = lines.slice(start, end).join('\n')
    index = end
    if (code.startsWith('// not type-checked')) continue
    const file = `example-${++count}.${language}`
    // `export {}` makes every block a module, so blocks never share top-level names.
    writeFileSync(join(folder, file), `${code}\nexport {}\n`)
    origins.set(file, { page, line: start + 1 })
  }
}
writeFileSync(join(folder, 'doc-examples.d.ts'), `${freeNames}export {}\n`)
// Modules of the reader's own app that the examples import.
writeFileSync(
  join(folder, 'app-modules.d.ts'),
  `declare module '@/lib/session' {
  export function customerRefFromRequest(request: Request): Promise<string | null>
  export function currentCustomerRef(): Promise<string | null>
}
declare module '@/lib/stripeMeterServer' {
  export function serverStripeMeter(): import('stripemeter').StripeMeterClient
}
declare module '*.css' {}
`,
)

const sourcesOf = (entry) => [join(root, 'src', entry)]
const tsconfig = {
  extends: join(root, 'tsconfig.json'),
  compilerOptions: {
    // What a reader's project most likely has: \`strict\`, not this repository's stricter flags.
    exactOptionalPropertyTypes: false,
    noUncheckedIndexedAccess: false,
    paths: {
      stripemeter: sourcesOf('index.ts'),
      'stripemeter/react': sourcesOf('react/index.ts'),
      'stripemeter/react/queries': sourcesOf('react/queries.ts'),
      'stripemeter/charts': sourcesOf('charts/index.ts'),
      'stripemeter/charts/lite': sourcesOf('charts/lite.ts'),
      'stripemeter/testing': sourcesOf('testing/index.ts'),
      'stripemeter/testing/msw': sourcesOf('testing/msw.ts'),
      'stripemeter/server': sourcesOf('server/index.ts'),
      'stripemeter/node': sourcesOf('node/index.ts'),
      'stripemeter/redis': sourcesOf('redis/index.ts'),
    },
    typeRoots: [join(root, 'node_modules/@types')],
  },
  include: [join(folder, '*.ts'), join(folder, '*.tsx')],
}
writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))

const tsc = join(root, 'node_modules/typescript/bin/tsc')
const result = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', folder], {
  cwd: root,
  encoding: 'utf8',
})
// Point each error at the page and line it comes from.
const output = `${result.stdout}${result.stderr}`.replace(
  /(?:[^\s(]*\/)?(example-\d+\.tsx?)\((\d+),(\d+)\)/g,
  (match, file, line, column) => {
    const origin = origins.get(file)
    return origin ? `${origin.page}:${origin.line + Number(line) - 1}:${column}` : match
  },
)
rmSync(folder, { recursive: true, force: true })
if (result.status !== 0) {
  process.stderr.write(output)
  process.stderr.write(`\nDoc examples: the blocks above do not compile against src/.\n`)
  process.exit(1)
}
console.log(`Doc examples: ${count} blocks from ${pages.length} pages compile against src/.`)
