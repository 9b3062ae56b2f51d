/**
 * Browsers cap the bodies of keepalive requests still in flight at 64 KiB per page (the Fetch
 * standard's limit); a request that would cross it fails at once with a TypeError. The whole page
 * shares the cap, so every client on it draws from this one budget.
 */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024

/**
 * Largest body of one keepalive request. Several smaller requests rather than one of 64 KiB:
 * while the page is still alive (hidden, not closed), each answered chunk frees room for the next.
 */
export const KEEPALIVE_CHUNK_BYTES = 16 * 1024

let inFlightBytes = 0
let waitingForRoom: (() => void)[] = []

/** Bytes a new keepalive body may still take now (strictly under the cap). */
export function keepaliveRoomBytes(): number {
  return KEEPALIVE_BUDGET_BYTES - 1 - inFlightBytes
}

/** Reserves `bodyBytes` of the page's keepalive budget; false when they do not fit now. */
export function reserveKeepaliveBytes(bodyBytes: number): boolean {
  if (bodyBytes > keepaliveRoomBytes()) return false
  inFlightBytes += bodyBytes
  return true
}

/** Gives reserved bytes back once their request has an answer (or failed). */
export function releaseKeepaliveBytes(bodyBytes: number): void {
  inFlightBytes = Math.max(0, inFlightBytes - bodyBytes)
  const waiting = waitingForRoom
  waitingForRoom = []
  for (const resume of waiting) resume()
}

/** Resolves the next time some keepalive bytes are released. */
export function keepaliveBytesReleased(): Promise<void> {
  return new Promise((resolve) => waitingForRoom.push(resolve))
}
