import {
  callSyncano,
  describeFailure,
  type SyncanoConnection,
} from './call-syncano.ts'
import { createStatusLine, type StatusLine } from './create-status-line.ts'

/** What the group members list is given. */
export interface GroupMembersListProps {
  /** An admin's connection: the account key lists every member. */
  connection: SyncanoConnection
  groupId: number
}

interface Member {
  user: { id: number; username: string }
}

/**
 * A group's members, from `GET /v1.1/instances/<instance>/groups/<id>/users/`,
 * each with a button that takes the user out of the group
 * (`DELETE groups/<id>/users/<user_id>/`) and reloads the list.
 *
 * @example
 * document.body.append(createGroupMembersList({ connection, groupId: 1 }))
 */
export function createGroupMembersList(
  props: GroupMembersListProps,
): HTMLElement {
  const section = document.createElement('section')
  section.setAttribute('aria-label', 'Group members')
  const list = document.createElement('ul')
  const status = createStatusLine()
  section.append(list, status.element)

  const load = async () => {
    status.show('pending', 'Loading members…')
    const path = `groups/${props.groupId}/users/`
    const answer = await callSyncano(props.connection, 'GET', path)
    if (answer.status !== 200)
      return status.show('error', describeFailure(answer))

    const members = (answer.body as { objects: Array<Member> }).objects
    const onRemove = (member: Member) => guard(status, () => remove(member))
    list.replaceChildren(...members.map((member) => item(member, onRemove)))
    status.show('done', countOf(members.length))
  }

  const remove = async (member: Member) => {
    status.show('pending', `Removing ${member.user.username}…`)
    const path = `groups/${props.groupId}/users/${member.user.id}/`
    const answer = await callSyncano(props.connection, 'DELETE', path)
    if (answer.status !== 204)
      return status.show('error', describeFailure(answer))
    await load()
  }

  void guard(status, load)
  return section
}

function item(member: Member, remove: (member: Member) => Promise<void>) {
  const element = document.createElement('li')
  const button = document.createElement('button')
  button.type = 'button'
  button.textContent = `Remove ${member.user.username}`
  button.addEventListener('click', () => remove(member))
  element.append(`${member.user.username} `, button)
  return element
}

function countOf(members: number): string {
  if (members === 0) return 'No members yet.'
  return members === 1 ? '1 member.' : `${members} members.`
}

/** Shows a dropped connection on the status line instead of throwing. */
async function guard(status: StatusLine, run: () => Promise<void>) {
  try {
    await run()
  } catch (error) {
    status.show('error', `Network error: ${(error as Error).message}`)
  }
}
