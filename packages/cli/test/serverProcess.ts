import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { CliTarget } from './cliEnv';

const BIN = resolve(import.meta.dirname, '../bin/wuxing.js');

/** A `wuxing serve` child process on its own port. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Kills the process with SIGKILL and waits for it to be gone. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `wuxing serve` for a target and waits until it answers. */
export async function startServer(target: CliTarget, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, ...target.env, PORT: String(port), HOST: '127.0.0.1', WUXING_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const r = await fetch(`${url}/api/meta`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Logs in over HTTP and returns fetch helpers carrying the cookie and CSRF token. */
export async function httpLogin(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login failed ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  return {
    post: (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
    get: (path: string) => fetch(`${url}${path}`, { headers }),
  };
}
