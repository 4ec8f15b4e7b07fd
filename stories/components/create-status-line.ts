/** What a component is doing: waiting, done, or failed. */
export type StatusState = 'idle' | 'pending' | 'done' | 'error'

/** A live status line that screen readers announce and tests can read. */
export interface StatusLine {
  element: HTMLElement
  show: (state: StatusState, text: string) => void
}

/**
 * Creates the `role="status"` line under a form or a list; its
 * `data-state` tells the states apart for styling and tests.
 *
 * @example
 * const status = createStatusLine()
 * status.show('pending', 'Saving…')
 */
export function createStatusLine(): StatusLine {
  const element = document.createElement('p')
  element.setAttribute('role', 'status')
  element.dataset.state = 'idle'

  return {
    element,
    show: (state, text) => {
      element.dataset.state = state
      element.textContent = text
    },
  }
}
