import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RedisServer {
  url: string
  /** Stops Redis (SIGTERM) and starts it again on the same port and data directory. */
  restart(): Promise<void>
  stop(): Promise<void>
  /** Stops Redis for good and removes its data directory. */
  close(): Promise<void>
}

export interface RedisServerOptions {
  /**
   * When the append-only file is synced to disk: `always` (each write: nothing acknowledged is
   * lost by a kill, what the tests need) or `everysec` (Redis' default, what the bench measures).
   * @default 'always'
   */
  appendfsync?: 'always' | 'everysec'
}

/**
 * Starts the Debian `redis-server` on a free loopback port with a temporary data directory and
 * an append-only file, so a restart keeps what was written (as a production Redis would).
 * Used by the Redis tests and by `bench/fleet.bench.mjs` (Node runs this file's types stripped).
 */
export async function startRedisServer({
  appendfsync = 'always',
}: RedisServerOptions = {}): Promise<RedisServer> {
  const directory = await mkdtemp(join(tmpdir(), 'stripemeter-redis-'))
  const port = await freePort()
  const launch = () => launchRedis(port, directory, appendfsync)
  let child: ChildProcess | undefined = await launch()
  const stop = async () => {
    const running = child
    child = undefined
    if (running === undefined || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGTERM')
    await exited
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart() {
      await stop()
      child = await launch()
    },
    stop,
    async close() {
      await stop()
      await rm(directory, { recursive: true, force: true })
    },
  }
}

function launchRedis(
  port: number,
  directory: string,
  appendfsync: NonNullable<RedisServerOptions['appendfsync']>,
): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      directory,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      appendfsync,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve(child)
    })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
  })
}

/** A port the OS just handed out, then released for redis-server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
