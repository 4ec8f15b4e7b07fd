import type { Meta, StoryObj } from '@storybook/html-vite'
import { userEvent, within } from 'storybook/test'
import {
  createLoginForm,
  type LoginFormProps,
} from './components/create-login-form.ts'
import { demoKeys, mock } from './support/demo-mock.ts'

const meta: Meta<LoginFormProps> = {
  title: 'Users/Login form',
  render: (args) => createLoginForm(args),
  args: {
    connection: {
      baseUrl: 'https://api.syncano.io',
      instance: 'my-instance',
      apiKey: demoKeys.apiKey,
    },
    username: 'Jane',
    password: 'secret',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Log in' }))
  },
}

export default meta
type Story = StoryObj<LoginFormProps>

/** A username in any case logs in. */
export const LoggedIn: Story = {}

/** The server's 401 for a wrong password. */
export const WrongPassword: Story = {
  args: { password: 'wrong' },
}

/** The server's 400 for a missing password. */
export const MissingPassword: Story = {
  args: { password: '' },
}

/** 403: the instance owner's account is blocked for unpaid invoices. */
export const AccountBlocked: Story = {
  beforeEach: () => mock.scenarios.billing('overdue_invoices'),
}

/** The login takes two seconds. */
export const SlowNetwork: Story = {
  beforeEach: () => mock.scenarios.delay(2000, 'POST user/auth/'),
}

/** The connection drops. */
export const NetworkFailure: Story = {
  beforeEach: () => mock.scenarios.networkError('POST user/auth/'),
}
