/**
 * Which source of truth the mock follows where the two disagree:
 * `docs` reproduces the v1.1 documentation page, `server` the open-sourced
 * server.
 */
export type Dialect = 'docs' | 'server'

/** The API versions the users area is served under. */
export type ApiVersion = 'v1' | 'v1.1'
