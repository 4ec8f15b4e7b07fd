import { setupWorker } from 'msw/browser'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { registerCoreBehaviour } from '../shared/core-behaviour.ts'

// The suite of core.node.test.ts, here answered by msw's service worker in
// Chromium: the requests leave the page and come back through the worker.
const worker = setupWorker()

beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }))
afterEach(() => worker.resetHandlers())
afterAll(() => worker.stop())

test('runs in Chromium with the service worker in control', () => {
  expect(navigator.userAgent).toContain('Chrome/')
  expect(navigator.serviceWorker.controller?.scriptURL).toBe(
    `${location.origin}/mockServiceWorker.js`,
  )
})

registerCoreBehaviour({ serve: (mock) => worker.use(...mock.handlers) })
