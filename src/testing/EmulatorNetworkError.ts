const brand = Symbol.for('stripemeter.emulatorNetworkError')

/**
 * A scripted connection reset. `emulator.handle()` rejects with it the way `fetch` rejects on
 * a dropped connection (a `TypeError`); the Node adapter destroys the socket and the msw
 * adapter answers `HttpResponse.error()`, so clients see a genuine network failure.
 */
export class EmulatorNetworkError extends TypeError {
  override name = 'EmulatorNetworkError' as const
  /** True when the request was processed (events counted) before the connection dropped. */
  readonly committed: boolean
  readonly [brand] = true

  constructor(committed: boolean) {
    super(
      committed
        ? 'Connection reset by the StripeMeter emulator after the request was processed'
        : 'Connection reset by the StripeMeter emulator',
    )
    this.committed = committed
  }
}

/** True for an `EmulatorNetworkError` from any copy of this module. */
export function isEmulatorNetworkError(value: unknown): value is EmulatorNetworkError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true
  )
}
