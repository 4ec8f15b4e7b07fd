import type { Meta, StoryObj } from '@storybook/html-vite'
import { userEvent, within } from 'storybook/test'
import {
  createGroupMembersList,
  type GroupMembersListProps,
} from './components/create-group-members-list.ts'
import { demoKeys, mock } from './support/demo-mock.ts'

const meta: Meta<GroupMembersListProps> = {
  title: 'Users/Group members',
  render: (args) => createGroupMembersList(args),
  args: {
    connection: {
      baseUrl: 'https://api.syncano.io',
      instance: 'my-instance',
      apiKey: demoKeys.account,
    },
    groupId: 1,
  },
}

export default meta
type Story = StoryObj<GroupMembersListProps>

/** `main_group` of the fixtures, with jane and john. */
export const Members: Story = {}

/** Removing john from the group, then the list as the server has it. */
export const MemberRemoved: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const remove = await canvas.findByRole('button', { name: 'Remove john' })
    await userEvent.click(remove)
  },
}

/** A group made for the story, with nobody in it yet. */
export const EmptyGroup: Story = {
  args: { groupId: 4 },
  beforeEach: async () => {
    await mock.data.createGroup({ name: 'editors', label: 'Editors' })
  },
}

/** 404 for a group that does not exist. */
export const UnknownGroup: Story = {
  args: { groupId: 99 },
}

/** 403: the instance owner's account is over its hard limit. */
export const AccountBlocked: Story = {
  beforeEach: () => mock.scenarios.billing('hard_limit_reached'),
}

/** The list takes two seconds to load. */
export const SlowNetwork: Story = {
  beforeEach: () => mock.scenarios.delay(2000, 'GET groups/:id/users/'),
}

/** The connection drops. */
export const NetworkFailure: Story = {
  beforeEach: () => mock.scenarios.networkError('GET groups/:id/users/'),
}
