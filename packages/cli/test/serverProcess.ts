import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { CliTarget } from './cliEnv';

const BIN = resolve(import.meta.dirname, '../bin/wuxing.js');
const CLI_DIR = resolve(import.meta.dirname, '..');
/** Under the repository's node_modules, so the bundle's external imports resolve as the sources' do. */
const BUNDLE_DIR = resolve(import.meta.dirname, '../../../node_modules/.cache/wuxing-cli-test');

/** A `wuxing serve` child process on its own port. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Kills the process with SIGKILL and waits for it to be gone. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** How to run the `wuxing` command: `bin/wuxing.js` (tsx), or a prebuilt bundle of the same sources. */
export interface WuxingCommand {
  script: string;
  /** Removes the bundle (nothing for the bin script). */
  remove(): void;
}

/**
 * The `wuxing` command bundled once with esbuild: `packages/cli/src/main.ts` and the workspace packages in
 * one file, every npm package left external — exactly what `bin/wuxing.js` runs, without tsx compiling
 * hundreds of files on each start. A test that restarts the server many times (kill -9) starts each in about
 * half the CPU time.
 */
export async function bundledWuxing(): Promise<WuxingCommand> {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const script = resolve(BUNDLE_DIR, `wuxing-${process.pid}-${Date.now()}.mjs`);
  await build({
    stdin: {
      contents:
        "import { main } from './src/main.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n",
      resolveDir: CLI_DIR,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-packages-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@wuxing/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return { script, remove: () => rmSync(script, { force: true }) };
}

/** `bin/wuxing.js`, the command as installed. */
export const binWuxing: WuxingCommand = { script: BIN, remove: () => {} };

/** A port the system says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Starts `wuxing serve` for a target and waits until it answers. */
export async function startServer(
  target: CliTarget,
  port: number,
  command: WuxingCommand = binWuxing,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [command.script, 'serve'], {
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
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A logged-in session: its cookie and CSRF token, usable against any server of the same database. */
export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

/** Logs in over HTTP and returns the session (cookie and CSRF token). */
export async function httpSession(url: string, username: string, password: string): Promise<HttpSession> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login failed ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** fetch helpers carrying a session's cookie and CSRF token to one server. */
export function httpClient(url: string, session: HttpSession) {
  const headers = {
    cookie: session.cookie,
    'x-csrf-token': session.csrfToken,
    'content-type': 'application/json',
  };
  return {
    post: (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
    get: (path: string) => fetch(`${url}${path}`, { headers }),
  };
}

/** Logs in over HTTP and returns fetch helpers carrying the cookie and CSRF token. */
export async function httpLogin(url: string, username: string, password: string) {
  return httpClient(url, await httpSession(url, username, password));
}
