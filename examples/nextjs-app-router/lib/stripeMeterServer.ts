import 'server-only'
import { createClient, type StripeMeterClient } from 'stripemeter'

let client: StripeMeterClient | undefined

/**
 * The server's own client, for reads during a server render (prefetching the dashboard's data):
 * it holds the secret key, so it never leaves the server (`server-only` fails a client import).
 * One per process; it only reads, so nothing is buffered and nothing needs closing.
 */
export function serverStripeMeter(): StripeMeterClient {
  client ??= createClient({
    apiUrl: process.env.STRIPEMETER_API_URL ?? '',
    apiKey: process.env.STRIPEMETER_API_KEY ?? '',
    tenantId: process.env.NEXT_PUBLIC_STRIPEMETER_TENANT_ID ?? '',
    storage: false,
  })
  return client
}
