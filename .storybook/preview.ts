// The README's Storybook quick start is this demo's preview: the loader
// starts msw's worker once, then puts the mock's handlers in place before
// each story. Every story starts from the fixtures; its own `beforeEach`
// adds the scenario it shows (a delay, a network error, a 403).
export { default } from '../examples/storybook-preview.ts'
