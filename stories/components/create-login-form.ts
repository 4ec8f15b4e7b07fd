import {
  callSyncano,
  describeFailure,
  type SyncanoConnection,
} from './call-syncano.ts'
import { createStatusLine } from './create-status-line.ts'

/** What the login form is given. */
export interface LoginFormProps {
  connection: SyncanoConnection
  username: string
  password: string
}

/**
 * A login form: `POST /v1.1/instances/<instance>/user/auth/` with the
 * username and password; the answer is the user with its `user_key`.
 *
 * @example
 * document.body.append(
 *   createLoginForm({ connection, username: 'jane', password: 'secret' }),
 * )
 */
export function createLoginForm(props: LoginFormProps): HTMLFormElement {
  const form = document.createElement('form')
  form.setAttribute('aria-label', 'Log in')
  form.innerHTML = `
    <label>Username <input name="username" autocomplete="username"></label>
    <label>Password <input name="password" type="password"
      autocomplete="current-password"></label>
    <button type="submit">Log in</button>`
  const [username, password] = form.querySelectorAll('input')
  const status = createStatusLine()
  if (username) username.value = props.username
  if (password) password.value = props.password
  form.append(status.element)

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    status.show('pending', 'Logging in…')
    try {
      const answer = await callSyncano(props.connection, 'POST', 'user/auth/', {
        username: username?.value,
        password: password?.value,
      })
      const user = answer.body as { username?: string }
      if (answer.status === 200)
        status.show('done', `Logged in as ${user.username}.`)
      else status.show('error', describeFailure(answer))
    } catch (error) {
      status.show('error', `Network error: ${(error as Error).message}`)
    }
  })
  return form
}
