/**
 * The one mock behind every story: `fixtures/default.json`, reset before
 * each story by the preview, with the story's scenarios on top.
 */
export { mock } from '../../examples/storybook-preview.ts'

/** Keys of `fixtures/default.json` that the demo components are given. */
export const demoKeys = {
  /** The instance API key an app ships with (`allow_user_create`). */
  apiKey: 'b5c6d7e8f90123456789abcdef0123456789abc1',
  /** jane's user key, as a login answers it. */
  jane: '15e8b35e1cd9b8abf806f3e925951f2612bf0d20',
  /** The admin's account key, for the admin pages. */
  account: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345670',
} as const
