import type { LiveProjection } from '../core/liveProjection.js'
import type { ProjectionLineItem, ProjectionResponse } from '../core/types.js'

/**
 * A figure that includes usage still syncing: the live value is what the eye sees, the server's
 * is what a screen reader reads (the syncing note beside it says what is on its way).
 */
export function LiveFigure({ shown, server }: { shown: string; server: string }) {
  if (shown === server) return shown
  return (
    <>
      <span aria-hidden="true">{shown}</span>
      <span className="sm-visually-hidden">{server}</span>
    </>
  )
}

/** A projection's live part, if it has one (`useProjection`'s data), else the server's alone. */
export function liveParts(data: ProjectionResponse | LiveProjection) {
  const server = 'server' in data ? data.server : data
  return {
    server,
    pendingTotal: 'pendingTotal' in data ? data.pendingTotal : 0,
    /** The server's own line item of a metric; a metric only this page has used has none. */
    serverItem: (metric: string): Pick<ProjectionLineItem, 'quantity' | 'total'> =>
      server.lineItems.find((item) => item.metric === metric) ?? { quantity: 0, total: 0 },
  }
}
