import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'

const read = (path: string) =>
  readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

/** The TypeScript snippets of one README section. */
function snippetsOf(readme: string, section: string): Array<string> {
  const start = readme.indexOf(`<!-- section: ${section} -->`)
  const end = readme.indexOf(`<!-- /section: ${section} -->`, start)
  const text = readme.slice(start, end)
  return [...text.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(
    ([, indent = '', code = '']) =>
      code.replace(new RegExp(`^${indent}`, 'gm'), ''),
  )
}

// Each snippet is (part of) a file that is type-checked and run: the browser
// example by examples.browser.test.ts, the Storybook ones by the Storybook
// build that test/storybook/stories.browser.test.ts checks.
describe('README', () => {
  const readme = read('README.md')

  test('shows in its browser section the browser example file', () => {
    expect(snippetsOf(readme, 'browser')).toEqual([
      read('examples/browser-quick-start.ts').replace(/^(\/\/.*\n)+/, ''),
    ])
  })

  test('shows in its Storybook section the preview example and story excerpts', () => {
    const [preview, stories, ...rest] = snippetsOf(readme, 'storybook')

    expect(preview).toBe(
      read('examples/storybook-preview.ts').replace(/^(\/\/.*\n)+/, ''),
    )
    expect(read('stories/edit-profile-form.stories.ts')).toContain(stories)
    expect(stories).toContain('export const')
    expect(rest).toEqual([])
  })
})
