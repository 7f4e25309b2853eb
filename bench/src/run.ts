/**
 * `npm run bench`: runs every bench file in its own node process (with BENCH_NODE_FLAGS: tsx, a larger
 * heap, --expose-gc), one after another, and exits non-zero if any fails. `npm run bench -- ranking` runs
 * only the bench files whose name contains one of the arguments.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_NODE_FLAGS } from './harness';

/** The bench files, in run order; each is also runnable alone. */
const BENCHES = ['ranking.bench.ts', 'contest.bench.ts', 'submit.bench.ts', 'webBundle.bench.ts'];

const filters = process.argv.slice(2);
const selected = BENCHES.filter((b) => filters.length === 0 || filters.some((f) => b.includes(f)));
if (selected.length === 0) {
  console.error(`no bench matches ${filters.join(', ')}; known: ${BENCHES.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const bench of selected) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(
    process.execPath,
    [...BENCH_NODE_FLAGS, fileURLToPath(new URL(bench, import.meta.url))],
    {
      stdio: 'inherit',
      env: { ...process.env, WUXING_BENCH_CHILD: '1' },
    },
  );
  if (result.status !== 0) {
    failed++;
    console.error(`=== ${bench} failed (exit ${result.status ?? result.signal}) ===`);
  }
}
process.exit(failed > 0 ? 1 : 0);
