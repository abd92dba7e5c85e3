/**
 * `kiln explore <file> [--func NAME|INDEX] [--dump ir,opt,lower,regalloc,asm] [--bounds MODE]
 * [--opt-level N] [--cpu-features SPEC]`: the native
 * compiler's stages for one function (or every defined function): the IR from the frontend,
 * the optimised IR, the lowered machine function on virtual registers, the register
 * allocation, and the disassembly in objdump's syntax. Without --dump every stage is printed.
 */

import type { Command } from 'commander';
import { KilnError } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';
import { parseOptLevel } from '../compile-flags.js';
import { importCompile, importLoad } from '../lazy.js';
import { hostIsa } from '../../targets/host.js';
import { parseTarget } from './compile.js';

const STAGE_NAMES = ['ir', 'opt', 'lower', 'regalloc', 'asm'] as const;
type StageName = (typeof STAGE_NAMES)[number];

function parseStages(spec: string | undefined): StageName[] {
  if (spec === undefined) return [...STAGE_NAMES];
  const out: StageName[] = [];
  for (const s of spec.split(',').map((x) => x.trim()).filter((x) => x !== '')) {
    if (!(STAGE_NAMES as readonly string[]).includes(s)) throw new KilnError('usage', `unknown stage "${s}" for --dump (stages: ${STAGE_NAMES.join(', ')})`);
    out.push(s as StageName);
  }
  if (out.length === 0) throw new KilnError('usage', `--dump needs at least one stage (${STAGE_NAMES.join(', ')})`);
  return out;
}

/** absolute index of the function `spec` names: a number, a name-section name or an export name */
function findFunc(m: Module, spec: string): number {
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const total = imported + m.funcs.length;
  let idx = -1;
  if (/^\d+$/.test(spec)) idx = Number(spec);
  else {
    for (const [i, name] of m.names?.funcs ?? []) if (name === spec || name === spec.replace(/^\$/, '')) idx = i;
    if (idx < 0) for (const e of m.exports) if (e.kind === 'func' && e.name === spec) idx = e.index;
    if (idx < 0) throw new KilnError('usage', `no function named "${spec}" (give a name from the name section, an export name, or an index)`);
  }
  if (idx >= total) throw new KilnError('usage', `function index ${idx} is out of range (the module has ${total} functions)`);
  if (idx < imported) throw new KilnError('usage', `function ${idx} is imported; it has no code to compile`);
  return idx - imported;
}

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description("show the native compiler's stages (IR, optimised IR, lowered, allocated, assembly) for a function")
    .argument('<file>', 'module (.wasm binary or .wat text)')
    .option('--func <name|index>', 'the function: index, name-section name or export name (default: every defined function)')
    .option('--dump <stages>', `comma-separated stages to print: ${STAGE_NAMES.join(',')} (default: all)`)
    .option('--bounds <mode>', 'bounds checks to compile: explicit (the default here) or guard (what `kiln run` uses where it can)', 'explicit')
    .option('--opt-level <n>', 'optimisation level: 0 (no passes), 1 (fold, copyprop, dce) or 2 (all passes, the default)', '2')
    .option('--target <target>', 'x86_64-linux or aarch64-linux (default: this host)')
    .option('--cpu-features <spec>', 'CPU features the code may use: baseline (the default), native, or a list such as +lzcnt,+bmi1')
    .action(async (file: string, opts: { func?: string; dump?: string; bounds: string; optLevel: string; target?: string; cpuFeatures?: string }) => {
      const stages = parseStages(opts.dump);
      const optLevel = parseOptLevel(opts.optLevel);
      if (opts.bounds !== 'guard' && opts.bounds !== 'explicit') throw new KilnError('usage', `--bounds takes guard or explicit, got "${opts.bounds}"`);
      const bounds = opts.bounds;
      const { loadModule } = await importLoad();
      const { compileFunctionStages, resolveCpuFeatures } = await importCompile();
      const isa = opts.target === undefined ? (hostIsa() ?? 'x86_64') : parseTarget(opts.target);
      const cpuFeatures = resolveCpuFeatures(isa, opts.cpuFeatures);
      const m = loadModule(file).module;
      const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
      const which = opts.func === undefined ? m.funcs.map((_, d) => d) : [findFunc(m, opts.func)];
      for (const d of which) {
        const out = compileFunctionStages(m, d, { isa, bounds, optLevel, cpuFeatures });
        for (const s of stages) process.stdout.write(`;; ---- function ${imported + d}: ${s} ----\n${out[s]}`);
      }
    });
}
