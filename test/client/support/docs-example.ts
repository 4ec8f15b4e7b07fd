import { createRequire } from 'node:module'
import { runInNewContext } from 'node:vm'

/**
 * The JavaScript example of the v1.1 documentation page "Users - update"
 * (`PATCH /v1.1/instances/<instance_name>/users/<user_id>/`), byte for byte.
 * `API_KEY` and `USER_KEY` are placeholders in quotes; `INSTANCE_NAME`,
 * `USER_ID`, `USERNAME`, `PASSWORD` and `callback` are free variables the
 * reader supplies.
 */
export const DOCS_UPDATE_EXAMPLE = `var Syncano = require("syncano");
var connection = Syncano({apiKey: "API_KEY", userKey: "USER_KEY"});
var User = connection.User;

var query = {instanceName: INSTANCE_NAME, id: USER_ID};
var update = {username: USERNAME, password: PASSWORD};

User.please().update(query, update).then(callback);`

/** What a reader fills in before running the example. */
export interface DocsExampleInputs {
  API_KEY: string
  USER_KEY: string
  INSTANCE_NAME: string
  USER_ID: number
  USERNAME: string
  PASSWORD: string
}

/** What the example's `callback` received. */
export interface DocsExampleResult {
  /** The first argument: a `User` model. */
  model: Record<string, unknown>
  /** The second argument: the response body. */
  raw: unknown
}

const require = createRequire(import.meta.url)

/**
 * Fills the two quoted key placeholders, the only text a reader edits, and
 * fails when one of them is not in the text exactly once.
 *
 * @example
 * fillKeyPlaceholders(DOCS_UPDATE_EXAMPLE, { API_KEY: '…1', USER_KEY: '…0' })
 */
export function fillKeyPlaceholders(
  code: string,
  keys: Pick<DocsExampleInputs, 'API_KEY' | 'USER_KEY'>,
): string {
  let filled = code
  for (const [name, value] of Object.entries(keys)) {
    const parts = filled.split(`"${name}"`)
    if (parts.length !== 2) {
      throw new Error(`Expected "${name}" once in the example.`)
    }
    filled = parts.join(JSON.stringify(value))
  }
  return filled
}

/**
 * Runs the documentation example with the real `syncano` package and
 * resolves what its `callback` received. It rejects when the request fails:
 * the example's `.then(callback)` promise is the script's completion value.
 *
 * @example
 * const { model, raw } = await runDocsUpdateExample({ API_KEY: keys.apiKey, ... })
 */
export async function runDocsUpdateExample(
  inputs: DocsExampleInputs,
): Promise<DocsExampleResult> {
  const { API_KEY, USER_KEY, ...variables } = inputs
  const code = fillKeyPlaceholders(DOCS_UPDATE_EXAMPLE, { API_KEY, USER_KEY })
  const calls: Array<DocsExampleResult> = []
  const callback = (model: Record<string, unknown>, raw: unknown) => {
    calls.push({ model, raw })
  }

  await runInNewContext(code, { require, callback, ...variables })

  const [call] = calls
  if (calls.length !== 1 || !call) {
    throw new Error(`Expected one callback call, got ${calls.length}.`)
  }
  return call
}
