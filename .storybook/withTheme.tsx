import type { Decorator } from '@storybook/react-vite'

export type StoryTheme = 'auto' | 'light' | 'dark'

/**
 * Sets `data-sm-theme` on a canvas that paints the theme's own background, so the widgets are
 * checked for contrast (a11y) against the colours they really sit on. `auto` leaves the choice
 * to `prefers-color-scheme`.
 */
export const withTheme: Decorator = (Story, context) => {
  const theme = (context.globals.theme as StoryTheme | undefined) ?? 'auto'
  return (
    <div
      // On its own page a story fills the window; inline on a docs page it takes its own height.
      className={context.viewMode === 'docs' ? 'sm-story-canvas' : 'sm-story-canvas sm-story-page'}
      data-sm-theme={theme === 'auto' ? undefined : theme}
    >
      <Story />
    </div>
  )
}
