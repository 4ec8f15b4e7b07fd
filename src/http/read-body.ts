import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import { parseJson } from './parse-json.ts'

/**
 * A request body as the server's parsers see it: `data` is what DRF calls
 * `request.data`, or the error that reading it raises.
 */
export type RequestBody =
  { ok: true; data: unknown; form: boolean } | { ok: false; error: ApiError }

const EMPTY: RequestBody = { ok: true, data: {}, form: false }

/**
 * Reads and parses a request body with the server's parser list:
 * JSON, `text/plain` (read as JSON), URL-encoded forms and multipart forms
 * (`DEFAULT_PARSER_CLASSES` in `settings/common.py`). Anything else is a 415.
 *
 * @example
 * const body = await readBody(request)
 * if (body.ok) body.data // { username: 'jane' }
 */
export async function readBody(
  bytes: Uint8Array,
  contentType: string | null,
): Promise<RequestBody> {
  // DRF treats an empty stream, or no content type, as no data at all.
  if (bytes.length === 0 || !contentType) return EMPTY

  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase()
  switch (mediaType) {
    case 'application/json':
    case 'text/plain':
      return readJson(bytes)
    case 'application/x-www-form-urlencoded':
      return readForm(new TextDecoder().decode(bytes))
    case 'multipart/form-data':
      return readMultipart(bytes, contentType)
    default:
      return {
        ok: false,
        error: ApiError.detail(415, messages.unsupportedMediaType(contentType)),
      }
  }
}

function readJson(bytes: Uint8Array): RequestBody {
  const result = parseJson(bytes)
  if (result.ok) return { ok: true, data: result.value, form: false }

  return {
    ok: false,
    error: ApiError.detail(400, `JSON parse error - ${result.message}`),
  }
}

function readForm(text: string): RequestBody {
  return { ok: true, data: formToObject(new URLSearchParams(text)), form: true }
}

async function readMultipart(
  bytes: Uint8Array,
  contentType: string,
): Promise<RequestBody> {
  try {
    const response = new Response(new Blob([bytes as BlobPart]), {
      headers: { 'content-type': contentType },
    })
    return {
      ok: true,
      data: formToObject(await response.formData()),
      form: true,
    }
  } catch {
    const boundary = /boundary=/i.test(contentType) ? 'invalid' : 'None'
    return {
      ok: false,
      error: ApiError.detail(
        400,
        `Multipart form parse error - Invalid boundary in multipart: ${boundary}`,
      ),
    }
  }
}

/**
 * Turns form fields into the object a serializer reads. A repeated field
 * keeps its last value, as Django's `QueryDict.get` does, and `a.b` fields
 * become nested objects, as DRF reads nested serializers from HTML input.
 */
export function formToObject(
  form: Iterable<[string, FormDataEntryValue]>,
): Record<string, unknown> {
  const data: Record<string, unknown> = {}

  for (const [name, value] of form) {
    const text = typeof value === 'string' ? value : value.name
    const dot = name.indexOf('.')
    if (dot === -1) {
      data[name] = text
      continue
    }

    const parent = name.slice(0, dot)
    const nested = isPlainObject(data[parent]) ? data[parent] : {}
    nested[name.slice(dot + 1)] = text
    data[parent] = nested
  }

  return data
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
