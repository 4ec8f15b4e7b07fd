import { key } from '../model/database.ts'
import type { SyncanoMock } from '../create-syncano-mock.ts'

/**
 * What the standalone server prints on start: where it is, the first
 * instance, one of its API keys, one user with its key, and a ready curl of
 * the documented PATCH.
 *
 * @example
 * process.stdout.write(formatBanner(mock, 'http://127.0.0.1:4010'))
 */
export function formatBanner(mock: SyncanoMock, url: string): string {
  const instance = mock.db.instances.all()[0]
  if (!instance) return `syncano-mock listening on ${url}\n`

  const apiKey = mock.db.apiKeys.list('byInstance', instance.name)[0]
  const user = mock.db.users.list('byInstance', instance.name)[0]
  const lines = [
    `syncano-mock (${mock.dialect} dialect) listening on ${url}`,
    '',
    `  instance  ${instance.name}`,
    `  api key   ${apiKey?.api_key ?? '(none)'}`,
  ]
  if (user) {
    const profile = mock.db.profiles.find(
      'byOwner',
      key(instance.name, user.id),
    )
    lines.push(
      `  user      ${user.id} ${user.username} (profile ${profile?.id ?? '-'})`,
      `  user key  ${user.user_key}`,
      '',
      'Try the documented update:',
      '',
      `  curl -X PATCH \\`,
      `    -H "X-API-KEY: ${apiKey?.api_key ?? '<API_KEY>'}" \\`,
      `    -H "X-USER-KEY: ${user.user_key}" \\`,
      `    -H "Content-Type: application/json" \\`,
      `    -d '{"username":"new-name"}' \\`,
      `    "${url}/v1.1/instances/${instance.name}/users/${user.id}/"`,
    )
  }
  return `${lines.join('\n')}\n\nPress Ctrl+C to stop.\n`
}
