/** Anything with a `close()` that delivers what is buffered: a `StripeMeterClient`. */
export interface Closable {
  close(): Promise<void>
}

export interface CloseOnSignalsOptions {
  /** @default ['SIGTERM', 'SIGINT'] */
  signals?: readonly NodeJS.Signals[]
  /**
   * How long `close()` may take before the process exits anyway (an orchestrator sends SIGKILL
   * after its own grace period: Kubernetes' default is 30 s).
   * @default 10_000
   */
  timeoutMs?: number
  /** Hears why `close()` did not finish: a failed delivery, or the timeout. @default console.error */
  onError?: (error: unknown) => void
}

/**
 * On SIGTERM or SIGINT, closes `clients` (each delivers what it buffered), for at most
 * `timeoutMs`, then lets the signal end the process as it would have. What could not be delivered
 * stays in a durable storage (`SqliteStorage`) for the next process, which sends it with the same
 * keys. A second signal ends the process at once. Returns the function that removes the handlers.
 *
 * ```ts
 * closeOnSignals(client)
 * ```
 */
export function closeOnSignals(
  clients: Closable | readonly Closable[],
  options: CloseOnSignalsOptions = {},
): () => void {
  const all: readonly Closable[] = Array.isArray(clients) ? clients : [clients as Closable]
  const signals = options.signals ?? ['SIGTERM', 'SIGINT']
  const timeoutMs = options.timeoutMs ?? 10_000
  const onError = options.onError ?? ((error: unknown) => console.error(error))
  const removeHandlers = () => {
    for (const signal of signals) process.off(signal, onSignal)
  }
  function onSignal(signal: NodeJS.Signals): void {
    removeHandlers()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`[stripemeter] close() did not finish within ${timeoutMs} ms of ${signal}`),
          ),
        timeoutMs,
      )
    })
    Promise.race([Promise.all(all.map((client) => client.close())), timedOut])
      .catch(onError)
      .finally(() => {
        clearTimeout(timer)
        // Our handlers are gone: the signal now does what it does by default (end the process).
        process.kill(process.pid, signal)
      })
  }
  for (const signal of signals) process.on(signal, onSignal)
  return removeHandlers
}
