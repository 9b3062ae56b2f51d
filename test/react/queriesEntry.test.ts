import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as reactEntry from '../../src/react/index.js'
import * as queriesEntry from '../../src/react/queries.js'

describe('stripemeter/react/queries', () => {
  it('is the same factories and keys as stripemeter/react, so both fill one cache', () => {
    expect(queriesEntry.stripeMeterQueries).toBe(reactEntry.stripeMeterQueries)
    expect(queriesEntry.stripeMeterKeys).toBe(reactEntry.stripeMeterKeys)
    expect(queriesEntry.periodHistoryRange).toBe(reactEntry.periodHistoryRange)
  })

  it('has no "use client", so a React Server Component can call it', () => {
    const source = readFileSync(join(process.cwd(), 'src/react/queries.ts'), 'utf8')
    expect(source).not.toMatch(/^\s*['"]use client['"]/m)
    // The build adds the directive to the client entries it lists; this entry is not one.
    const build = readFileSync(join(process.cwd(), 'tsup.config.ts'), 'utf8')
    const clientEntries = /const clientEntries = \[([^\]]*)\]/.exec(build)?.[1] ?? ''
    expect(clientEntries).toContain("'react/index'")
    expect(clientEntries).not.toContain('react/queries')
  })
})
