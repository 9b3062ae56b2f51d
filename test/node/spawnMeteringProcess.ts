import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** Bundles the fixture once for Node, the way an app's bundler would ship the library. */
export async function bundleMeteringProcess(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/meteringProcess.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'silent',
  })
  const file = join(mkdtempSync(join(tmpdir(), 'stripemeter-node-')), 'meteringProcess.mjs')
  writeFileSync(file, result.outputFiles[0]?.text ?? '')
  return file
}

export interface MeteringProcess {
  child: ChildProcess
  /** Every line it printed so far. */
  lines: string[]
  /** Resolves with the first line (printed from now on or before) that `matches`. */
  line(matches: (line: string) => boolean): Promise<string>
  /** Resolves once the process is gone (reaped: its pid is free). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export function spawnMeteringProcess(
  script: string,
  orders: Record<string, unknown>,
): MeteringProcess {
  const child = spawn(process.execPath, ['--no-warnings', script, JSON.stringify(orders)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  let waiting: { matches: (line: string) => boolean; resolve: (line: string) => void }[] = []
  let partial = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      waiting = waiting.filter((each) => {
        if (!each.matches(line)) return true
        each.resolve(line)
        return false
      })
    }
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return {
    child,
    lines,
    exited,
    line(matches) {
      const seen = lines.find(matches)
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve) => waiting.push({ matches, resolve }))
    },
  }
}
