import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

// Any import of React from the core now fails loudly (the zustand trick).
vi.mock('react', () => {
  throw new Error('src/core imported react')
})
vi.mock('react-dom', () => {
  throw new Error('src/core imported react-dom')
})

const coreDir = join(import.meta.dirname, '../../src/core')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

describe('src/core is framework-free', () => {
  it('the core entry imports and runs with react mocked to throw', async () => {
    const core = await import('../../src/index.js')
    const client = core.createClient({
      apiUrl: 'http://127.0.0.1:9',
      tenantId: 't',
      flushInterval: 0,
    })
    expect(client.buffer({ metric: 'm', customerRef: 'c', quantity: 1 }).tenantId).toBe('t')
    expect(client.getState().pending).toBe(1)
  })

  it('no file under src/core imports react or a Node built-in (it must run in browsers and edge runtimes)', () => {
    const offenders = sourceFiles(coreDir).filter((file) =>
      /(?:from|import)\s*\(?\s*['"](?:react(?:-dom)?(?:\/[^'"]*)?|node:[^'"]+)['"]/.test(
        readFileSync(file, 'utf8'),
      ),
    )
    expect(offenders).toEqual([])
  })
})
