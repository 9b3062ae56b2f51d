import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const srcDir = join(import.meta.dirname, '../../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  )
}

/** Relative imports of `file` (static, type-only and dynamic alike), resolved to source files. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8')
  const specifiers = [...code.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)]
  return specifiers.flatMap(([, specifier]) => {
    const target = resolve(dirname(file), specifier as string).replace(/\.js$/, '')
    const found = ['.ts', '.tsx', '/index.ts'].map((ending) => target + ending).find(existsSync)
    return found === undefined ? [] : [found]
  })
}

/** Every cycle found by a depth-first walk, each as the chain of files that closes it. */
function findCycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]))
  const cycles: string[][] = []
  const done = new Set<string>()
  const path: string[] = []
  const visit = (file: string) => {
    const open = path.indexOf(file)
    if (open >= 0) {
      cycles.push([...path.slice(open), file].map((each) => relative(srcDir, each)))
      return
    }
    if (done.has(file)) return
    path.push(file)
    for (const imported of graph.get(file) ?? []) visit(imported)
    path.pop()
    done.add(file)
  }
  for (const file of files) visit(file)
  return cycles
}

describe('module graph', () => {
  it('has no import cycle anywhere under src (type-only imports included)', () => {
    expect(findCycles(sourceFiles(srcDir))).toEqual([])
  })
})
