import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import { Activity, Profiler, StrictMode, useEffect } from 'react'
import { describe, expect, it, vi } from 'vitest'
import {
  createClient,
  type StripeMeterClient,
  type StripeMeterError,
  type StripeMeterErrorHandler,
} from '../../src/index.js'
import {
  type ProviderClientOptions,
  StripeMeterProvider,
  useBufferStatus,
  useStripeMeterClient,
  useTrack,
} from '../../src/react/index.js'
import { emulatorOnLoopback, providerFor } from './harness.js'

const event = { metric: 'api_calls', customerRef: 'cus_steady', quantity: 1 }

/** Tracks one event in a mount effect, which StrictMode runs twice. */
function TrackOnMount({ clients }: { clients: Set<unknown> }) {
  const track = useTrack()
  const client = useStripeMeterClient()
  useEffect(() => {
    clients.add(client)
    track(event)
  }, [track, client, clients])
  return null
}

function Tracker({ clients }: { clients: Set<StripeMeterClient> }) {
  const track = useTrack()
  clients.add(useStripeMeterClient())
  return (
    <button type="button" onClick={() => track(event)}>
      track
    </button>
  )
}

/** Uses only `useTrack`: tracking must never render it again. */
function TrackOnly() {
  const track = useTrack()
  return (
    <button
      type="button"
      onClick={() => {
        for (let index = 0; index < 1_000; index++) track(event)
      }}
    >
      track
    </button>
  )
}

function ClientProbe({ seen }: { seen: StripeMeterClient[] }) {
  seen.push(useStripeMeterClient())
  return null
}

describe('<StripeMeterProvider>', () => {
  it('under StrictMode makes one client and delivers each event exactly once', async () => {
    const server = await emulatorOnLoopback()
    const clients = new Set<unknown>()
    const Provider = providerFor(server, { flushInterval: 50 })
    const { unmount } = render(
      <StrictMode>
        <Provider>
          <TrackOnMount clients={clients} />
        </Provider>
      </StrictMode>,
    )
    await waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(2))
    expect(clients.size).toBe(1)
    const [client] = clients as Set<{ getState(): { closed: boolean } }>
    expect(client?.getState().closed).toBe(false)
    // Unmounting flushes and closes the one client: whatever it would still have sent is sent.
    unmount()
    await waitFor(() => expect(client?.getState().closed).toBe(true))
    const stats = server.emulator.stats()
    expect(stats.eventsReceived).toBe(2)
    expect(stats.duplicates).toBe(0)
    // One timer, one flush: both events went in a single request.
    expect(stats.requests.ingest).toBe(1)
  })

  it('flushes and closes its own client on unmount: pending events are delivered', async () => {
    const server = await emulatorOnLoopback()
    const clients = new Set<StripeMeterClient>()
    const Provider = providerFor(server, { flushInterval: 60_000 })
    const { unmount } = render(
      <StrictMode>
        <Provider>
          <Tracker clients={clients} />
        </Provider>
      </StrictMode>,
    )
    for (let index = 0; index < 5; index++) fireEvent.click(screen.getByText('track'))
    expect(clients.size).toBe(1)
    const [client] = clients
    expect(client?.getState().pending).toBe(5)
    expect(server.emulator.stats().eventsReceived).toBe(0)
    unmount()
    await waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(5))
    expect(client?.getState().closed).toBe(true)
    expect(server.emulator.stats().duplicates).toBe(0)
  })

  it('hidden by <Activity> closes its client; shown again, it tracks with a fresh one', async () => {
    const server = await emulatorOnLoopback()
    const clients = new Set<StripeMeterClient>()
    const Provider = providerFor(server, { flushInterval: 60_000 })
    const ui = (mode: 'visible' | 'hidden') => (
      <Activity mode={mode}>
        <Provider>
          <Tracker clients={clients} />
        </Provider>
      </Activity>
    )
    const { rerender } = render(ui('visible'))
    fireEvent.click(screen.getByText('track'))
    rerender(ui('hidden'))
    // Hidden: effects are cleaned up, so the pending event is flushed and the client closed.
    await waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(1))
    const [first] = clients
    await waitFor(() => expect(first?.getState().closed).toBe(true))
    rerender(ui('visible'))
    fireEvent.click(screen.getByText('track'))
    expect(clients.size).toBe(2)
    const second = [...clients][1]
    expect(second?.getState()).toMatchObject({ closed: false, pending: 1 })
    await act(() => second?.flush())
    expect(server.emulator.stats()).toMatchObject({ eventsCounted: 2, duplicates: 0 })
  })

  it('never re-renders a component that only tracks, over 1,000 events', async () => {
    const server = await emulatorOnLoopback()
    let renders = 0
    const Provider = providerFor(server, { batchSize: 100 })
    render(
      <Provider>
        <Profiler id="track-only" onRender={() => renders++}>
          <TrackOnly />
        </Profiler>
      </Provider>,
    )
    expect(renders).toBe(1)
    fireEvent.click(screen.getByText('track'))
    // A thousand events in ten requests: more than waitFor's default second on a busy machine.
    await waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(1_000), {
      timeout: 10_000,
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(renders).toBe(1)
  })

  it('useBufferStatus re-renders only when the buffer state changes', async () => {
    const server = await emulatorOnLoopback()
    let renders = 0
    const { result } = renderHook(
      () => {
        renders++
        return { status: useBufferStatus(), track: useTrack() }
      },
      { wrapper: providerFor(server) },
    )
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    const settled = renders
    const first = result.current.status
    act(() => {
      for (let index = 0; index < 3; index++) result.current.track(event)
    })
    expect(result.current.status.pending).toBe(3)
    expect(renders).toBe(settled + 1)
    // Nothing changed: the same snapshot, no render.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(renders).toBe(settled + 1)
    expect(first.pending).toBe(0)
    await act(() => result.current.status.flush())
    expect(result.current.status.pending).toBe(0)
    expect(result.current.status.lastFlushAt).toBeInstanceOf(Date)
  })

  it('track never throws: a refused event goes to lastError and onError', async () => {
    const server = await emulatorOnLoopback()
    const onError = vi.fn<(error: StripeMeterError, events: readonly unknown[]) => void>()
    const { result } = renderHook(() => ({ status: useBufferStatus(), track: useTrack() }), {
      wrapper: providerFor(server, { onError }),
    })
    const bad = { metric: 'api_calls', customerRef: 'cus_steady', quantity: 0 }
    act(() => expect(() => result.current.track(bad)).not.toThrow())
    expect(result.current.status.lastError?.code).toBe('validation_error')
    expect(result.current.status.lastError?.message).toMatch(/quantity/)
    expect(result.current.status.pending).toBe(0)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0].code).toBe('validation_error')
    expect(onError.mock.calls[0]?.[1]).toEqual([bad])
  })

  it('track throws when asked to', async () => {
    const server = await emulatorOnLoopback()
    const { result } = renderHook(() => useTrack({ throwOnError: true }), {
      wrapper: providerFor(server),
    })
    expect(() => result.current({ ...event, metric: '' })).toThrow(/metric/)
  })

  it('reports a delivery failure once, keeps the events, and delivers them later', async () => {
    const server = await emulatorOnLoopback()
    const onError = vi.fn()
    const { result } = renderHook(() => ({ status: useBufferStatus(), track: useTrack() }), {
      wrapper: providerFor(server, { onError, retryAttempts: 0 }),
    })
    server.emulator.faults.next('ingest', { kind: 'status', status: 503 })
    act(() => result.current.track(event))
    await act(() => result.current.status.flush().catch(() => {}))
    expect(result.current.status.lastError?.statusCode).toBe(503)
    expect(result.current.status.pending).toBe(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[1]).toEqual([])
    await act(() => result.current.status.flush())
    expect(server.emulator.stats().eventsCounted).toBe(1)
    expect(result.current.status.lastError).toBeUndefined()
  })

  it('options are read once; a new tenant starts a new client', async () => {
    const server = await emulatorOnLoopback()
    const seen: StripeMeterClient[] = []
    const options = { apiUrl: server.url, tenantId: server.emulator.tenantId }
    const { rerender } = render(
      <StripeMeterProvider options={options}>
        <ClientProbe seen={seen} />
      </StripeMeterProvider>,
    )
    rerender(
      <StripeMeterProvider options={{ ...options }} locale="fr">
        <ClientProbe seen={seen} />
      </StripeMeterProvider>,
    )
    expect(new Set(seen).size).toBe(1)
    rerender(
      <StripeMeterProvider
        options={{ ...options, tenantId: '7f1d8a4e-0000-4000-8000-000000000000' }}
      >
        <ClientProbe seen={seen} />
      </StripeMeterProvider>,
    )
    expect(new Set(seen).size).toBe(2)
    await waitFor(() =>
      expect((seen[0] as { getState(): { closed: boolean } }).getState().closed).toBe(true),
    )
  })

  it('a changed option is applied (headers) or warned about once, never silently ignored', async () => {
    const server = await emulatorOnLoopback()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const seen: StripeMeterClient[] = []
    const sentHeaders: Headers[] = []
    const recordingFetch = (input: Request, init?: RequestInit) => {
      sentHeaders.push(new Request(input, init).headers)
      return fetch(input, init)
    }
    const base = {
      apiUrl: server.url,
      tenantId: server.emulator.tenantId,
      flushInterval: 0,
      fetch: recordingFetch,
    }
    const ui = (options: ProviderClientOptions) => (
      <StripeMeterProvider options={options}>
        <ClientProbe seen={seen} />
      </StripeMeterProvider>
    )
    const { rerender } = render(ui({ ...base, headers: { 'x-app': 'one' } }))
    rerender(ui({ ...base, headers: { 'x-app': 'two' }, batchSize: 5 }))
    rerender(ui({ ...base, headers: { 'x-app': 'two' }, batchSize: 7 }))
    const client = seen.at(-1) as StripeMeterClient
    expect(new Set(seen).size).toBe(1)
    await act(() => client.getUsage('cus_steady'))
    expect(sentHeaders.at(-1)?.get('x-app')).toBe('two')
    const warnings = warn.mock.calls.map(([message]) => String(message))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^\[stripemeter\] <StripeMeterProvider options\.batchSize> changed/)
    warn.mockRestore()
  })

  it('a given client: never closed, and its refusals and failures reach onError once each', async () => {
    const server = await emulatorOnLoopback()
    const client = createClient({
      apiUrl: server.url,
      tenantId: server.emulator.tenantId,
      flushInterval: 0,
      retryAttempts: 0,
    })
    const onError = vi.fn<StripeMeterErrorHandler>()
    const { result, unmount } = renderHook(() => useTrack(), {
      wrapper: ({ children }) => (
        <StripeMeterProvider client={client} onError={onError}>
          {children}
        </StripeMeterProvider>
      ),
    })
    server.emulator.faults.next('ingest', { kind: 'status', status: 503 })
    act(() => result.current(event))
    await act(() => client.flush().catch(() => {}))
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0].statusCode).toBe(503)
    expect(onError.mock.calls[0]?.[1]).toEqual([])
    // A refusal for good: the event leaves with its error, reported with the event.
    server.emulator.faults.next('ingest', { kind: 'status', status: 400 })
    await act(() => client.flush())
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError.mock.calls[1]?.[0].code).toBe('rejected')
    expect(onError.mock.calls[1]?.[1]).toMatchObject([event])
    unmount()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(client.getState().closed).toBe(false)
    await client.close()
  })
})
