/** Small shared helpers for the bench files: clocks, percentiles, the printed table, machine facts. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

/** Milliseconds from a monotonic nanosecond clock (process.hrtime.bigint). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` once and returns its result with the elapsed milliseconds. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = nowMs();
  const value = fn();
  return { ms: nowMs() - start, value };
}

/** The q-quantile (0..1) of samples by the nearest-rank method; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Median (the 0.5 quantile, nearest rank). */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

function threeDigits(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** A duration for people: µs below 1 ms, ms below 10 s, else s; about 3 significant digits. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${threeDigits(ms * 1000)} µs`;
  if (ms < 10_000) return `${threeDigits(ms)} ms`;
  return `${threeDigits(ms / 1000)} s`;
}

/** baseline ÷ value as `12.3×` (above 1: faster than the baseline); empty when either is missing. */
export function formatRatio(value: number, baseline: number): string {
  if (!(Number.isFinite(value) && Number.isFinite(baseline) && value > 0)) return '';
  const r = baseline / value;
  return `${r >= 100 ? Math.round(r) : r.toPrecision(3)}×`;
}

/** One line of the printed table; figures in milliseconds (baseline null when there is none). */
export interface Figure {
  measure: string;
  valueMs: number;
  baselineMs: number | null;
  /** What the baseline is, for the JSON (the table only shows its figure). */
  baseline?: string;
  note?: string;
}

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

function pad(s: string, width: number, left: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return left ? fill + s : s + fill;
}

/** Prints figures as an aligned table: measure, value, baseline, ratio (baseline ÷ value). */
export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.measure,
    formatMs(f.valueMs),
    f.baselineMs === null ? '' : formatMs(f.baselineMs),
    f.baselineMs === null ? '' : formatRatio(f.valueMs, f.baselineMs),
  ]);
  const header = ['measure', 'value', 'baseline', 'ratio'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: string[]): string =>
    cells.map((cell, c) => pad(cell, widths[c] ?? 0, c > 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** The machine a figure was measured on. */
export interface Machine {
  cpu: string;
  cpus: number;
  totalMemoryGiB: number;
  node: string;
  platform: string;
  heapLimitMiB: number;
}

/** CPU model and count, total memory, node version and the V8 heap limit of this process. */
export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    heapLimitMiB: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20),
  };
}

/** Prints the machine line every bench starts with. */
export function printMachine(m: Machine): void {
  console.log(
    `machine: ${m.cpu} × ${m.cpus}, ${m.totalMemoryGiB} GiB RAM, node ${m.node}, ${m.platform}, heap limit ${m.heapLimitMiB} MiB`,
  );
}

/** The node flags run.ts gives every bench file (and a bench file gives itself when run alone). */
export const BENCH_NODE_FLAGS = ['--import', 'tsx', '--max-old-space-size=16384', '--expose-gc'];

/**
 * When this process lacks the bench's heap or `gc`, re-runs the script under BENCH_NODE_FLAGS in a child
 * process and exits with its status; returns normally when the flags are already in effect. Lets a bench
 * file be run alone as `node --import tsx bench/src/x.bench.ts`.
 */
export function ensureBenchFlags(scriptUrl: string, minHeapMiB = 8192): void {
  const heapMiB = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
  if (heapMiB >= minHeapMiB && typeof globalThis.gc === 'function') return;
  if (process.env.WUXING_BENCH_CHILD === '1') return; // never loop
  const result = spawnSync(
    process.execPath,
    [...BENCH_NODE_FLAGS, fileURLToPath(scriptUrl), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, WUXING_BENCH_CHILD: '1' },
    },
  );
  process.exit(result.status ?? 1);
}

/** Collects garbage when node runs with --expose-gc, so a phase does not pay for the previous one's. */
export function collectGarbage(): void {
  globalThis.gc?.();
}

/**
 * Sums V8 garbage-collection pauses (perf_hooks `gc` entries). Entries arrive asynchronously, so read()
 * yields to the event loop first: call it between phases, outside timed regions.
 */
export class GcClock {
  private totalMs = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.totalMs += entry.duration;
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Total GC milliseconds observed so far. */
  async read(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
    return this.totalMs;
  }

  /** Stops observing. */
  stop(): void {
    this.observer.disconnect();
  }
}

/** Heap in use, in MiB (after a collection when possible). */
export function heapUsedMiB(): number {
  collectGarbage();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}

/** Writes a bench's figures as pretty JSON to bench/out/<name>.json and returns the path. */
export function writeJson(name: string, data: unknown): string {
  const dir = fileURLToPath(new URL('../out/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${name}.json`;
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

/** A positive integer from the environment, or the default. */
export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got “${raw}”`);
  return n;
}
