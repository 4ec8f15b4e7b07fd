import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * Runs `storybook build` of the repo's demo into `outputDir`, without
 * telemetry, and fails with its output when the build fails.
 *
 * @example
 * await buildStorybook(await mkdtemp(join(tmpdir(), 'storybook-')))
 */
export async function buildStorybook(outputDir: string): Promise<void> {
  const storybook = join(root, 'node_modules', '.bin', 'storybook')
  await run(storybook, ['build', '--quiet', '-o', outputDir], {
    cwd: root,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
    timeout: 170_000,
    maxBuffer: 16 * 1024 * 1024,
  })
}
