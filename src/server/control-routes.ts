import type { SyncanoMock } from '../create-syncano-mock.ts'
import {
  SyncanoMockError,
  SyncanoMockErrorCode,
} from '../errors/syncano-mock-error.ts'
import { withoutHeadBody } from '../http/handle-request.ts'
import { json, noContent } from '../http/responses.ts'
import type { JournalFilter } from '../toolkit/journal.ts'

/** The reserved path prefix of the control routes; the API never uses it. */
const CONTROL_PREFIX = '/__mock/'

/**
 * Answers the standalone server's control routes, so tests in any language
 * can drive a mock over HTTP; `null` for any other path.
 *
 * - `GET /__mock/journal` lists the journal; `route`, `method`, `user` and
 *   `status` query parameters filter it as `journal.filter()` does.
 * - `DELETE /__mock/journal` clears it.
 * - `POST /__mock/reset` puts the fixtures back.
 * - `GET /__mock/snapshot` answers a snapshot; `POST /__mock/restore` takes
 *   one back as its JSON body.
 *
 * `HEAD` answers as `GET` does, without the body. A refused control answers
 * 400, and a path or method that names none 404, each with the error's
 * `detail` and `code`.
 *
 * @example
 * const answer = (await answerControlRoute(mock, request)) ?? otherwise()
 */
export async function answerControlRoute(
  mock: SyncanoMock,
  request: Request,
): Promise<Response | null> {
  const url = new URL(request.url)
  if (!url.pathname.startsWith(CONTROL_PREFIX)) return null

  const path = url.pathname.slice(CONTROL_PREFIX.length)
  const head = request.method === 'HEAD'
  const answer = await answerAction(
    mock,
    `${head ? 'GET' : request.method} ${path}`,
    `${request.method} ${path}`,
    request,
    url,
  )
  return withoutHeadBody(request, answer)
}

async function answerAction(
  mock: SyncanoMock,
  action: string,
  asSent: string,
  request: Request,
  url: URL,
): Promise<Response> {
  try {
    return await control(mock, action, asSent, request, url)
  } catch (error) {
    if (!(error instanceof SyncanoMockError)) throw error
    const status = error.code === SyncanoMockErrorCode.UNKNOWN_ROUTE ? 404 : 400
    return json(status, { detail: error.message, code: error.code })
  }
}

async function control(
  mock: SyncanoMock,
  action: string,
  asSent: string,
  request: Request,
  url: URL,
): Promise<Response> {
  switch (action.replace(/\/$/, '')) {
    case 'GET journal':
      return json(200, mock.journal.filter(filterOf(url.searchParams)))
    case 'DELETE journal':
      mock.journal.clear()
      return noContent()
    case 'POST reset':
      await mock.reset()
      return noContent()
    case 'GET snapshot':
      return json(200, await mock.snapshot())
    case 'POST restore':
      await mock.restore(await readJson(request))
      return noContent()
    default:
      throw new SyncanoMockError(
        SyncanoMockErrorCode.UNKNOWN_ROUTE,
        `No control route "${asSent}".`,
      )
  }
}

function filterOf(query: URLSearchParams): JournalFilter {
  const filter: JournalFilter = {}
  const route = query.get('route')
  const method = query.get('method')
  const user = query.get('user')
  const status = query.get('status')

  if (route) filter.route = route
  if (method) filter.method = method
  // `0` is no user id, so it is read as a username like any other text.
  if (user) filter.user = /^[1-9]\d*$/.test(user) ? Number(user) : user
  // Text that is not digits goes on as it is, so the error names it.
  if (status)
    filter.status = /^\d+$/.test(status) ? Number(status) : (status as never)
  return filter
}

/** A snapshot sent as the body; a body that is not JSON is refused. */
async function readJson(request: Request): Promise<never> {
  try {
    return (await request.json()) as never
  } catch (error) {
    throw new SyncanoMockError(
      SyncanoMockErrorCode.INVALID_OPTION,
      'Failed to restore a snapshot: the body is not valid JSON.',
      { cause: error },
    )
  }
}
