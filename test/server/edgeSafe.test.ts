import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'

const serverDir = join(import.meta.dirname, '../../src/server')

it('stripemeter/server loads no Node built-in at run time, so it bundles for edge runtimes', () => {
  const runtimeNodeImport =
    /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s*['"]node:|import\(\s*['"]node:/m
  const files = readdirSync(serverDir).filter((name) => name.endsWith('.ts'))
  expect(files.length).toBeGreaterThan(5)
  const offenders = files.filter((name) =>
    runtimeNodeImport.test(readFileSync(join(serverDir, name), 'utf8')),
  )
  expect(offenders).toEqual([])
  // The Node adapter's one import of `node:http` is for types only, erased at build.
  expect(readFileSync(join(serverDir, 'toNodeHandler.ts'), 'utf8')).toMatch(
    /^import type \{ IncomingMessage, ServerResponse \} from 'node:http'$/m,
  )
})
