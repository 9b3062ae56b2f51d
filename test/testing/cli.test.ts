import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseCliArguments } from '../../src/testing/runEmulatorCli.js'

/**
 * The CLI is run as users run it: built to JavaScript by tsup (into a temporary directory,
 * so a shared `dist/` is left alone) and spawned with this Node.
 */
let outDir: string
let cliPath: string
const children: ChildProcess[] = []

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'stripemeter-cli-'))
  await build({
    entry: { cli: 'src/testing/cli.ts' },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node22',
    config: false,
    dts: false,
    silent: true,
  })
  cliPath = join(outDir, 'cli.js')
}, 60_000)

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM')
  await rm(outDir, { recursive: true, force: true })
})

function runCli(args: string[]) {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  /** Resolves with stdout once it contains `text`. */
  const printed = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (stdout.includes(text)) resolve(stdout)
      }
      child.stdout?.on('data', check)
      child.on('exit', () => reject(new Error(`CLI exited before printing "${text}": ${stderr}`)))
      check()
    })
  return { child, printed, exited, output: () => ({ stdout, stderr }) }
}

describe('stripemeter-emulator CLI', () => {
  test('starts, prints the URL, tenant id and API key, and answers /health and usage/current', async () => {
    const cli = runCli(['--port', '0', '--seed', 'demo'])
    const stdout = await cli.printed('Press Ctrl+C')
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]
    const tenantId = /Tenant ID\s+(\S+)/.exec(stdout)?.[1]
    const apiKey = /API key\s+(\S+)/.exec(stdout)?.[1]
    expect(url).toBeDefined()
    expect(tenantId).toMatch(/^[0-9a-f-]{36}$/)
    expect(apiKey).toContain('.')

    const health = await fetch(`${url}/health`)
    expect(await health.json()).toMatchObject({ status: 'healthy' })
    const usage = await fetch(
      `${url}/v1/usage/current?tenantId=${tenantId}&customerRef=cus_near_limit`,
      { headers: { authorization: `Bearer ${apiKey}` } },
    )
    expect(usage.status).toBe(200)
    const body = await usage.json()
    expect(body.customerRef).toBe('cus_near_limit')
    expect(body.alerts).toHaveLength(1)

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  test('--no-auth serves without a key; --profile stripemeter answers like the real server', async () => {
    const cli = runCli(['--port', '0', '--no-auth', '--no-seed', '--profile', 'stripemeter'])
    const stdout = await cli.printed('Press Ctrl+C')
    const url = /listening on (\S+)/.exec(stdout)?.[1]
    const tenantId = /Tenant ID\s+(\S+)/.exec(stdout)?.[1]
    expect(stdout).toContain('not required')
    const health = await fetch(`${url}/health`)
    expect(await health.json()).toEqual({ status: 'ok', timestamp: expect.any(String) })
    const usage = await fetch(`${url}/v1/usage/current?tenantId=${tenantId}&customerRef=cus_steady`)
    expect((await usage.json()).metrics).toEqual([])
    cli.child.kill('SIGINT')
    expect(await cli.exited).toBe(0)
  })

  test('--help prints the usage and exits 0', async () => {
    const cli = runCli(['--help'])
    expect(await cli.exited).toBe(0)
    expect(cli.output().stdout).toContain('npx stripemeter-emulator --port 3000 --seed demo')
  })

  test('a bad option exits 2 naming the option and the value', async () => {
    const cli = runCli(['--port', 'eighty'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(
      '--port must be an integer from 0 to 65535, received "eighty"',
    )
  })
})

describe('parseCliArguments', () => {
  test('defaults to port 3000 on 127.0.0.1 with the demo seed and auth', () => {
    expect(parseCliArguments([])).toEqual({
      kind: 'start',
      options: { port: 3000, host: '127.0.0.1' },
    })
  })

  test('reads every option', () => {
    expect(
      parseCliArguments([
        '--port=4000',
        '--host',
        '0.0.0.0',
        '--seed',
        'stories',
        '--no-auth',
        '--currency',
        'eur',
        '--aggregation-delay',
        '1500',
        '--cache-ttl',
        '30000',
        '--profile',
        'stripemeter',
        '--cors-origin',
        'http://localhost:5173',
        '--cors-origin=http://localhost:6006',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        port: 4000,
        host: '0.0.0.0',
        seed: 'stories',
        auth: false,
        currency: 'EUR',
        aggregationDelayMs: 1500,
        cacheTtlMs: 30000,
        profile: 'stripemeter',
        corsOrigins: ['http://localhost:5173', 'http://localhost:6006'],
      },
    })
  })

  test('refuses unknown options and an unknown profile', () => {
    expect(() => parseCliArguments(['--verbose'])).toThrow(/verbose/)
    expect(() => parseCliArguments(['--profile', 'prod'])).toThrow(
      '--profile must be demo or stripemeter, received "prod"',
    )
  })
})
