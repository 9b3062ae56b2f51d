/**
 * The pages of docs/ (and the README) as Storybook docs pages under "Guides", and which guides
 * each story's docs page points to. A static Storybook has no address for the repository's
 * Markdown files, so the guides travel inside it: the links work from any folder of any server.
 */

/** The guides, by their file in the repository; `.storybook/guides/<id>.mdx` renders each. */
export const guides = {
  'README.md': 'Overview (README)',
  'docs/client.md': 'Client',
  'docs/secure-browser-setup.md': 'Secure browser setup',
  'docs/browser-delivery.md': 'Delivery that survives the page',
  'docs/react.md': 'React',
  'docs/widgets.md': 'Widgets',
  'docs/quotas-budgets.md': 'Quotas and budgets',
  'docs/emulator.md': 'Emulator',
  'docs/real-stripemeter.md': 'Real StripeMeter',
  'docs/node.md': 'Node',
  'docs/servers-and-fleets.md': 'Servers and fleets',
  'docs/storybook.md': 'Storybook',
  'docs/benchmarks.md': 'Benchmarks',
} as const

export type GuideFile = keyof typeof guides

/** Storybook's id of a guide's docs page ("Guides/React" → `guides-react--docs`). */
export function guidePageId(file: GuideFile): string {
  const slug = guides[file]
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `guides-${slug}--docs`
}

/** The guides of a story's docs page, by its component id (the title's id: `widgets-usagemeter`). */
const guidesByPage: [pattern: RegExp, files: GuideFile[]][] = [
  [/^docs-getting-started$/, ['README.md', 'docs/react.md', 'docs/emulator.md']],
  [/^docs-secure-browser-setup$/, ['docs/secure-browser-setup.md']],
  [/^live-track-usage$/, ['docs/react.md', 'docs/browser-delivery.md', 'docs/client.md']],
  [/^live-through-your-backend$/, ['docs/secure-browser-setup.md']],
  [/^(live|widgets)-usagegate$/, ['docs/quotas-budgets.md']],
  [/^widgets-budgetsettings$/, ['docs/quotas-budgets.md', 'docs/widgets.md']],
  [/^widgets-real-stripemeter$/, ['docs/real-stripemeter.md', 'docs/widgets.md']],
  [/^(widgets|views)-/, ['docs/widgets.md']],
]

export function guidesOfPage(componentId: string): GuideFile[] {
  return guidesByPage.find(([pattern]) => pattern.test(componentId))?.[1] ?? []
}

/** The local Storybook (`npm start`) that docs/ pages link to; inside Storybook the links stay inside. */
const localStorybook = 'http://localhost:6006/'

/**
 * Where a link of a guide points inside Storybook: another guide's page, a Storybook page, the
 * same page (`#…`) or the web; `undefined` for a repository file Storybook does not show.
 * `from` is the guide's own file, which its relative links start from.
 */
export function guideLinkTarget(
  href: string,
  from: GuideFile,
): { href: string; external: boolean } | undefined {
  if (href.startsWith('#')) return { href, external: false }
  if (href.startsWith(localStorybook)) {
    return { href: href.slice(localStorybook.length), external: false }
  }
  if (/^[a-z]+:/i.test(href)) return { href, external: true }
  const file = repositoryPath(href.split('#')[0] ?? '', from)
  // Anchors are left out: Storybook navigates to a page, not into it.
  return file in guides
    ? { href: `?path=/docs/${guidePageId(file as GuideFile)}`, external: false }
    : undefined
}

/** An image of a guide, served by Storybook from `docs/images` (`staticDirs` in main.ts). */
export function guideImageSource(src: string, from: GuideFile): string {
  return /^[a-z]+:/i.test(src) ? src : repositoryPath(src, from)
}

/** A relative link of a repository file, as a path from the repository's root. */
export function repositoryPath(relative: string, from: string): string {
  return new URL(relative, new URL(from, 'https://repository/')).pathname.slice(1)
}
