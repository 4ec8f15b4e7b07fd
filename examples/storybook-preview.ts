// Storybook quick start: `.storybook/preview.ts` puts one mock behind every
// story, back at its fixtures before each. The demo's preview is this file.
import type { Preview } from '@storybook/html-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { createSyncanoMock } from 'syncano-mock'

export const mock = createSyncanoMock()

const preview: Preview = {
  loaders: [mswLoader()],
  parameters: { msw: { handlers: mock.handlers } },
  beforeEach: () => mock.reset(),
}

export default preview
