/**
 * Reads a query parameter as Django's `QueryDict.get` does: a repeated
 * parameter gives its last value.
 *
 * @example
 * queryParam(new URLSearchParams('a=1&a=2'), 'a') // '2'
 */
export function queryParam(
  query: URLSearchParams,
  name: string,
): string | null {
  const values = query.getAll(name)
  return values.length > 0 ? (values[values.length - 1] as string) : null
}
