import {
  callSyncano,
  describeFailure,
  type SyncanoConnection,
} from './call-syncano.ts'
import { createStatusLine } from './create-status-line.ts'

/** What the "edit my profile" form is given. */
export interface EditProfileFormProps {
  connection: SyncanoConnection
  /** The logged-in user's id, as the login answered it. */
  userId: number
  /** The username the field starts with. */
  username: string
}

/**
 * An "edit my profile" form: it renames the user with the documented
 * `PATCH /v1.1/instances/<instance>/users/<id>/`, sent with the app's API
 * key and the user's own user key, and shows the answer.
 *
 * @example
 * document.body.append(
 *   createEditProfileForm({ connection, userId: 1, username: 'jane' }),
 * )
 */
export function createEditProfileForm(
  props: EditProfileFormProps,
): HTMLFormElement {
  const form = document.createElement('form')
  form.setAttribute('aria-label', 'Edit my profile')
  form.innerHTML = `
    <label>Username <input name="username" autocomplete="username"></label>
    <button type="submit">Save</button>`
  const input = form.querySelector('input') as HTMLInputElement
  const button = form.querySelector('button') as HTMLButtonElement
  const status = createStatusLine()
  input.value = props.username
  form.append(status.element)

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    button.disabled = true
    status.show('pending', 'Saving…')
    try {
      const answer = await callSyncano(
        props.connection,
        'PATCH',
        `users/${props.userId}/`,
        { username: input.value },
      )
      const saved = answer.body as { username?: string }
      if (answer.status === 200)
        status.show('done', `Saved as ${saved.username}.`)
      else status.show('error', describeFailure(answer))
    } catch (error) {
      status.show('error', `Network error: ${(error as Error).message}`)
    } finally {
      button.disabled = false
    }
  })
  return form
}
