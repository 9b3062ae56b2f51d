/**
 * Play functions shared by the data-bound stories: each turns a story into a test of what a
 * user sees, against the story's own emulator. The a11y checks run after them, on the final
 * state.
 */
import type { StoryContext } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { storyEmulator } from '../../.storybook/withStripeMeter'

type PlayContext = Pick<StoryContext, 'canvas' | 'canvasElement' | 'loaded' | 'userEvent'>

/**
 * Long enough for a first answer through the worker, React Query and a re-render — also for the
 * first story of a run, which waits for Vite to transform the widgets (over 15 s on a loaded
 * machine). Half the storybook project's 60 s test timeout.
 */
const ANSWER_TIMEOUT_MS = 30_000

/** Every widget in the story has left its skeleton. */
export async function widgetsLoaded({ canvasElement }: Pick<PlayContext, 'canvasElement'>) {
  await waitFor(
    () => {
      expect(canvasElement.querySelector('.sm-widget')).not.toBeNull()
      expect(canvasElement.querySelector('[aria-busy="true"]')).toBeNull()
    },
    { timeout: ANSWER_TIMEOUT_MS },
  )
}

/** The emulator's data is on screen: loaded, no error state. */
export async function showsData(context: PlayContext) {
  await widgetsLoaded(context)
  await expect(context.canvas.queryAllByRole('alert')).toHaveLength(0)
}

/** The skeleton, announced as busy with a text for screen readers. */
export async function showsSkeleton({ canvas, canvasElement }: PlayContext) {
  await expect(canvasElement.querySelector('[aria-busy="true"]')).not.toBeNull()
  await expect(canvas.getAllByText('Loading…').length).toBeGreaterThan(0)
}

/** The empty state's words, not an empty frame or a zero-width bar. */
export async function showsEmpty(context: PlayContext) {
  await widgetsLoaded(context)
  await expect(context.canvasElement.querySelector('.sm-empty')).not.toBeNull()
}

/** The server fails → the error state; it recovers and the user presses Retry → the data. */
export async function errorThenRetry(context: PlayContext) {
  const { canvas, userEvent } = context
  // Every widget settles first: one still loading would fail after the fault is cleared below.
  await widgetsLoaded(context)
  const alerts = canvas.getAllByRole('alert')
  for (const alert of alerts) {
    await expect(alert).toHaveTextContent(/couldn’t load|unavailable right now/i)
  }
  storyEmulator(context.loaded).emulator.faults.clear()
  for (const retry of canvas.getAllByRole('button', { name: 'Retry' })) await userEvent.click(retry)
  await waitFor(() => expect(canvas.queryAllByRole('alert')).toHaveLength(0), {
    timeout: ANSWER_TIMEOUT_MS,
  })
  await widgetsLoaded(context)
}

/**
 * Numbers on screen, then the server fails and a refresh fails: the numbers stay, marked as
 * possibly out of date.
 */
export async function staleAfterFailedRefresh(context: PlayContext) {
  await showsData(context)
  const { emulator, queryClient } = storyEmulator(context.loaded)
  emulator.faults.always('*', { kind: 'status', status: 503 })
  // What an app's refresh (or React Query's refetch on focus) does.
  await queryClient.refetchQueries()
  await waitFor(() => expect(context.canvasElement.querySelector('.sm-stale')).not.toBeNull(), {
    timeout: ANSWER_TIMEOUT_MS,
  })
}

/** A chart's numbers are also in its visually hidden table, one row per `rows`. */
export async function showsChartTable(context: PlayContext, rows: number | 'some' = 'some') {
  await showsData(context)
  const table = context.canvas.getByRole('table', { hidden: true })
  const bodyRows = table.querySelectorAll('tbody tr').length
  if (rows === 'some') await expect(bodyRows).toBeGreaterThan(0)
  else await expect(bodyRows).toBe(rows)
}
