// @vitest-environment node
import { QueryClient } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  StripeMeterProvider,
  stripeMeterKeys,
  useBufferStatus,
  useProjection,
  useStripeMeterLocale,
  useTrack,
  useUsage,
  useUsageHistory,
} from '../../src/react/index.js'

afterEach(() => {
  vi.restoreAllMocks()
})

function Widgets() {
  const usage = useUsage('cus_steady')
  const projection = useProjection('cus_steady')
  const history = useUsageHistory('cus_steady', {
    metric: 'api_calls',
    period: { periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-11-30T23:59:59.999Z' },
  })
  const status = useBufferStatus()
  const track = useTrack()
  const locale = useStripeMeterLocale()
  const statuses = [usage.status, projection.status, history.status].join(' ')
  return <p>{`${statuses} buffered=${status.pending} ${typeof track} ${locale}`}</p>
}

function Meter() {
  const metric = useUsage('cus_1').data?.metrics[0]
  return <span>{`${metric?.current}/${metric?.pending}`}</span>
}

function spyOnSideEffects() {
  return {
    setTimeout: vi.spyOn(globalThis, 'setTimeout'),
    setInterval: vi.spyOn(globalThis, 'setInterval'),
    fetch: vi.spyOn(globalThis, 'fetch'),
  }
}

describe('server rendering (Node, no DOM)', () => {
  it('importing the entry touches no window and starts nothing', async () => {
    expect(typeof window).toBe('undefined')
    vi.resetModules()
    const spies = spyOnSideEffects()
    const entry = await import('../../src/react/index.js')
    expect(typeof entry.StripeMeterProvider).toBe('function')
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled()
  })

  it('renders provider and hooks: no timer, nothing sent, an idle buffer', () => {
    const spies = spyOnSideEffects()
    // The recommended browser setup: the app's own route, relative, and no key.
    const html = renderToString(
      <StripeMeterProvider
        options={{ apiUrl: '/api/stripemeter', tenantId: 'tenant' }}
        locale="de-DE"
      >
        <Widgets />
      </StripeMeterProvider>,
    )
    expect(html).toBe('<p>pending pending pending buffered=0 function de-DE</p>')
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled()
  })

  it('renders prefetched (hydrated) data, with nothing pending', () => {
    const queryClient = new QueryClient()
    queryClient.setQueryData(stripeMeterKeys.usage('cus_1'), {
      customerRef: 'cus_1',
      period: { start: '2026-11-01', end: '2026-11-30' },
      metrics: [{ name: 'api_calls', current: 42, unit: 'calls' }],
      alerts: [],
    })
    const html = renderToString(
      <StripeMeterProvider
        options={{ apiUrl: '/api/stripemeter', tenantId: 'tenant' }}
        queryClient={queryClient}
      >
        <Meter />
      </StripeMeterProvider>,
    )
    expect(html).toBe('<span>42/0</span>')
  })
})
