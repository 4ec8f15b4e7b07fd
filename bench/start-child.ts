import { fork, type ChildProcess } from 'node:child_process'

/** A server running in a child process of the benchmark. */
export interface ChildServer {
  url: string
  stop: () => void
}

/**
 * Forks a TypeScript server script and waits for the URL it reports over
 * IPC, so the load generator and the server never share a thread.
 */
export function startChild(
  script: string,
  args: Array<string>,
  execArgv = ['--import', 'tsx'],
): Promise<ChildServer> {
  const child = fork(script, args, {
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  return waitForUrl(child)
}

function waitForUrl(child: ChildProcess): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) =>
      reject(new Error(`Server exited early (${code})`)),
    )
    child.once('message', (message) => {
      const { url } = message as { url: string }
      resolve({ url, stop: () => child.kill() })
    })
  })
}
