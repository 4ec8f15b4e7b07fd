/**
 * Decodes a URL path as the server's WSGI layer does before Django matches
 * it: percent escapes become UTF-8 text (an encoded slash becomes a real
 * one), and an escape that is not valid UTF-8 becomes U+FFFD.
 *
 * @example
 * decodePath('/v1.1/instances/my%2Dinstance/') // '/v1.1/instances/my-instance/'
 */
export function decodePath(path: string): string {
  if (!path.includes('%')) return path

  const bytes: Array<number> = []
  for (let index = 0; index < path.length; index++) {
    const escape = /^%[0-9a-f]{2}$/i.test(path.slice(index, index + 3))
    if (escape) {
      bytes.push(parseInt(path.slice(index + 1, index + 3), 16))
      index += 2
      continue
    }
    bytes.push(...new TextEncoder().encode(path[index]))
  }

  return new TextDecoder().decode(new Uint8Array(bytes))
}
