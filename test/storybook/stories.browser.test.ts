import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts'
import { buildStorybook } from './support/build-storybook.ts'
import { serveFolder, type ServedFolder } from './support/serve-folder.ts'

/** What a story shows once the mock has answered. */
interface Shown {
  /** The status line's final text. */
  status: string
  /** The status line while the slow answer is on its way. */
  pending?: string
  /** The list items, for the members list. */
  members?: Array<string>
}

const FORBIDDEN = 'You do not have permission to perform this action.'

// Every story of the demo, with the text the mock's answer puts on the page.
const stories: Record<string, Shown> = {
  'users-edit-my-profile--saved': { status: 'Saved as janet.' },
  'users-edit-my-profile--username-too-long': {
    status:
      '400 username: Ensure this value has at most 64 characters (it has 65).',
  },
  'users-edit-my-profile--username-taken': {
    status: '400 username: This field must be unique.',
  },
  'users-edit-my-profile--forbidden': { status: `403 ${FORBIDDEN}` },
  'users-edit-my-profile--not-found': { status: '404 Not found' },
  'users-edit-my-profile--slow-network': {
    pending: 'Saving…',
    status: 'Saved as janet.',
  },
  'users-edit-my-profile--network-failure': {
    status: 'Network error: Failed to fetch',
  },
  'users-login-form--logged-in': { status: 'Logged in as jane.' },
  'users-login-form--wrong-password': { status: '401 Invalid password.' },
  'users-login-form--missing-password': {
    status: '400 password: This field may not be blank.',
  },
  'users-login-form--account-blocked': {
    status: '403 Account blocked due to overdue invoices.',
  },
  'users-login-form--slow-network': {
    pending: 'Logging in…',
    status: 'Logged in as jane.',
  },
  'users-login-form--network-failure': {
    status: 'Network error: Failed to fetch',
  },
  'users-group-members--members': {
    status: '2 members.',
    members: ['jane Remove jane', 'john Remove john'],
  },
  'users-group-members--member-removed': {
    status: '1 member.',
    members: ['jane Remove jane'],
  },
  'users-group-members--empty-group': {
    status: 'No members yet.',
    members: [],
  },
  'users-group-members--unknown-group': { status: '404 Group was not found.' },
  'users-group-members--account-blocked': {
    status: '403 Hard limit reached.',
  },
  'users-group-members--slow-network': {
    pending: 'Loading members…',
    status: '2 members.',
  },
  'users-group-members--network-failure': {
    status: 'Network error: Failed to fetch',
  },
}

// Written on every run for people to look at; the folder is git-ignored.
const screenshots = fileURLToPath(
  new URL('../../.screenshots/', import.meta.url),
)
const screenshotted = [
  'users-edit-my-profile--username-taken',
  'users-group-members--members',
]

let output: string
let site: ServedFolder
let browser: Browser
// One context for all pages: they share the HTTP cache and msw's worker.
let context: BrowserContext

beforeAll(async () => {
  output = await mkdtemp(join(tmpdir(), 'syncano-mock-storybook-'))
  await buildStorybook(output)
  site = await serveFolder(output)
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  })
  context = await browser.newContext({ viewport: { width: 640, height: 360 } })
  await mkdir(screenshots, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  if (output) await rm(output, { recursive: true, force: true })
})

// Each page has its own copy of the mock, so stories can load side by side.
describe.concurrent('storybook build', () => {
  test('builds exactly the stories listed here', async ({ expect }) => {
    const index = JSON.parse(
      await readFile(join(output, 'index.json'), 'utf8'),
    ) as { entries: Record<string, unknown> }

    expect(Object.keys(index.entries).sort()).toEqual(
      Object.keys(stories).sort(),
    )
  })

  for (const [id, shown] of Object.entries(stories)) {
    test(`shows "${shown.status}" in ${id}`, async ({ expect }) => {
      const page = await context.newPage()
      const errors: Array<string> = []
      page.on('pageerror', (error) => errors.push(error.message))
      await page.goto(`${site.url}/iframe.html?id=${id}&viewMode=story`)

      const status = page.getByRole('status')
      if (shown.pending) {
        await page.locator('[role=status][data-state=pending]').waitFor()
        expect(await status.textContent()).toBe(shown.pending)
      }
      // A story may pass through other settled states first (the members
      // list shows two members before its play function removes one).
      await expect
        .poll(() => status.textContent(), { timeout: 15_000 })
        .toBe(shown.status)
      if (shown.members) {
        expect(await page.getByRole('listitem').allTextContents()).toEqual(
          shown.members,
        )
      }
      expect(
        await page.evaluate(
          () => navigator.serviceWorker.controller?.scriptURL,
        ),
      ).toBe(`${site.url}/mockServiceWorker.js`)
      expect(errors).toEqual([])

      if (screenshotted.includes(id)) {
        await page.screenshot({ path: join(screenshots, `${id}.png`) })
      }
      await page.close()
    })
  }
})
