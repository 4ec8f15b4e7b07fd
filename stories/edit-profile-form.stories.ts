import type { Meta, StoryObj } from '@storybook/html-vite'
import { userEvent, within } from 'storybook/test'
import {
  createEditProfileForm,
  type EditProfileFormProps,
} from './components/create-edit-profile-form.ts'
import { demoKeys, mock } from './support/demo-mock.ts'

const jane = {
  baseUrl: 'https://api.syncano.io',
  instance: 'my-instance',
  apiKey: demoKeys.apiKey,
  userKey: demoKeys.jane,
}

// Each story types nothing: its args hold the value sent, and its play
// function presses Save, so the page shows the mock's answer.
const meta: Meta<EditProfileFormProps> = {
  title: 'Users/Edit my profile',
  render: (args) => createEditProfileForm(args),
  args: { connection: jane, userId: 1, username: 'janet' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
  },
}

export default meta
type Story = StoryObj<EditProfileFormProps>

/** The documented PATCH renames jane. */
export const Saved: Story = {}

/** 403: the app lost the user key, and an API key alone may not edit. */
export const Forbidden: Story = {
  args: { connection: { ...jane, userKey: undefined } },
}

/** 404: a user key only finds its own user. */
export const NotFound: Story = {
  args: { userId: 2 },
}

/** The server's 400 for a username over 64 characters. */
export const UsernameTooLong: Story = {
  args: { username: 'j'.repeat(65) },
}

/** The server's 400 for a username another user has, in any case. */
export const UsernameTaken: Story = {
  args: { username: 'John' },
}

/** The PATCH takes two seconds: the form shows that it is saving. */
export const SlowNetwork: Story = {
  beforeEach: () => mock.scenarios.delay(2000, 'PATCH users/:id/'),
}

/** The connection drops: fetch rejects and the form says so. */
export const NetworkFailure: Story = {
  beforeEach: () => mock.scenarios.networkError('PATCH users/:id/'),
}
