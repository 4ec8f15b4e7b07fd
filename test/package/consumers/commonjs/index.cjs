// Loads the package with `require()` of ES modules (Node >= 20.19) and
// sends the documented PATCH through the mock.
const assert = require('node:assert/strict')
const { createSyncanoMock, SyncanoMockError } = require('syncano-mock')
const { setupSyncanoServer } = require('syncano-mock/node')

async function main() {
  const mock = createSyncanoMock()
  await mock.ready
  const response = await mock.fetch(
    new Request('https://api.syncano.io/v1.1/instances/my-instance/users/1/', {
      method: 'PATCH',
      headers: {
        'X-API-KEY': 'b5c6d7e8f90123456789abcdef0123456789abc1',
        'X-USER-KEY': '15e8b35e1cd9b8abf806f3e925951f2612bf0d20',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ username: 'janet' }),
    }),
  )
  const user = await response.json()

  assert.deepEqual([response.status, user.id, user.username], [200, 1, 'janet'])
  assert.equal(mock.data.user(1).username, 'janet')
  assert.equal(typeof setupSyncanoServer().server.listen, 'function')
  assert.throws(
    () => createSyncanoMock({ dialect: 'slang' }),
    (error) => error instanceof SyncanoMockError,
  )
  process.stdout.write('require() loads syncano-mock and renames jane\n')
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`)
  process.exitCode = 1
})
