import type { Preview } from '@storybook/react-vite'
import '../src/charts/styles.css'
import './preview.css'
import { DocsContainerWithGuides } from './GuidePage'
import { loadStoryEmulator, withStripeMeter } from './withStripeMeter'
import { withTheme } from './withTheme'

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [loadStoryEmulator],
  // The theme wraps the provider: widgets and the canvas share one `data-sm-theme`.
  decorators: [withStripeMeter, withTheme],
  beforeEach(context) {
    const stripemeter = context.loaded.stripemeter as { dispose(): void } | undefined
    return () => stripemeter?.dispose()
  },
  globalTypes: {
    theme: {
      description: 'Widget theme (data-sm-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'auto', title: 'System (prefers-color-scheme)' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Locale given to <StripeMeterProvider locale>',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en-US', title: 'English (US)' },
          { value: 'de-DE', title: 'Deutsch' },
          { value: 'fr-FR', title: 'Français' },
          { value: 'es-ES', title: 'Español' },
          { value: 'ja-JP', title: '日本語' },
          { value: 'he-IL', title: 'עברית (RTL)' },
          { value: 'ar-EG', title: 'العربية (RTL)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en-US' },
  parameters: {
    layout: 'fullscreen',
    options: {
      storySort: {
        order: [
          'Docs',
          ['Getting started', 'Secure browser setup'],
          'Live',
          'Widgets',
          'Views',
          'Guides',
          // Storybook reads this order without running the file: literals only (guides.ts's order).
          [
            'Overview (README)',
            'Client',
            'Secure browser setup',
            'Delivery that survives the page',
            'React',
            'Widgets',
            'Quotas and budgets',
            'Emulator',
            'Real StripeMeter',
            'Node',
            'Servers and fleets',
            'Storybook',
            'Benchmarks',
          ],
        ],
      },
    },
    // A violation fails the story's test, in `npm test` and in CI.
    a11y: { test: 'error' },
    controls: { expanded: true },
    // Each docs page names the guides of docs/ that explain it.
    docs: { container: DocsContainerWithGuides },
    viewport: {
      options: {
        narrow320: {
          name: 'Phone, 320 px',
          styles: { width: '320px', height: '640px' },
          type: 'mobile',
        },
        tablet768: {
          name: 'Tablet, 768 px',
          styles: { width: '768px', height: '1024px' },
          type: 'tablet',
        },
        desktop1280: {
          name: 'Desktop, 1280 px',
          styles: { width: '1280px', height: '800px' },
          type: 'desktop',
        },
      },
    },
  },
}

export default preview
