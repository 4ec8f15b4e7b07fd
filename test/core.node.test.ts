import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { registerCoreBehaviour } from './shared/core-behaviour.ts'

// The same suite runs in Chromium (core.browser.test.ts) through a service
// worker; here msw's setupServer intercepts Node's global fetch.
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

registerCoreBehaviour({ serve: (mock) => server.use(...mock.handlers) })
