/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, and the
 * most inclusive time grouped by package/file, so a hot path is visible without a browser.
 * Usage: npx ts-node --transpile-only bench/tools/cpu-profile-top.ts <file.cpuprofile> [rows] [function] [depth]
 * With a function name, also lists the call stacks (`depth` frames up, default 3) that spend the most time in it.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg, focus, depthArg] = process.argv.slice(2);
const depth = Number(depthArg ?? 3);
if (!file) {
  console.error('usage: cpu-profile-top.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Self time per node from the sample timeline.
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, 'npm:')
    .replace(/^.*\/(apps|libs|dist)\//, '$1/');
const frameKey = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
const moduleKey = (node: ProfileNode) => {
  const url = shortUrl(node.callFrame.url);
  if (!url) return node.callFrame.functionName; // (garbage collector), (program), (idle)
  const pkg = /^npm:((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pkg ? `npm:${pkg[1]}` : url.startsWith('node:') ? url : url;
};

const self = new Map<string, number>();
const selfModule = new Map<string, number>();
const inclusiveModule = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  self.set(frameKey(node), (self.get(frameKey(node)) ?? 0) + us);
  selfModule.set(moduleKey(node), (selfModule.get(moduleKey(node)) ?? 0) + us);
  // Inclusive per module: each module on the stack once.
  const seen = new Set<string>();
  for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
    const key = moduleKey(byId.get(cursor)!);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusiveModule.set(key, (inclusiveModule.get(key) ?? 0) + us);
  }
}

const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1).padStart(5)}%`;
console.log(`total sampled: ${(totalUs / 1e6).toFixed(2)} s`);
console.log(`\nTop ${rows} functions by self time:`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${pct(us)}  ${key}`);
console.log(`\nTop ${rows} modules by self time:`);
for (const [key, us] of [...selfModule].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${pct(us)}  ${key}`);
console.log(`\nTop ${rows} modules by inclusive time:`);
for (const [key, us] of [...inclusiveModule].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${pct(us)}  ${key}`);

if (focus) {
  // Time in `focus` (inclusive), by the three frames that called it.
  const stacks = new Map<string, number>();
  for (const [id, us] of selfUs) {
    for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
      const node = byId.get(cursor)!;
      if (node.callFrame.functionName !== focus) continue;
      const callers: string[] = [];
      for (let up = parent.get(cursor); up !== undefined && callers.length < depth; up = parent.get(up))
        callers.push(frameKey(byId.get(up)!));
      const key = callers.join('  <  ');
      stacks.set(key, (stacks.get(key) ?? 0) + us);
      break;
    }
  }
  console.log(`\nCallers of ${focus} (inclusive time):`);
  for (const [key, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${pct(us)}  ${key}`);
}
