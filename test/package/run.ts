// Checks the package a user installs: packs it (which builds it), lints the
// tarball with publint and attw, then installs it into fresh projects in the
// OS temporary directory and uses it there. Those projects lie outside the
// repo and run with a cleaned environment, so nothing resolves from the
// repo's own node_modules. Run with `npm run test:package`.
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const consumers = join(root, 'test/package/consumers')
const work = realpathSync(mkdtempSync(join(tmpdir(), 'syncano-mock-pack-')))
const env = cleanEnv()

/** The versions the consumers install: the repo's own, so nothing drifts. */
const versions: Record<string, string> = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).devDependencies

/** An environment without npm's per-project variables or the repo's bins. */
function cleanEnv(): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(
    ([name]) =>
      !/^npm_(?!config_(registry|cache|userconfig)$)/i.test(name) &&
      !['INIT_CWD', 'NODE_PATH', 'NODE_OPTIONS'].includes(name),
  )
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.startsWith(root))
    .join(delimiter)
  return { ...Object.fromEntries(kept), PATH: path }
}

function run(command: string, args: Array<string>, cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  })
}

let passed = 0

async function step<T>(title: string, action: () => T): Promise<Awaited<T>> {
  const started = Date.now()
  process.stdout.write(`▸ ${title}\n`)
  const result = await action()
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  process.stdout.write(`  ok in ${seconds} s\n`)
  passed++
  return result
}

/** `npm pack` into the work folder; `prepack` builds dist/ first. */
function pack(): string {
  run('npm', ['pack', '--pack-destination', work, '--silent'], root)
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))
  if (!tarball) throw new Error('npm pack wrote no tarball.')
  return join(work, tarball)
}

function lintTarball(tarball: string): void {
  const bin = (name: string) => join(root, 'node_modules/.bin', name)
  run(bin('publint'), ['run', '--strict', tarball], root)
  // ESM only: CommonJS users load it with require() of ES modules.
  run(bin('attw'), ['--profile', 'esm-only', tarball], root)
}

/** A fresh project with the tarball and the given packages installed. */
function project(
  name: string,
  type: 'module' | 'commonjs',
  tarball: string,
  packages: Array<string>,
): string {
  const dir = join(work, name)
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${name}`, private: true, type }),
  )
  const specs = packages.map((pkg) => `${pkg}@${versions[pkg]}`)
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball].concat(
      specs,
    ),
    dir,
  )
  expectLocal(dir, ['syncano-mock', ...packages])
  return dir
}

/** What the tarball holds at its top: `files`, and what npm always adds. */
const SHIPPED = ['LICENSE', 'README.md', 'dist', 'fixtures', 'package.json']

/** Every package resolves inside the project; the tarball holds `SHIPPED`. */
function expectLocal(dir: string, packages: Array<string>): void {
  const script = `for (const name of ${JSON.stringify(packages)}) console.log(require.resolve(name + '/package.json'))`
  const paths = run(process.execPath, ['-e', script], dir).trim().split('\n')
  for (const path of paths) {
    if (!realpathSync(path).startsWith(dir)) {
      throw new Error(`"${path}" resolves outside the project "${dir}".`)
    }
  }
  const installed = readdirSync(join(dir, 'node_modules/syncano-mock')).sort()
  if (installed.join() !== SHIPPED.join()) {
    throw new Error(`The tarball ships ${installed.join(', ')}.`)
  }
}

function copy(from: string, dir: string, as?: string): void {
  copyFileSync(from, join(dir, as ?? from.split('/').at(-1) ?? from))
}

function esmVitest(tarball: string): void {
  const dir = project('esm-vitest', 'module', tarball, ['msw', 'vitest'])
  copy(join(root, 'examples/vitest-quick-start.ts'), dir, 'quick-start.test.ts')
  const output = run(join(dir, 'node_modules/.bin/vitest'), ['run'], dir)
  process.stdout.write(`${output.trimEnd().replace(/^/gm, '  ')}\n`)
}

function typescript(tarball: string): void {
  const packages = ['msw', 'typescript', '@types/node']
  const dir = project('typescript', 'module', tarball, packages)
  for (const file of [
    'usage.ts',
    'tsconfig.bundler.json',
    'tsconfig.node16.json',
  ]) {
    copy(join(consumers, 'typescript', file), dir)
  }
  copy(join(root, 'examples/toolkit-types.ts'), dir)
  const tsc = join(dir, 'node_modules/.bin/tsc')
  run(tsc, ['-p', 'tsconfig.bundler.json'], dir)
  run(tsc, ['-p', 'tsconfig.node16.json'], dir)
}

function commonjs(tarball: string): string {
  const dir = project('commonjs', 'commonjs', tarball, ['msw'])
  copy(join(consumers, 'commonjs/index.cjs'), dir)
  process.stdout.write(run(process.execPath, ['index.cjs'], dir))
  return dir
}

/** `npx syncano-mock serve` on a free loopback port, asked with the banner's curl. */
async function serve(dir: string): Promise<void> {
  const args = ['--no-install', 'syncano-mock', 'serve', '--port', '0']
  // A group of its own, so that stopping it stops npx's child too.
  const child = spawn('npx', args, { cwd: dir, env, detached: true })
  try {
    const banner = await readBanner(child.stdout)
    const curl = banner.slice(
      banner.indexOf('curl -X PATCH'),
      banner.indexOf('\n\nPress'),
    )
    const output = run('sh', ['-c', `${curl} -sS -w ' %{http_code}'`], dir)
    if (!/"username":"new-name".* 200$/.test(output)) {
      throw new Error(`The server answered the curl with: ${output}`)
    }
    process.stdout.write(`  ${banner.split('\n')[0]}: 200\n`)
  } finally {
    const exited = once(child, 'exit')
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
    await exited
  }
}

function readBanner(stdout: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const timer = setTimeout(
      () => reject(new Error(`No banner: ${text}`)),
      60_000,
    )
    stdout.setEncoding('utf8')
    stdout.on('data', (chunk: string) => {
      text += chunk
      if (!text.includes('Press Ctrl+C to stop.')) return
      clearTimeout(timer)
      resolve(text)
    })
  })
}

async function main(): Promise<void> {
  process.stdout.write(`Working in ${work}\n`)
  const tarball = await step('npm pack (builds dist/)', pack)
  await step('publint and attw on the tarball', () => lintTarball(tarball))
  await step('ESM project: the documented PATCH in vitest', () =>
    esmVitest(tarball),
  )
  await step('TypeScript project: bundler and node16 resolution', () =>
    typescript(tarball),
  )
  const dir = await step('CommonJS project: require()', () => commonjs(tarball))
  await step('npx syncano-mock serve answers a curl', () => serve(dir))
  rmSync(work, { recursive: true, force: true })
  // The first failing step throws and exits non-zero, so a run that gets
  // here passed every step; the closing line reads like a test runner's.
  process.stdout.write(`package: ${passed} passed, 0 failed\n`)
}

await main()
