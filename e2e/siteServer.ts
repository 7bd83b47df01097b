// Servers for journeys that need a site of their own (a copy of the build they change or fill with
// other content): nginx with the deployment's configuration on its own port, and the child
// processes that build or change the copy.
import { spawn, type ChildProcess } from 'node:child_process'
import { expect, type APIRequestContext } from '@playwright/test'

/** A child process's end: its exit code and everything it printed. */
export function finished(child: ChildProcess) {
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  )
}

/** Resolves once a child process has printed `text` (on stdout); rejects if it exits first. */
export function printed(child: ChildProcess, text: string) {
  let output = ''
  return new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (!output.includes(text)) return
      child.stdout?.off('data', onData)
      resolve()
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing "${text}"`)))
  })
}

/** Runs a TypeScript script with Node (through tsx), its output kept, with more environment. */
export const runScript = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: 'pipe',
    env: { ...process.env, ...env },
  })

/** Stops child processes, waiting for each to exit, so their ports are free again. */
export async function stopAll(children: ChildProcess[]) {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        return exited
      }),
  )
}

/**
 * Starts nginx serving `root` on `port` with the configuration the build wrote (dist-nginx/), adds
 * it to `children` (for `stopAll`), and resolves once `request` (whose baseURL is that port) gets
 * the site's robots.txt.
 */
export async function serveWithNginx(
  root: string,
  port: number,
  request: APIRequestContext,
  children: ChildProcess[],
) {
  children.push(
    spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/nginx.ts', '--port', String(port), '--root', root],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    ),
  )
  await expect(async () => {
    expect((await request.get('/robots.txt')).status()).toBe(200)
  }).toPass()
}
