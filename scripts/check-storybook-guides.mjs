#!/usr/bin/env node
/**
 * The guides in the static Storybook (`npm run build-storybook` first): every page of docs/ is a
 * guide with its page in the build, every story's docs page names at least one guide, and every
 * link between guides points to a guide or to a file of the repository.
 *
 *   npx node scripts/check-storybook-guides.mjs [storybook-static]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  guideLinkTarget,
  guidePageId,
  guides,
  guidesOfPage,
  repositoryPath,
} from '../.storybook/guides.ts'

const staticDir = process.argv[2] ?? 'storybook-static'
const { entries } = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8'))
const problems = []

for (const name of readdirSync('docs').filter((file) => file.endsWith('.md'))) {
  if (!(`docs/${name}` in guides))
    problems.push(`docs/${name} is not a guide in .storybook/guides.ts`)
}
for (const file of Object.keys(guides)) {
  if (!entries[guidePageId(file)])
    problems.push(`${file}: no page ${guidePageId(file)} in the build`)
  for (const [, href] of readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
    if (guideLinkTarget(href, file) !== undefined) continue
    const target = repositoryPath(href.split('#')[0], file)
    if (!existsSync(target)) problems.push(`${file}: the link ${href} points to nothing`)
  }
}
const pages = new Set(
  Object.values(entries)
    .filter((entry) => entry.type === 'docs' && !entry.id.startsWith('guides-'))
    .map((entry) => entry.id.replace(/--docs$/, '')),
)
for (const page of pages) {
  if (guidesOfPage(page).length === 0) problems.push(`${page}: no guide in .storybook/guides.ts`)
}

if (problems.length > 0) {
  console.error(`Storybook guides:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `Storybook guides: ${Object.keys(guides).length} guides; ${pages.size} docs pages name theirs.`,
)
