import type { StorybookConfig } from '@storybook/html-vite'
import { mergeConfig } from 'vite'

const config: StorybookConfig = {
  // Plain DOM components: the demo needs no UI framework.
  framework: '@storybook/html-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['msw-storybook-addon'],
  // public/ holds msw's worker script (`npx msw init public --save`); the
  // worker's scope is the folder it is served from, so it goes to the root.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // `syncano-mock` resolves to the sources through the tsconfig `paths`,
  // as in the tests, so the demo needs no build of the package.
  viteFinal: (vite) => mergeConfig(vite, { resolve: { tsconfigPaths: true } }),
}

export default config
