import type { Decorator, Loader } from '@storybook/react-vite'
import { QueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { StripeMeterProvider } from '../src/react'
import { demoCatalog } from '../src/testing/metricCatalog'
import { mountStoryEmulator, type StoryEmulator } from './storyEmulator'

/** Creates the story's own emulator before it renders: `context.loaded.stripemeter`. */
export const loadStoryEmulator: Loader = async (context) => {
  if (context.parameters.stripemeter?.provider === false) return {}
  const stripemeter = await mountStoryEmulator(context.id, context.parameters.stripemeter)
  return { stripemeter }
}

/** The story's emulator, for play functions and story-level `render`s (the Live panel). */
export function storyEmulator(loaded: Record<string, unknown>): StoryEmulator {
  const stripemeter = loaded.stripemeter as StoryEmulator | undefined
  if (stripemeter === undefined) {
    throw new Error(
      '[stripemeter] this story has no emulator: parameters.stripemeter.provider is false',
    )
  }
  return stripemeter
}

/**
 * Wraps the story in `<StripeMeterProvider>` pointed at its emulator, exactly as an app does
 * (no API key: stories show the browser setup). One QueryClient per story, so no cached answer
 * leaks from one story into another.
 */
export const withStripeMeter: Decorator = (Story, context) => {
  const stripemeter = context.loaded.stripemeter as StoryEmulator | undefined
  if (stripemeter === undefined) return <Story />
  const locale = context.parameters.stripemeter?.locale ?? (context.globals.locale as string)
  return (
    <StoryProvider stripemeter={stripemeter} locale={locale}>
      <Story />
    </StoryProvider>
  )
}

/** Live usage adds tracked quantities to `sum` metrics only; the emulator's catalog says which. */
const metricAggregations = Object.fromEntries(
  demoCatalog('USD').map((metric) => [metric.name, metric.aggregation]),
)

function StoryProvider(props: {
  stripemeter: StoryEmulator
  locale: string
  children: React.ReactNode
}) {
  const [queryClient] = useState(
    // One quick retry instead of react-query's three with growing pauses: the error state of
    // a story shows in about a second instead of eight; the client below retries on its own.
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, retryDelay: 250 } } }),
  )
  return (
    <StripeMeterProvider
      apiUrl={props.stripemeter.apiUrl}
      tenantId={props.stripemeter.emulator.tenantId}
      locale={props.locale}
      queryClient={queryClient}
      metricAggregations={metricAggregations}
      // Deliver within a second, so the Live story's counters move while you watch.
      flushInterval={1_000}
    >
      {props.children}
    </StripeMeterProvider>
  )
}
