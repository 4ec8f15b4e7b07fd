// Types for app code: the bodies the mock (and the real API) answer with.
import type {
  DetailErrorBody,
  FieldErrorsBody,
  ListBody,
  UserBody,
} from 'syncano-mock'

/** An app's own client call, typed with the mock's body types. */
export async function listUsers(
  baseUrl: string,
  apiKey: string,
): Promise<ListBody<UserBody> | DetailErrorBody> {
  const response = await fetch(`${baseUrl}/v1.1/instances/my-instance/users/`, {
    headers: { 'X-API-KEY': apiKey },
  })
  return (await response.json()) as ListBody<UserBody> | DetailErrorBody
}

/** The first message of a validation error, for a form. */
export function firstMessage(errors: FieldErrorsBody): string | undefined {
  const first = Object.values(errors)[0]
  if (Array.isArray(first)) return first[0]
  return first && firstMessage(first)
}
