import { type ChildProcess, fork } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { IngestEvent } from '../../src/core/types.js'
import { createEmulator, type StripeMeterEmulator } from '../../src/testing/StripeMeterEmulator.js'
import type { FleetWorkerConfig, FleetWorkerMessage } from './fleetWorker.js'

/** One ingest request as the emulator saw it: who sent which keys, and when it was open. */
export interface IngestRecord {
  instance: string
  keys: string[]
  startedAt: number
  endedAt: number | undefined
}

export interface RecordingEmulator {
  url: string
  emulator: StripeMeterEmulator
  ingests: IngestRecord[]
  /** Ingest requests of `instance` not yet answered. */
  openRequests(instance: string): number
  close(): Promise<void>
}

/**
 * The emulator behind a Node server that notes, for every ingest request, the sending instance
 * (the `x-fleet-instance` header) and the idempotency keys, with the times the request was open.
 */
export async function startRecordingEmulator(): Promise<RecordingEmulator> {
  const emulator = createEmulator({ seed: false })
  const ingests: IngestRecord[] = []
  const server = createServer(async (incoming, outgoing) => {
    const startedAt = performance.now()
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const path = incoming.url ?? '/'
    let record: IngestRecord | undefined
    if (path.startsWith('/v1/events/ingest')) {
      const { events } = JSON.parse(body.toString()) as { events: IngestEvent[] }
      record = {
        instance: String(incoming.headers['x-fleet-instance']),
        keys: events.map((event) => event.idempotencyKey as string),
        startedAt,
        endedAt: undefined,
      }
      ingests.push(record)
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers.set(name, String(value))
    }
    const method = incoming.method ?? 'GET'
    const response = await emulator.handle(
      new Request(`http://emulator${path}`, {
        method,
        headers,
        ...(method === 'GET' ? {} : { body }),
      }),
    )
    outgoing.writeHead(response.status, Object.fromEntries(response.headers))
    // Closes when the answer is sent, or when the socket dies (a killed sender).
    outgoing.once('close', () => {
      if (record) record.endedAt = performance.now()
    })
    outgoing.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    ingests,
    openRequests: (instance) =>
      ingests.filter((ingest) => ingest.instance === instance && ingest.endedAt === undefined)
        .length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface FleetWorker {
  instance: string
  child: ChildProcess
  buffered: Set<string>
  /** Keys Redis confirmed stored: promised to survive a SIGKILL. */
  stored: Set<string>
  /** Keys this instance claimed from a dead one. */
  claimed: Set<string>
  doneBuffering(): boolean
  /** Closes the client (delivering what is left) and waits for the process to exit. */
  close(): Promise<void>
}

/** Bundles `fleetWorker.ts` with the library's source and node-redis into one script. */
export async function bundleFleetWorker(): Promise<{ file: string; remove(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'stripemeter-fleet-'))
  const result = await build({
    entryPoints: [fileURLToPath(new URL('fleetWorker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'silent',
    // node-redis is CommonJS in places: give its require() calls a real require.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  })
  const file = join(directory, 'fleetWorker.mjs')
  await writeFile(file, result.outputFiles[0]?.text ?? '')
  return { file, remove: () => rm(directory, { recursive: true, force: true }) }
}

export function spawnFleetWorker(file: string, config: FleetWorkerConfig): FleetWorker {
  const child = fork(file, [], {
    env: { ...process.env, FLEET_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const worker: FleetWorker = {
    instance: config.instance,
    child,
    buffered: new Set(),
    stored: new Set(),
    claimed: new Set(),
    doneBuffering: () => worker.buffered.size >= config.events,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.send('close')
      await exited
    },
  }
  child.on('message', (message: FleetWorkerMessage) => {
    if (message.type === 'buffered') for (const key of message.keys) worker.buffered.add(key)
    if (message.type === 'stored') for (const key of message.keys) worker.stored.add(key)
    if (message.type === 'claimed') for (const key of message.keys) worker.claimed.add(key)
  })
  return worker
}
