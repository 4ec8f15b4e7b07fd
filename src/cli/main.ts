#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander'
import { SyncanoMockError } from '../errors/syncano-mock-error.ts'
import { createSyncanoMock } from '../node/create-syncano-mock.ts'
import { startStandaloneServer } from '../server/create-standalone-server.ts'
import { banner } from './print-banner.ts'

/**
 * The `syncano-mock` command. `serve` starts the standalone server.
 *
 * @example
 * syncano-mock serve --port 4010 --dialect server --fixtures fixtures.json
 */
export function createProgram(): Command {
  const program = new Command('syncano-mock')
    .description('A faithful mock of the Syncano API v1.1 users area.')
    .showHelpAfterError()

  program
    .command('serve')
    .description('serve the mock over HTTP')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on')
        .env('PORT')
        .default(4010)
        .argParser(parsePort),
    )
    .option('-H, --host <host>', 'address to listen on', '127.0.0.1')
    .option('-f, --fixtures <file>', 'JSON fixtures file')
    .addOption(
      new Option('-d, --dialect <dialect>', 'which behaviour to follow').choices([
        'docs',
        'server',
      ]),
    )
    .option('-s, --seed <seed>', 'seed for generated data', parseSeed)
    .action(serve)

  return program
}

interface ServeOptions {
  port: number
  host: string
  fixtures?: string
  dialect?: 'docs' | 'server'
  seed?: number
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
  })
  process.stdout.write(banner(mock, server.url))

  const stop = () => {
    server.close().then(() => process.exit(0), () => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a whole number from 0 to 65535.')
  }
  return port
}

function parseSeed(value: string): number {
  const seed = Number(value)
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('expected a whole number.')
  return seed
}

/** Runs the command line, turning known failures into one clear line. */
export async function main(argv: Array<string>): Promise<void> {
  try {
    await createProgram().parseAsync(argv)
  } catch (error) {
    process.stderr.write(`${describe(error)}\n`)
    process.exitCode = 1
  }
}

function describe(error: unknown): string {
  if (error instanceof SyncanoMockError) return error.message
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    const { address, port } = error as { address?: string; port?: number }
    return `[syncano-mock] Failed to listen on ${address}:${port}: ${code}. Choose another --port or --host.`
  }
  return `[syncano-mock] Failed to start: ${error instanceof Error ? error.message : String(error)}`
}
