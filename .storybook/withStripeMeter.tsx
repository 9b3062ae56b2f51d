import type { Decorator, Loader } from '@storybook/react-vite'
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
 * (no API key: stories show the browser setup). Each story has its own QueryClient, so no
 * cached answer leaks from one story into another.
 */
export const withStripeMeter: Decorator = (Story, context) => {
  const stripemeter = context.loaded.stripemeter as StoryEmulator | undefined
  if (stripemeter === undefined) return <Story />
  const parameters = context.parameters.stripemeter ?? {}
  const locale = parameters.locale ?? (context.globals.locale as string)
  const catalog = parameters.emulator?.catalog ?? demoCatalog('USD')
  return (
    <StripeMeterProvider
      options={{
        apiUrl: stripemeter.apiUrl,
        tenantId: stripemeter.emulator.tenantId,
        // Deliver within a second, so the Live story's counters move while you watch.
        flushInterval: 1_000,
        ...parameters.client,
      }}
      locale={locale}
      queryClient={stripemeter.queryClient}
      // Live usage adds tracked quantities to `sum` metrics only; the catalog says which.
      metricAggregations={Object.fromEntries(
        catalog.map((metric) => [metric.name, metric.aggregation]),
      )}
      // Live cost prices tracked usage as the emulator will: graduated API calls by their tiers.
      metricPrices={Object.fromEntries(
        catalog.flatMap((metric) => (metric.price ? [[metric.name, metric.price]] : [])),
      )}
    >
      <Story />
    </StripeMeterProvider>
  )
}
