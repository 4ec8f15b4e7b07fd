import type { View } from './view.ts'

const ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/**
 * The `Allow` header DRF sends with every answer of a view: its methods in
 * DRF's order, then HEAD when GET is there, then OPTIONS.
 *
 * @example
 * allowHeader(views.userDetail) // 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'
 */
export function allowHeader(view: View): string {
  const methods = ORDER.filter((method) => view.methods[method])
  if (view.methods.GET) methods.push('HEAD')
  methods.push('OPTIONS')
  return methods.join(', ')
}
