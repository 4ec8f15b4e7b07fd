/**
 * Debian's Chromium (`apt-get install chromium`), which the browser and
 * Storybook tests drive through Playwright; `CHROMIUM_PATH` names another.
 * Playwright downloads no browser of its own, so nothing else is needed.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Launch flags for a headless run on a machine with no GPU and no network
 * but loopback. Playwright adds `--headless` and a fresh profile itself.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every host but the loopback fails to resolve, so a request the mock does
  // not answer can never leave the machine; the service worker answers
  // mocked requests before any name is resolved.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
]
