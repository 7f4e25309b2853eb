// `npm test`: typecheck, lint, then every Vitest project — core unit tests, server integration tests on
// SQLite (and PostgreSQL when DATABASE_URL is set), and browser tests in Debian's Chromium when it is there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

console.log(
  process.env.DATABASE_URL
    ? '[wuxing] 集成测试在 SQLite 和 PostgreSQL 上运行（DATABASE_URL 已设置）'
    : '[wuxing] DATABASE_URL 未设置：PostgreSQL 集成测试跳过，只在 SQLite 上运行',
);
run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('npx', ['biome', 'check', '.']);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const projects = ['--project', 'core', '--project', 'server'];
if (existsSync(chromium)) {
  run('node', ['scripts/ensure-web-build.mjs']);
  projects.push('--project', 'e2e');
} else {
  console.log(
    `[wuxing] 未找到 ${chromium}：浏览器测试跳过（安装 Debian 的 chromium 和 fonts-noto-cjk 后运行）`,
  );
}
run('npx', ['vitest', 'run', ...projects]);
