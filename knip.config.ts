import type { KnipConfig } from 'knip'

// Entry points beyond those knip finds itself (package.json scripts, the
// vitest and Storybook configurations): the sources of the package entries
// and the command line, the README's examples, and the benchmark servers
// and the load suite's server, which run as child processes.
const config: KnipConfig = {
  entry: [
    'src/index.ts',
    'src/node/index.ts',
    'src/browser/index.ts',
    'examples/*.ts',
    'bench/servers/*.ts',
    'test/reliability/support/load-server.ts',
    'test/package/consumers/**/*.{ts,cjs}',
  ],
  project: [
    '{src,test,examples,bench,stories,.storybook}/**/*.{ts,cjs}',
    '*.ts',
  ],
  // An export used in its own file is part of that module's API (with its
  // JSDoc and example), not dead code.
  ignoreExportsUsedInFile: true,
  // test/package/run.ts runs both on the tarball it packs.
  ignoreDependencies: ['publint', '@arethetypeswrong/cli'],
}

export default config
