/** Where and as whom a component calls Syncano. */
export interface SyncanoConnection {
  /** `https://api.syncano.io`, or the standalone server's address. */
  baseUrl: string
  instance: string
  /** Sent as `X-API-KEY`. */
  apiKey: string
  /** Sent as `X-USER-KEY` once a user has logged in. */
  userKey?: string
}

/** A status and the JSON body that came with it. */
export interface SyncanoAnswer {
  status: number
  body: unknown
}

/**
 * Calls one route below `/v1.1/instances/<instance>/`, as an app's own thin
 * client does. A dropped connection rejects with fetch's `TypeError`.
 *
 * @example
 * const { status, body } = await callSyncano(connection, 'PATCH', 'users/1/', {
 *   username: 'janet',
 * })
 */
export async function callSyncano(
  connection: SyncanoConnection,
  method: string,
  path: string,
  body?: unknown,
): Promise<SyncanoAnswer> {
  const { baseUrl, instance, apiKey, userKey } = connection
  const headers: Record<string, string> = { 'X-API-KEY': apiKey }
  if (userKey) headers['X-USER-KEY'] = userKey
  if (body !== undefined) headers['Content-Type'] = 'application/json'

  const response = await fetch(
    `${baseUrl}/v1.1/instances/${instance}/${path}`,
    {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  )
  return { status: response.status, body: await read(response) }
}

// An unknown URL gets Django's HTML 404, which is no JSON: keep it as text.
async function read(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return text
  }
}

/**
 * The line a form shows for a failed call: the status, then the `detail`, or
 * the first field error with its field (`username: This field must be
 * unique.`).
 */
export function describeFailure({ status, body }: SyncanoAnswer): string {
  return `${status} ${firstMessage(body) ?? 'Unexpected answer.'}`
}

function firstMessage(body: unknown, field?: string): string | undefined {
  if (typeof body === 'string') return field ? `${field}: ${body}` : body
  if (Array.isArray(body)) return firstMessage(body[0], field)
  if (!body || typeof body !== 'object') return undefined

  const [name, value] = Object.entries(body)[0] ?? []
  if (name === undefined) return undefined
  return firstMessage(value, name === 'detail' ? field : (field ?? name))
}
