/** A deterministic pseudo-random source in [0, 1): the same seed always yields the same sequence. */
export type SeededRandom = () => number

/** Folds a seed string into 32 bits (FNV-1a), so human-readable seeds like `'demo'` work. */
export function hashSeed(seed: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * Mulberry32 from a 32-bit state: tiny, fast and good enough for demo data, fault dice and the
 * tests' replayable interleavings (a failing seed replays the same sequence). Not for anything
 * secret.
 */
export function mulberry32(seed: number): SeededRandom {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/** Mulberry32 from a seed string, so human-readable seeds like `'demo'` work. */
export function createSeededRandom(seed: string): SeededRandom {
  return mulberry32(hashSeed(seed))
}

/** A version-4-shaped UUID drawn from `random`, so a seed always names the same tenant. */
export function seededUuid(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = (8 + Math.floor(random() * 4)).toString(16)
  const text = hex.join('')
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`
}

/** A lowercase alphanumeric token of `length` characters drawn from `random`. */
export function seededToken(random: SeededRandom, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
}
