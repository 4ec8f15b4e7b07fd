import { isBuiltin } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'vite'
import { describe, expect, test } from 'vitest'

/** A Node built-in and the module that imports it. */
interface BuiltinImport {
  builtin: string
  importer: string
}

/**
 * Bundles an entry for the browser, as an app's bundler does, and lists
 * every Node built-in met on the way (Vite would only stub them out).
 */
async function builtinsBundledFrom(
  entry: string,
): Promise<Array<BuiltinImport>> {
  const found: Array<BuiltinImport> = []
  const detector: Plugin = {
    name: 'detect-node-builtins',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!isBuiltin(source)) return null
      found.push({ builtin: source, importer: relative(importer) })
      return { id: source, external: true }
    },
  }

  await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [detector],
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL(entry, root)), formats: ['es'] },
    },
  })
  return found
}

const root = new URL('../../', import.meta.url)

function relative(importer: string | undefined): string {
  const path = fileURLToPath(root)
  return importer?.startsWith(path) ? importer.slice(path.length) : '?'
}

describe('browser bundles', () => {
  test('carry no Node built-in from the core entry', async () => {
    expect(await builtinsBundledFrom('src/index.ts')).toEqual([])
  })

  test('carry no Node built-in from syncano-mock/browser', async () => {
    expect(await builtinsBundledFrom('src/browser/index.ts')).toEqual([])
  })

  test('show the Node built-ins of syncano-mock/node, which keeps file fixtures', async () => {
    const builtins = await builtinsBundledFrom('src/node/index.ts')

    expect(builtins).toContainEqual({
      builtin: 'node:fs',
      importer: 'src/node/load-fixtures-file.ts',
    })
  })
})
