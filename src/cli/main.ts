import { Command, InvalidArgumentError, Option } from 'commander'
import packageJson from '../../package.json' with { type: 'json' }
import {
  MESSAGE_PREFIX,
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import type { Dialect } from '../glossary.ts'
import { createSyncanoMock } from '../node/create-syncano-mock.ts'
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  startStandaloneServer,
  type StandaloneServer,
} from '../server/create-standalone-server.ts'
import { formatBanner } from './format-banner.ts'

/** What `serve` reads from its flags. */
interface ServeOptions {
  port: number
  host: string
  fixtures?: string
  dialect?: Dialect
  seed?: number
  bodyLimit: number
}

/**
 * The `syncano-mock` command line. `serve` starts the standalone server.
 *
 * @example
 * await createProgram().parseAsync(['node', 'syncano-mock', 'serve', '--port', '0'])
 */
export function createProgram(): Command {
  const program = new Command('syncano-mock')
    .description('A faithful mock of the Syncano API v1.1 users area.')
    .version(packageJson.version, '-v, --version', 'print the version')
    .configureOutput({ outputError: (text, write) => write(prefixed(text)) })
    .showHelpAfterError('(add --help for usage)')

  program
    .command('serve')
    .description('serve the mock over HTTP until Ctrl+C')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on, 0 for any free one')
        .env('PORT')
        .default(DEFAULT_PORT)
        .argParser(parsePort),
    )
    .option('-H, --host <host>', 'address to listen on', DEFAULT_HOST)
    .option(
      '-f, --fixtures <file>',
      'JSON fixtures file (default: the built-in one)',
    )
    .option(
      '-d, --dialect <dialect>',
      'behaviour to follow: docs or server',
      parseDialect,
    )
    .option('-s, --seed <seed>', 'seed for generated data', parseSeed)
    .option(
      '--body-limit <bytes>',
      'largest request body',
      parseBodyLimit,
      DEFAULT_BODY_LIMIT,
    )
    .action(serve)

  return program
}

/**
 * Runs the command line. A failure to start (bad fixtures, a port in use)
 * is one clear line on stderr and exit code 1, never a stack trace.
 *
 * @example
 * await main(process.argv)
 */
export async function main(argv: Array<string>): Promise<void> {
  try {
    await createProgram().parseAsync(argv)
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`)
    process.exitCode = 1
  }
}

async function serve(options: ServeOptions): Promise<void> {
  const mock = createSyncanoMock({
    fixtures: options.fixtures,
    dialect: options.dialect,
    seed: options.seed,
    baseUrl: '*',
  })
  await mock.ready

  const server = await startStandaloneServer({
    mock,
    host: options.host,
    port: options.port,
    bodyLimit: options.bodyLimit,
  }).catch((error: unknown) => {
    throw listenError(error, options)
  })
  // Listen for signals first: a script that stops the server as soon as it
  // reads the banner must not find Node's default handler still in place.
  stopOnSignals(server)
  process.stdout.on('error', ignoreClosedReader)
  process.stdout.write(formatBanner(mock, server.url))
}

/** Stops on Ctrl+C or a `kill`; a second signal stops at once. */
function stopOnSignals(server: StandaloneServer): void {
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    process.once('SIGINT', () => process.exit(130))
    process.once('SIGTERM', () => process.exit(143))

    process.stdout.write(`Stopping on ${signal}.\n`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/**
 * A reader that went away (`syncano-mock serve | head -3`) leaves the banner
 * and the stop line nowhere to go; that must not crash the server.
 */
function ignoreClosedReader(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error
}

function parsePort(value: string): number {
  const port = Number(value)
  if (
    value.trim() === '' ||
    !Number.isInteger(port) ||
    port < 0 ||
    port > 65535
  ) {
    throw new InvalidArgumentError('Expected a whole number from 0 to 65535.')
  }
  return port
}

function parseDialect(value: string): Dialect {
  if (value === 'docs' || value === 'server') return value
  throw new InvalidArgumentError('Expected "docs" or "server".')
}

function parseSeed(value: string): number {
  const seed = Number(value)
  if (value.trim() === '' || !Number.isInteger(seed)) {
    throw new InvalidArgumentError('Expected a whole number.')
  }
  return seed
}

function parseBodyLimit(value: string): number {
  const limit = Number(value)
  if (value.trim() === '' || !Number.isSafeInteger(limit) || limit < 0) {
    throw new InvalidArgumentError('Expected a whole number of bytes.')
  }
  return limit
}

/** Commander's own messages, in the library's one formula. */
function prefixed(text: string): string {
  return `${MESSAGE_PREFIX} ${text.replace(/^error: /, '')}`
}

/**
 * Why the server could not listen, named by the host and port asked for:
 * Node's errors leave the port out, and name a host that does not resolve
 * only inside their message.
 */
function listenError(error: unknown, { host, port }: ServeOptions): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const reason = LISTEN_FAILURES[code ?? '']
  const where = reason?.host ? `"${host}"` : `${host}:${port}`
  const message = reason
    ? `Failed to listen on ${where}: ${reason.text}. ${reason.fix}`
    : `Failed to listen on ${where}: ${error instanceof Error ? error.message : String(error)}.`

  return new SyncanoMockError(SyncanoMockErrorCode.INVALID_OPTION, message, {
    cause: error,
  })
}

const LISTEN_FAILURES: Record<
  string,
  { text: string; fix: string; host?: boolean } | undefined
> = {
  EADDRINUSE: { text: 'the port is in use', fix: 'Choose another --port.' },
  EACCES: {
    text: 'permission denied',
    fix: 'Choose a --port above 1023.',
  },
  EADDRNOTAVAIL: {
    text: 'no such address on this machine',
    fix: 'Choose another --host.',
    host: true,
  },
  ENOTFOUND: {
    text: 'the host name does not resolve',
    fix: 'Choose another --host.',
    host: true,
  },
  EAI_AGAIN: {
    text: 'the host name does not resolve',
    fix: 'Choose another --host.',
    host: true,
  },
}

function describe(error: unknown): string {
  if (error instanceof SyncanoMockError) return error.message

  const reason = error instanceof Error ? error.message : String(error)
  return `${MESSAGE_PREFIX} Failed to start the server: ${reason}`
}
