// A child process of the benchmark: the standalone server on a free port.
import { createSyncanoMock } from '../../src/index.ts'
import { startStandaloneServer } from '../../src/server/create-standalone-server.ts'
import { benchFixtures } from '../bench-fixtures.ts'

const users = Number(process.argv[2] ?? 100)
const mock = createSyncanoMock({ fixtures: benchFixtures(users), baseUrl: '*' })
await mock.ready

const { url } = await startStandaloneServer({ mock, port: 0 })
process.send?.({ url })
