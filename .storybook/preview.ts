import type { Preview } from '@storybook/html-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { mock } from '../stories/support/demo-mock.ts'

// The loader starts msw's worker once, then before each story puts the
// mock's handlers in place. Every story starts from the fixtures; its own
// `beforeEach` adds the scenario it shows (a delay, a network error, a 403).
const preview: Preview = {
  loaders: [mswLoader()],
  parameters: { msw: { handlers: mock.handlers } },
  beforeEach: () => mock.reset(),
}

export default preview
