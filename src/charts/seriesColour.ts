/** Distinct series colours in the palette (`--sm-chart-1` … `--sm-chart-10`). */
export const SERIES_COLOURS = 10

/**
 * A colour for each metric, keyed by its name rather than its rank, so a metric keeps its
 * colour when the order changes (shadcn's `--color-<key>`). Names are placed in name order by a
 * hash, moving to the next free colour on a collision, so the same set always gets the same
 * colours. `--sm-color-<metric>` set by the app wins.
 */
export function seriesColours(names: readonly string[]): Map<string, string> {
  const colours = new Map<string, string>()
  const taken = new Set<number>()
  for (const name of [...new Set(names)].sort()) {
    let slot = hash(name) % SERIES_COLOURS
    // Beyond ten names colours repeat; the breakdown folds those into "Other" first.
    for (let probe = 0; probe < SERIES_COLOURS && taken.has(slot); probe++) {
      slot = (slot + 1) % SERIES_COLOURS
    }
    taken.add(slot)
    colours.set(name, `var(--sm-color-${cssIdent(name)}, var(--sm-chart-${slot + 1}))`)
  }
  return colours
}

/** FNV-1a: small, and stable across engines. */
function hash(text: string) {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193)
  }
  return value >>> 0
}

function cssIdent(name: string) {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_')
}
