/**
 * kiln's native WASI layer (runtime/wasi/, freestanding C over raw Linux system calls) against
 * loader/wasi, the TypeScript implementation it ports: test/runtime/wasi/harness.c is linked
 * with the runtime's C files (gcc -static -nostdlib, and aarch64-linux-gnu-gcc run under
 * qemu-aarch64), runs the scripted session of sequence.ts in a fresh tree, and must produce
 * exactly what loader/wasi produces for the same script in another fresh tree: the same
 * transcript (errnos, results, bytes written to stdout), the same file tree afterwards, the
 * same exit code, and nothing outside the tree touched. x86-64 runs it with openat2 and with
 * KILN_WASI_RESOLVE=walk; AArch64 under qemu-user (which has no openat2) with the walk.
 * Seeded random sessions of path operations (fuzz.ts) are compared the same way. Also: every
 * runtime file compiles warning-free with the runtime's flags on both ISAs, the objects
 * reference nothing but the runtime's own symbols and only relocation kinds kiln's linker
 * reads, ids.h matches loader/wasi's names, and kiln_wasi_init reports a preopen it cannot open.
 * A missing gcc, aarch64-linux-gnu-gcc or qemu-aarch64 fails the test, naming the apt-get line.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasi } from '../../../loader/wasi/index.js';
import { MEM_SIZE, runScript } from './script.js';
import { buildFuzzScript } from './fuzz.js';
import { GUEST_ARGS, GUEST_ENV, buildScript, makeTree, rawSnapshot } from './sequence.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const runtime = path.join(repo, 'runtime');
const APT = 'apt-get install -y gcc gcc-aarch64-linux-gnu qemu-user';

const FLAGS = [
  '-O2', '-ffreestanding', '-nostdlib', '-fno-pic', '-fno-pie', '-fno-stack-protector',
  '-fno-asynchronous-unwind-tables', '-fno-unwind-tables', '-fno-ident', '-fno-builtin',
  '-ffunction-sections', '-fdata-sections', '-Wall', '-Wextra', '-Werror',
];

/** the relocation kinds kiln's linker accepts (docs/standalone.md) */
const X86_RELOCS = ['R_X86_64_64', 'R_X86_64_PC32', 'R_X86_64_PLT32', 'R_X86_64_32', 'R_X86_64_32S'];
const A64_RELOCS = [
  'R_AARCH64_ABS64', 'R_AARCH64_PREL32', 'R_AARCH64_CALL26', 'R_AARCH64_JUMP26', 'R_AARCH64_ADR_PREL_PG_HI21',
  'R_AARCH64_ADD_ABS_LO12_NC', 'R_AARCH64_LDST8_ABS_LO12_NC', 'R_AARCH64_LDST16_ABS_LO12_NC',
  'R_AARCH64_LDST32_ABS_LO12_NC', 'R_AARCH64_LDST64_ABS_LO12_NC', 'R_AARCH64_LDST128_ABS_LO12_NC',
  'R_AARCH64_CONDBR19', 'R_AARCH64_TSTBR14',
];

const ISAS = [
  { isa: 'x86_64', cc: 'gcc', extra: [] as string[], nm: 'nm', readelf: 'readelf', relocs: X86_RELOCS, run: [] as string[] },
  {
    isa: 'aarch64', cc: 'aarch64-linux-gnu-gcc', extra: ['-mgeneral-regs-only'], nm: 'aarch64-linux-gnu-nm',
    readelf: 'aarch64-linux-gnu-readelf', relocs: A64_RELOCS, run: ['qemu-aarch64'],
  },
] as const;

function requireTool(tool: string): void {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`]);
  if (r.status !== 0) throw new Error(`${tool} is missing; install it with: ${APT}`);
}

function runtimeSources(): string[] {
  const wasi = fs.readdirSync(path.join(runtime, 'wasi')).filter((f) => f.endsWith('.c')).sort();
  return [path.join(runtime, 'lib.c'), ...wasi.map((f) => path.join(runtime, 'wasi', f))];
}

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-wasi-c-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

interface RunOutput {
  stdout: string;
  code: number | null;
  tree: Record<string, string>;
  outside: string;
  /** the C harness: which resolver ran */
  stderr?: string;
}

/** the script through loader/wasi, in a fresh tree */
function runTs(script: string): RunOutput {
  const parent = fs.mkdtempSync(path.join(work, 'ts-'));
  const { root, outside } = makeTree(parent);
  const outPath = path.join(parent, 'stdout');
  const outFd = fs.openSync(outPath, 'w+');
  const inFd = fs.openSync('/dev/null', 'r');
  const memory = new WebAssembly.Memory({ initial: MEM_SIZE / 65536, maximum: MEM_SIZE / 65536 });
  const wasi = createWasi({
    args: GUEST_ARGS,
    env: Object.fromEntries(GUEST_ENV.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])),
    preopens: [
      { hostPath: root, guestPath: '/sandbox' },
      { hostPath: path.join(root, 'ro'), guestPath: '/ro', readonly: true },
      { hostPath: path.join(root, 'other'), guestPath: '/other' },
    ],
    stdin: inFd,
    stdout: outFd,
  });
  wasi.bindMemory(() => memory.buffer);
  let code: number | null;
  try {
    code = runScript(script, wasi, memory);
  } finally {
    wasi.close();
    fs.closeSync(outFd);
    fs.closeSync(inFd);
  }
  return { stdout: fs.readFileSync(outPath, 'utf8'), code, tree: rawSnapshot(root), outside: fs.readFileSync(outside, 'utf8') };
}

/** the script through the C harness, in a fresh tree */
function runC(exe: string, run: readonly string[], script: string, env: Record<string, string>): RunOutput {
  const parent = fs.mkdtempSync(path.join(work, 'c-'));
  const { root, outside } = makeTree(parent);
  const scriptPath = path.join(parent, 'script');
  fs.writeFileSync(scriptPath, script);
  const outPath = path.join(parent, 'stdout');
  const outFd = fs.openSync(outPath, 'w+');
  const argv = [root, scriptPath, String(GUEST_ENV.length), ...GUEST_ENV, ...GUEST_ARGS];
  const cmd = run.length > 0 ? run[0] as string : exe;
  const args = run.length > 0 ? [...run.slice(1), exe, ...argv] : argv;
  const r = spawnSync(cmd, args, { stdio: ['ignore', outFd, 'pipe'], env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 120_000 });
  fs.closeSync(outFd);
  if (r.error) throw r.error;
  return {
    stdout: fs.readFileSync(outPath, 'utf8'), code: r.status, tree: rawSnapshot(root),
    outside: fs.readFileSync(outside, 'utf8'), stderr: r.stderr.toString(),
  };
}

describe('runtime/wasi: the C sources', () => {
  for (const t of ISAS) {
    it(`compile warning-free with the runtime's flags, reference only runtime symbols, use only the linker's relocations (${t.isa})`, () => {
      requireTool(t.cc);
      requireTool(t.nm);
      requireTool(t.readelf);
      const kinds = new Set<string>();
      const dir = fs.mkdtempSync(path.join(work, `obj-${t.isa}-`));
      const undefinedSyms = new Set<string>();
      const defined = new Set<string>();
      for (const src of runtimeSources()) {
        const obj = path.join(dir, path.basename(src, '.c') + '.o');
        execFileSync(t.cc, ['-c', ...FLAGS, ...t.extra, src, '-o', obj], { stdio: 'pipe' });
        const relocs = execFileSync(t.readelf, ['-rW', obj], { encoding: 'utf8' });
        for (const m of relocs.matchAll(/\b(R_(?:X86_64|AARCH64)_\w+)/g)) kinds.add(m[1] as string);
        const syms = execFileSync(t.nm, [obj], { encoding: 'utf8' });
        for (const line of syms.split('\n')) {
          const m = /^\s*(\S*)\s+([A-Za-z])\s+(\S+)$/.exec(line);
          if (m === null) continue;
          if (m[2] === 'U') undefinedSyms.add(m[3] as string);
          else defined.add(m[3] as string);
        }
      }
      const external = [...undefinedSyms].filter((s) => !defined.has(s)).sort();
      expect(external).toEqual(['kiln_rt_exit']);
      expect([...kinds].filter((k) => !t.relocs.includes(k))).toEqual([]);
      expect(defined.has('kiln_wasi_init')).toBe(true);
      expect(defined.has('kiln_wasi_call')).toBe(true);
    });
  }

  it('ids.h numbers the 46 names in byte order, as loader/wasi names them', () => {
    const wasi = createWasi({ args: [], env: {}, preopens: [] });
    const names = Object.keys(wasi.functions).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    wasi.close();
    expect(names).toHaveLength(46);
    const ids = fs.readFileSync(path.join(runtime, 'wasi', 'ids.h'), 'utf8');
    const defs = [...ids.matchAll(/#define KILN_WASI_([A-Z_]+) (\d+)/g)].filter((m) => m[1] !== 'COUNT');
    expect(defs.map((m) => [m[1]!.toLowerCase(), Number(m[2])])).toEqual(names.map((n, i) => [n, i]));
  });
});

describe('runtime/wasi: kiln_wasi_init', () => {
  for (const t of ISAS) {
    it(`answers a negative errno for a preopen that cannot be opened (${t.isa})`, () => {
      requireTool(t.cc);
      for (const tool of t.run) requireTool(tool);
      const exe = path.join(work, `harness-init-${t.isa}`);
      execFileSync(t.cc, [...FLAGS, ...t.extra, '-static', '-o', exe, path.join(here, 'harness.c'), ...runtimeSources()], { stdio: 'pipe' });
      const dir = fs.mkdtempSync(path.join(work, 'init-'));
      fs.writeFileSync(path.join(dir, 'script'), 'echo never\n');
      fs.mkdirSync(path.join(dir, 'tree'));
      fs.writeFileSync(path.join(dir, 'tree', 'ro'), 'a file, not a directory');
      const argv = [path.join(dir, 'tree'), path.join(dir, 'script'), '0', 'prog'];
      const cmd = t.run.length > 0 ? (t.run[0] as string) : exe;
      const r = spawnSync(cmd, t.run.length > 0 ? [exe, ...argv] : argv, { encoding: 'utf8' });
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('harness: kiln_wasi_init failed: -020\n'); // ENOTDIR
      expect(r.status).toBe(125);
      fs.rmSync(path.join(dir, 'tree', 'ro'));
      const r2 = spawnSync(cmd, t.run.length > 0 ? [exe, ...argv] : argv, { encoding: 'utf8' });
      expect(r2.stderr).toBe('harness: kiln_wasi_init failed: -002\n'); // ENOENT
    });
  }
});

describe('runtime/wasi: the scripted session matches loader/wasi', () => {
  const script = buildScript();
  let expected: RunOutput;
  beforeAll(() => {
    expected = runTs(script);
  });

  it('loader/wasi runs the whole session (sanity of the reference)', () => {
    expect(expected.code).toBe(3);
    expect(expected.outside).toBe('secret\n');
    expect(expected.stdout).toContain('== the end');
    expect(expected.stdout).not.toContain('not reached');
  });

  const modes = [
    { isa: ISAS[0], mode: 'openat2', env: {}, resolver: 'openat2' },
    { isa: ISAS[0], mode: 'walk', env: { KILN_WASI_RESOLVE: 'walk' }, resolver: 'walk' },
    { isa: ISAS[1], mode: 'walk (qemu-user, no openat2)', env: {}, resolver: 'walk' },
  ];
  for (const m of modes) {
    it(`${m.isa.isa}, ${m.mode}: same transcript, same tree, same exit code`, () => {
      requireTool(m.isa.cc);
      for (const tool of m.isa.run) requireTool(tool);
      const exe = path.join(work, `harness-${m.isa.isa}`);
      if (!fs.existsSync(exe)) {
        execFileSync(m.isa.cc, [...FLAGS, ...m.isa.extra, '-static', '-o', exe, path.join(here, 'harness.c'), ...runtimeSources()], { stdio: 'pipe' });
      }
      const got = runC(exe, m.isa.run, script, m.env);
      expect(got.stderr).toBe(`resolve=${m.resolver}\n`);
      expect(got.stdout.split('\n')).toEqual(expected.stdout.split('\n'));
      expect(got.tree).toEqual(expected.tree);
      expect(got.code).toBe(3);
      expect(got.outside).toBe('secret\n');
    });
  }
});

describe('runtime/wasi: random sessions of path operations match loader/wasi', () => {
  const modes = [
    { isa: ISAS[0], mode: 'openat2', env: {} },
    { isa: ISAS[0], mode: 'walk', env: { KILN_WASI_RESOLVE: 'walk' } },
    { isa: ISAS[1], mode: 'walk (qemu-user)', env: {} },
  ];
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 400 operations, the same answers and the same tree on every ISA and resolver`, () => {
      const script = buildFuzzScript(seed, 400);
      const expected = runTs(script);
      expect(expected.outside).toBe('secret\n');
      for (const m of modes) {
        requireTool(m.isa.cc);
        for (const tool of m.isa.run) requireTool(tool);
        const exe = path.join(work, `harness-${m.isa.isa}`);
        if (!fs.existsSync(exe)) {
          execFileSync(m.isa.cc, [...FLAGS, ...m.isa.extra, '-static', '-o', exe, path.join(here, 'harness.c'), ...runtimeSources()], { stdio: 'pipe' });
        }
        const got = runC(exe, m.isa.run, script, m.env);
        expect(got.stdout.split('\n'), `${m.isa.isa} ${m.mode}`).toEqual(expected.stdout.split('\n'));
        expect(got.tree, `${m.isa.isa} ${m.mode}`).toEqual(expected.tree);
        expect(got.outside).toBe('secret\n');
        expect(got.code).toBe(0);
      }
    });
  }
});
