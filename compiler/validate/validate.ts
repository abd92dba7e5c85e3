/**
 * Module validation (spec §3.4 "Modules", Wasm 2.0): imports, functions, tables, memories,
 * globals, element and data segments, the start function, exports, and every function body.
 * Globals and segments are checked under the context C′ whose globals are only the imported
 * ones (spec §3.4.10). C.refs — the functions `ref.func` may name inside bodies — are the
 * function indices that occur in globals, element segments and exports.
 *
 * validateModule throws the first failure as KilnError('invalid', reason, location); the
 * reasons contain the spec interpreter's wording (what assert_invalid expects). A failure of
 * a module-level entry is located at that entry (formats/wasm/entry-positions.ts: its byte
 * offset in binary input, its field's line:column in text), or more precisely at the
 * instruction of a constant expression when that has an offset.
 */

import { KilnError, type Location } from '../../formats/errors.js';
import { entryLocation } from '../../formats/wasm/entry-positions.js';
import { OP } from '../../formats/wasm/opcodes.js';
import { ValType, type Expr, type Limits, type Module } from '../../formats/wasm/types.js';
import { validateBody } from './code.js';
import { checkConstExpr } from './const-expr.js';
import { buildModuleInfo, type ModuleInfo } from './module-info.js';
import { BodyState } from './state.js';

/** largest memory in pages (4 GiB) */
export const MAX_PAGES = 65536;
/** largest table size, 2^32 - 1 */
export const MAX_TABLE = 0xffffffff;

function fail(reason: string, loc: Location = {}): never {
  throw new KilnError('invalid', reason, loc);
}

function checkLimits(l: Limits, range: number, rangeMsg: string, what: string, loc: Location): void {
  if (l.min > range) fail(`${what}: ${rangeMsg}`, loc);
  if (l.max !== undefined) {
    if (l.max > range) fail(`${what}: ${rangeMsg}`, loc);
    if (l.min > l.max) fail(`${what}: size minimum must not be greater than maximum`, loc);
  }
}
const checkTableLimits = (l: Limits, what: string, loc: Location): void =>
  checkLimits(l, MAX_TABLE, 'table size must be at most 2^32-1', what, loc);
const checkMemLimits = (l: Limits, what: string, loc: Location): void =>
  checkLimits(l, MAX_PAGES, 'memory size must be at most 65536 pages (4GiB)', what, loc);

/** mark every `ref.func x` of a constant expression as a declared reference */
function collectRefs(refs: Uint8Array, expr: Expr): void {
  for (const ins of expr) if (ins.op === OP.ref_func && ins.a < refs.length) refs[ins.a] = 1;
}

/** C.refs (spec §3.4.10): functions referenced outside function bodies */
export function declaredFuncRefs(m: Module, info: ModuleInfo): Uint8Array {
  const refs = new Uint8Array(info.funcTypeIdx.length);
  for (const g of m.globals) collectRefs(refs, g.init);
  for (const e of m.elems) {
    for (const init of e.init) collectRefs(refs, init);
    if (e.mode.kind === 'active') collectRefs(refs, e.mode.offset);
  }
  for (const d of m.datas) if (d.mode.kind === 'active') collectRefs(refs, d.mode.offset);
  for (const ex of m.exports) if (ex.kind === 'func' && ex.index < refs.length) refs[ex.index] = 1;
  return refs;
}

function checkImportsAndDefinitions(m: Module, info: ModuleInfo, codeless = false): void {
  m.imports.forEach((imp, i) => {
    const what = `import ${i} "${imp.module}" "${imp.name}"`;
    const loc = entryLocation(m, 'import', i);
    const d = imp.desc;
    if (d.kind === 'func') {
      if (d.type >= m.types.length) fail(`${what}: unknown type ${d.type}`, loc);
    } else if (d.kind === 'table') checkTableLimits(d.table.limits, what, loc);
    else if (d.kind === 'memory') checkMemLimits(d.mem.limits, what, loc);
  });
  const nf = info.imported.funcs;
  m.funcs.forEach((t, i) => {
    if (t >= m.types.length) fail(`func ${nf + i}: unknown type ${t}`, entryLocation(m, 'func', i));
  });
  if (!codeless && m.codes.length !== m.funcs.length) {
    fail(`function and code section have inconsistent lengths (${m.funcs.length} and ${m.codes.length})`);
  }
  m.tables.forEach((t, i) => checkTableLimits(t.limits, `table ${info.imported.tables + i}`, entryLocation(m, 'table', i)));
  m.mems.forEach((mt, i) => checkMemLimits(mt.limits, `memory ${info.imported.mems + i}`, entryLocation(m, 'memory', i)));
  if (info.mems.length > 1) {
    // at the second memory: the first defined one, unless a memory is imported
    const second = info.imported.mems > 0 ? 0 : 1;
    fail(`multiple memories (${info.mems.length})`, entryLocation(m, 'memory', second));
  }
}

function checkGlobalsAndSegments(m: Module, info: ModuleInfo): void {
  const visible = info.imported.globals;
  m.globals.forEach((g, i) =>
    checkConstExpr(info, g.init, g.type.type, `global ${visible + i}`, visible, entryLocation(m, 'global', i)),
  );
  m.elems.forEach((e, i) => {
    const what = `elem ${i}`;
    const loc = entryLocation(m, 'elem', i);
    if (e.mode.kind === 'active') {
      const table = info.tables[e.mode.table];
      if (table === undefined) fail(`${what}: unknown table ${e.mode.table}`, loc);
      checkConstExpr(info, e.mode.offset, ValType.I32, `${what} offset`, visible, loc);
      if (table.elem !== e.type) fail(`${what}: type mismatch: segment type does not match table ${e.mode.table}`, loc);
    }
    for (const init of e.init) checkConstExpr(info, init, e.type, what, visible, loc);
  });
  m.datas.forEach((d, i) => {
    if (d.mode.kind !== 'active') return;
    const loc = entryLocation(m, 'data', i);
    if (d.mode.mem >= info.mems.length) fail(`data ${i}: unknown memory ${d.mode.mem}`, loc);
    checkConstExpr(info, d.mode.offset, ValType.I32, `data ${i} offset`, visible, loc);
  });
}

function checkStartAndExports(m: Module, info: ModuleInfo): void {
  if (m.start !== null) {
    const loc = entryLocation(m, 'start', 0);
    const ti = info.funcTypeIdx[m.start];
    if (ti === undefined) fail(`start function: unknown function ${m.start}`, loc);
    const ft = m.types[ti]!;
    if (ft.params.length !== 0 || ft.results.length !== 0) {
      fail(`start function ${m.start} must have type [] -> []`, loc);
    }
  }
  const names = new Set<string>();
  m.exports.forEach((ex, k) => {
    const what = `export "${ex.name}"`;
    const loc = entryLocation(m, 'export', k);
    if (names.has(ex.name)) fail(`${what}: duplicate export name`, loc);
    names.add(ex.name);
    const i = ex.index;
    if (ex.kind === 'func' && i >= info.funcTypeIdx.length) fail(`${what}: unknown function ${i}`, loc);
    if (ex.kind === 'table' && i >= info.tables.length) fail(`${what}: unknown table ${i}`, loc);
    if (ex.kind === 'memory' && i >= info.mems.length) fail(`${what}: unknown memory ${i}`, loc);
    if (ex.kind === 'global' && i >= info.globals.length) fail(`${what}: unknown global ${i}`, loc);
  });
}

/** Validate a whole module (spec §3.4.10); throws KilnError('invalid') on the first failure. */
export function validateModule(m: Module): void {
  const info = validateModuleFields(m);
  const state = new BodyState(m, info, declaredFuncRefs(m, info));
  const nf = info.imported.funcs;
  for (let i = 0; i < m.codes.length; i++) {
    validateBody(state, nf + i, m.types[m.funcs[i]!]!, m.codes[i]!);
  }
}

/**
 * Everything but the function bodies: imports and definitions, globals and segments, the
 * start function and exports (used alone after a single-pass decode + validate of bodies).
 * `codeless`: the module carries no bodies at all (a `.cwasm` artifact's metadata).
 */
export function validateModuleFields(m: Module, options: { codeless?: boolean } = {}): ModuleInfo {
  const info = buildModuleInfo(m);
  checkImportsAndDefinitions(m, info, options.codeless === true);
  checkGlobalsAndSegments(m, info);
  checkStartAndExports(m, info);
  return info;
}
