import { defineConfig } from 'tsup'

const library = {
  index: 'src/index.ts',
  node: 'src/node/index.ts',
  browser: 'src/browser/index.ts',
}

// One ESM build of the three library entries and the command line, not
// minified, so a stack trace reads like the sources. Shared code goes into
// chunks: `syncano-mock` and `syncano-mock/node` hand out the same classes,
// so an error from one passes `instanceof` of the other.
export default defineConfig({
  entry: { ...library, cli: 'src/cli/run.ts' },
  format: 'esm',
  target: 'node20',
  // Every dependency stays external; `node` only lets `node:` imports through.
  platform: 'node',
  dts: { entry: library },
  splitting: true,
  // Keep `node:fs` as written: bundlers for the browser know it is Node's.
  removeNodeProtocol: false,
  clean: true,
})
