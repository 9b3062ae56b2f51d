/**
 * Vitest setup of the `storybook` project: after each story's test (render, play function,
 * a11y), the layout assertion of `layoutCheck.ts`. The story is still mounted here: Storybook
 * cleans a story up when the next one starts.
 */
import { afterEach, expect } from 'vitest'
import { checkLayout } from './layoutCheck'

interface StoryTestContext {
  story?: { parameters: Record<string, unknown> }
}

afterEach(async (context) => {
  const { story } = context as unknown as StoryTestContext
  if (!story || story.parameters.layoutCheck === false) return
  if (context.task.result?.state === 'fail') return
  const canvas = document.querySelector<HTMLElement>('.sm-story-canvas')
  if (!canvas) return
  expect(await checkLayout(canvas)).toEqual([])
})
