import { parseArgs } from 'node:util'
import type { EmulatorOptions } from './EmulatorOptions.js'
import { type RunningEmulator, startEmulator } from './startEmulator.js'

export const cliUsage = `Usage: stripemeter-emulator [options]

A local StripeMeter API for development and tests: the real server's routes,
validation and error bodies, with a month of demo usage. Data lives in memory.

Options:
  --profile <name>           demo: limits, alerts, prices, fresh reads (default)
                             stripemeter: the real server as it answers today
                             (no limits, zero prices, 30 s read cache, CORS off)
  --port <number>            TCP port; 0 picks a free one (default: 3000)
  --host <address>           Interface to listen on (default: 127.0.0.1)
  --seed <text>              Seed of the demo data and credentials (default: demo)
  --no-seed                  Start with no data
  --no-auth                  Accept requests without an API key
  --currency <code>          ISO 4217 currency of prices (default: USD)
  --aggregation-delay <ms>   Delay before events show in usage reads
                             (default: 0; 1000 with --profile stripemeter)
  --cache-ttl <ms>           Cache usage reads like the real server's 30 s
                             (default: 0; 30000 with --profile stripemeter)
  --cors-origin <origin>     Allow this browser origin (repeatable; default: any
                             origin with --profile demo, none with stripemeter)
  -h, --help                 Show this help

Example:
  npx stripemeter-emulator --port 3000 --seed demo
`

/** A mistake in the command line: the CLI prints it with a pointer to `--help` and exits 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError'
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'start'; options: EmulatorOptions & { port: number; host: string } }

/** Parses the command line; throws `CliUsageError` naming the bad option and value. */
export function parseCliArguments(argv: string[]): CliCommand {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
  const { values } = parsed
  if (values.help) return { kind: 'help' }
  const options: EmulatorOptions & { port: number; host: string } = {
    port: readInteger('--port', values.port ?? '3000', 0, 65_535),
    host: values.host ?? '127.0.0.1',
  }
  if (values.profile !== undefined) {
    if (values.profile !== 'demo' && values.profile !== 'stripemeter') {
      throw new CliUsageError(`--profile must be demo or stripemeter, received "${values.profile}"`)
    }
    options.profile = values.profile
  }
  if (values['cors-origin'] !== undefined) options.corsOrigins = values['cors-origin']
  if (values['no-seed']) options.seed = false
  else if (values.seed !== undefined) options.seed = values.seed
  if (values['no-auth']) options.auth = false
  if (values.currency !== undefined) options.currency = values.currency.toUpperCase()
  if (values['aggregation-delay'] !== undefined) {
    options.aggregationDelayMs = readInteger('--aggregation-delay', values['aggregation-delay'], 0)
  }
  if (values['cache-ttl'] !== undefined) {
    options.cacheTtlMs = readInteger('--cache-ttl', values['cache-ttl'], 0)
  }
  return { kind: 'start', options }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      profile: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'no-seed': { type: 'boolean' },
      'no-auth': { type: 'boolean' },
      currency: { type: 'string' },
      'aggregation-delay': { type: 'string' },
      'cache-ttl': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

function readInteger(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliUsageError(`${flag} must be an integer from ${min} to ${max}, received "${text}"`)
  }
  return value
}

/** What the CLI prints once listening: everything an app needs to point at the emulator. */
export function describeRunningEmulator(running: RunningEmulator, authRequired: boolean): string {
  const { emulator, url } = running
  const auth = authRequired ? `-H "Authorization: Bearer ${emulator.apiKey}" ` : ''
  return `StripeMeter emulator listening on ${url}

  API URL    ${url}
  Tenant ID  ${emulator.tenantId}
  API key    ${authRequired ? emulator.apiKey : '(not required: --no-auth)'}

Demo customers: ${Object.values(emulator.customers).join(', ')}
Try:
  curl ${auth}"${url}/v1/usage/current?tenantId=${emulator.tenantId}&customerRef=${emulator.customers.nearLimit}"

Press Ctrl+C to stop.
`
}

/** Runs the CLI: prints help, or starts the server and stops it on SIGINT/SIGTERM. */
export async function runEmulatorCli(argv: string[]): Promise<number> {
  let command: CliCommand
  try {
    command = parseCliArguments(argv)
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error
    process.stderr.write(`stripemeter-emulator: ${error.message}\nRun with --help for usage.\n`)
    return 2
  }
  if (command.kind === 'help') {
    process.stdout.write(cliUsage)
    return 0
  }
  let running: RunningEmulator
  try {
    running = await startEmulator(command.options)
  } catch (error) {
    process.stderr.write(`stripemeter-emulator: cannot start: ${(error as Error).message}\n`)
    return 1
  }
  process.stdout.write(describeRunningEmulator(running, command.options.auth !== false))
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await running.close()
  return 0
}
