import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/** A folder served over HTTP on a free port of the loopback. */
export interface ServedFolder {
  /** `http://localhost:<port>`: a secure context, as service workers need. */
  url: string
  close: () => Promise<void>
}

/**
 * Serves a built site (a Storybook build) as a static host would, so the
 * browser loads it over HTTP and msw's worker can register.
 *
 * @example
 * const site = await serveFolder('storybook-static')
 * await page.goto(`${site.url}/iframe.html?id=users-login-form--logged-in`)
 */
export async function serveFolder(root: string): Promise<ServedFolder> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const file = normalize(join(root, decodeURIComponent(path)))
    if (!file.startsWith(root + sep)) return response.writeHead(403).end()

    try {
      const bytes = await readFile(
        path.endsWith('/') ? join(file, 'index.html') : file,
      )
      const type = MEDIA_TYPES[extname(file)] ?? 'application/octet-stream'
      response.writeHead(200, { 'content-type': type }).end(bytes)
    } catch {
      response.writeHead(404).end()
    }
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://localhost:${port}`, close: () => close(server) }
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
