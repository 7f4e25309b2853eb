// Builds the web app when it has never been built or its sources are newer than the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const web = join(root, 'packages/web');
const built = join(web, 'dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts')].filter(existsSync);
const stale =
  !existsSync(built) ||
  sources.some(
    (s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > statSync(built).mtimeMs,
  );
if (stale) {
  console.log('[wuxing] 正在构建网页（首次启动约需半分钟）…');
  const r = spawnSync('npm', ['run', 'build', '--workspace', '@wuxing/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
