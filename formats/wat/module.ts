/**
 * Modules of the text format (spec §6.6): `parseWat` and the field parsers.
 *
 * Two passes over the fields: `declare` binds every identifier to its index (imports come
 * first in each index space, and the text must list them first: "import after function")
 * and collects the explicit type definitions; `define` then parses each field in order,
 * expanding the abbreviations (inline exports/imports, inline elem/data, implicit type
 * definitions appended after the explicit ones in order of appearance, §6.6.5).
 * The parser does not validate: numeric indices out of range are kept (the validator
 * rejects them); only unknown symbolic identifiers are malformed.
 */

import { KilnError } from '../errors.js';
import { setSourcePositions } from '../wasm/source-positions.js';
import { entriesBefore, recordFieldEntries } from '../wasm/entry-positions.js';
import {
  ValType,
  emptyModule,
  makeInstr,
  type Expr,
  type ExternKind,
  type FuncType,
  type GlobalType,
  type Limits,
  type LocalGroup,
  type Code,
  type Module,
  type NameSection,
  type RefType,
  type TableType,
} from '../wasm/types.js';
import { OP, BLOCK_EMPTY, blockOfValType } from '../wasm/opcodes.js';
import { Node, T, readNodes } from './lexer.js';
import { Cursor, headOf, readRefType, readValType } from './cursor.js';
import { InstrParser, type ModuleScope, type Space } from './instr.js';
import { parseNat } from './numbers.js';

const KIND_OF_FIELD: Readonly<Record<string, ExternKind>> = {
  func: 'func',
  table: 'table',
  memory: 'memory',
  global: 'global',
};
const SPACE_NAME: Readonly<Record<Space, string>> = {
  func: 'function',
  table: 'table',
  memory: 'memory',
  global: 'global',
  elem: 'elem segment',
  data: 'data segment',
  type: 'type',
};

interface Sig {
  params: ValType[];
  results: ValType[];
  /** param names ($x or null) */
  names: (Node | null)[];
  /** the `(type x)` index, or -1 */
  index: number;
}

const sameType = (a: FuncType, b: FuncType): boolean =>
  a.params.length === b.params.length &&
  a.results.length === b.results.length &&
  a.params.every((t, i) => t === b.params[i]) &&
  a.results.every((t, i) => t === b.results[i]);

/** a function type as a map key: equal keys for equal types */
const typeKey = (t: FuncType): string => `${t.params.join(',')}>${t.results.join(',')}`;

class ModuleBuilder implements ModuleScope {
  readonly m: Module = emptyModule();
  private readonly ids = new Map<Space, Map<string, number>>();
  private readonly counts: Record<Space, number> = { func: 0, table: 0, memory: 0, global: 0, elem: 0, data: 0, type: 0 };
  private needDataCount = false;
  /** `$id → local index` of each defined function that names its params or locals */
  private readonly localNames = new Map<number, Map<string, number>>();
  /** imported functions so far (all imports precede the definitions in text) */
  private importedFuncs = 0;
  /** the first index of each distinct function type, by typeKey */
  private readonly typeIndexByKey = new Map<string, number>();
  /** number of explicit (type ...) definitions */
  private explicitTypes = 0;

  constructor(readonly file: string | undefined) {
    for (const s of Object.keys(this.counts) as Space[]) this.ids.set(s, new Map());
  }

  // ---- ModuleScope ----
  resolve(space: Space, c: Cursor, n: Node): number {
    if (n.t === T.Id) {
      const i = (this.ids.get(space) as Map<string, number>).get(n.text);
      if (i === undefined) throw c.error(`unknown ${SPACE_NAME[space]} ${n.text}`, n);
      return i;
    }
    if (n.t !== T.Number) throw c.error(`unexpected token, expected a ${SPACE_NAME[space]} index`, n);
    return c.literal(n, (t) => parseNat(t, 32));
  }

  blockType(c: Cursor): number {
    const sig = this.sig(c, false);
    if (sig.index >= 0) return sig.index;
    if (sig.params.length === 0 && sig.results.length === 0) return BLOCK_EMPTY;
    if (sig.params.length === 0 && sig.results.length === 1) return blockOfValType(sig.results[0] as ValType);
    return this.implicitType(sig);
  }

  typeIndex(c: Cursor): number {
    const sig = this.sig(c, false);
    return sig.index >= 0 ? sig.index : this.implicitType(sig);
  }

  usesDataCount(): void {
    this.needDataCount = true;
  }

  /**
   * The identifiers as a name section (module, function and local names, without the `$`),
   * as wasm-tools does, so that backtraces of text modules show them; null when unnamed.
   */
  nameSection(moduleId: string | undefined): NameSection | null {
    const strip = (id: string): string => id.slice(1);
    const funcs = new Map<number, string>();
    const byIndex = [...(this.ids.get('func') as Map<string, number>)].sort((a, b) => a[1] - b[1]);
    for (const [id, index] of byIndex) funcs.set(index, strip(id));
    const locals = new Map<number, Map<number, string>>();
    for (const [func, map] of [...this.localNames].sort((a, b) => a[0] - b[0])) {
      locals.set(func, new Map([...map].sort((a, b) => a[1] - b[1]).map(([id, i]) => [i, strip(id)])));
    }
    if (moduleId === undefined && funcs.size === 0 && locals.size === 0) return null;
    return moduleId === undefined ? { funcs, locals } : { module: strip(moduleId), funcs, locals };
  }

  // ---- helpers ----
  private bind(space: Space, id: Node | null, c: Cursor): number {
    const index = this.counts[space]++;
    if (id !== null) {
      const map = this.ids.get(space) as Map<string, number>;
      if (map.has(id.text)) throw c.error(`duplicate ${space} ${id.text}`, id);
      map.set(id.text, index);
    }
    return index;
  }

  /** append a type definition; returns its index */
  private addType(t: FuncType): number {
    const index = this.m.types.length;
    this.m.types.push({ params: t.params, results: t.results });
    const key = typeKey(t);
    if (!this.typeIndexByKey.has(key)) this.typeIndexByKey.set(key, index);
    return index;
  }

  /** the first type equal to sig among all types, else append it (§6.6.5 abbreviation) */
  private implicitType(sig: FuncType): number {
    return this.typeIndexByKey.get(typeKey(sig)) ?? this.addType(sig);
  }

  /**
   * `(type x)? (param id? t*)* (result t*)*`. With both forms the inline signature must
   * equal type x when x is known ("inconsistent function type").
   */
  sig(c: Cursor, allowNames: boolean): Sig {
    let index = -1;
    let typeNode: Node | undefined;
    if (c.isList('type')) {
      typeNode = c.peek();
      const inner = c.enter('type');
      index = this.resolve('type', inner, inner.next());
      inner.end();
    }
    const params: ValType[] = [];
    const names: (Node | null)[] = [];
    while (c.isList('param')) {
      const p = c.enter('param');
      const id = p.optId();
      if (id !== null) {
        if (!allowNames) throw p.error('unexpected token', id);
        params.push(readValType(p));
        names.push(id);
        p.end();
      } else {
        while (!p.atEnd()) {
          params.push(readValType(p));
          names.push(null);
        }
      }
    }
    const results: ValType[] = [];
    while (c.isList('result')) {
      const r = c.enter('result');
      while (!r.atEnd()) results.push(readValType(r));
    }
    if (index >= 0) {
      const t = this.m.types[index];
      const inline = params.length > 0 || results.length > 0;
      // implicit types are not yet defined while the text is read (reference interpreter)
      if (inline && index >= this.explicitTypes) throw c.error('unknown type', typeNode);
      if (t !== undefined) {
        if (inline && !sameType(t, { params, results })) throw c.error('inconsistent function type: inline function type does not match', typeNode);
        if (!inline) return { params: t.params, results: t.results, names: t.params.map(() => null), index };
      }
    }
    return { params, results, names, index };
  }

  private funcTypeIndex(c: Cursor, allowNames: boolean): Sig {
    const sig = this.sig(c, allowNames);
    if (sig.index < 0) sig.index = this.implicitType(sig);
    return sig;
  }

  private limits(c: Cursor): Limits {
    const read = (): number => {
      const n = c.peek();
      if (n === undefined || n.t !== T.Number) throw c.error('unexpected token, expected a limit');
      c.i++;
      return c.literal(n, (t) => {
        try {
          return parseNat(t, 32);
        } catch (e) {
          throw c.error(`i32 constant out of range: ${(e as Error).message}`, n);
        }
      });
    };
    const min = read();
    if (c.peek()?.t === T.Number) return { min, max: read() };
    return { min };
  }

  private tableType(c: Cursor): TableType {
    const limits = this.limits(c);
    return { limits, elem: readRefType(c) };
  }

  private globalType(c: Cursor): GlobalType {
    if (c.isList('mut')) {
      const inner = c.enter('mut');
      const type = readValType(inner);
      inner.end();
      return { type, mutable: true };
    }
    return { type: readValType(c), mutable: false };
  }

  /** constant expression: instr* + end */
  private constExpr(c: Cursor): Expr {
    const p = new InstrParser(this, new Map());
    p.expr(c);
    return p.out;
  }

  /** offset of an active segment: `(offset instr*)` or one folded instruction */
  private offsetExpr(c: Cursor): Expr {
    if (c.isList('offset')) return this.constExpr(c.enter('offset'));
    const n = c.next();
    const single = new Cursor([n], n, this.file);
    return this.constExpr(single);
  }

  // ---- pass 1 ----
  declare(fields: Node[]): void {
    let defined: string | null = null;
    for (const f of fields) {
      const c = Cursor.of(f, this.file);
      const kw = headOf(f);
      switch (kw) {
        case 'type': {
          const id = c.optId();
          this.bind('type', id, c);
          const fc = c.enter('func');
          const sig = this.sig(fc, true);
          fc.end();
          c.end();
          this.addType(sig);
          this.explicitTypes++;
          break;
        }
        case 'import': {
          c.name();
          c.name();
          const d = c.next();
          const k = headOf(d);
          const kind = k === null ? undefined : KIND_OF_FIELD[k];
          if (kind === undefined) throw c.error('unexpected token, expected an import description', d);
          if (defined !== null) throw c.error(`import after ${defined}`, f);
          this.bind(kind, Cursor.of(d, this.file).optId(), c);
          break;
        }
        case 'func':
        case 'table':
        case 'memory':
        case 'global': {
          const kind = KIND_OF_FIELD[kw] as ExternKind;
          const id = c.optId();
          while (c.isList('export')) c.i++;
          if (c.isList('import')) {
            if (defined !== null) throw c.error(`import after ${defined}`, f);
          } else if (defined === null) {
            defined = kw === 'func' ? 'function' : kw;
          }
          this.bind(kind, id, c);
          if (kw === 'table' && !c.isList('import') && findList(c, 'elem')) this.counts.elem++;
          if (kw === 'memory' && !c.isList('import') && findList(c, 'data')) this.counts.data++;
          break;
        }
        case 'elem':
        case 'data':
          this.bind(kw, c.optId(), c);
          break;
        case 'export':
        case 'start':
          break;
        default:
          throw c.error(kw === null ? 'unexpected token, expected a module field' : 'unknown operator', f);
      }
    }
  }

  // ---- pass 2 ----
  define(fields: Node[]): void {
    const counter = { func: 0, table: 0, memory: 0, global: 0 };
    for (const f of fields) {
      const c = Cursor.of(f, this.file);
      const kw = headOf(f) as string;
      // entries a field adds are located at the field (validation errors point there)
      const before = entriesBefore(this.m);
      switch (kw) {
        case 'import': {
          const module = c.name();
          const name = c.name();
          const dc = c.enter(headOf(c.peek()) as string);
          const kind = KIND_OF_FIELD[headOf(dc.list) as string] as ExternKind;
          dc.optId();
          this.importDesc(kind, module, name, dc);
          dc.end();
          c.end();
          counter[kind]++;
          break;
        }
        case 'func':
        case 'table':
        case 'memory':
        case 'global': {
          const kind = KIND_OF_FIELD[kw] as ExternKind;
          const index = counter[kind]++;
          c.optId();
          while (c.isList('export')) {
            const e = c.enter('export');
            this.m.exports.push({ name: e.name(), kind, index });
            e.end();
          }
          if (c.isList('import')) {
            const ic = c.enter('import');
            const module = ic.name();
            const name = ic.name();
            ic.end();
            this.importDesc(kind, module, name, c);
            c.end();
          } else if (kind === 'func') this.func(c);
          else if (kind === 'table') this.table(c, index);
          else if (kind === 'memory') this.memory(c, index);
          else {
            const type = this.globalType(c);
            this.m.globals.push({ type, init: this.constExpr(c) });
          }
          break;
        }
        case 'export': {
          const name = c.name();
          const dc = c.enter(headOf(c.peek()) ?? '?');
          const kind = KIND_OF_FIELD[headOf(dc.list) as string];
          if (kind === undefined) throw c.error('unexpected token, expected an export description', dc.list);
          const index = this.resolve(kind, dc, dc.next());
          dc.end();
          c.end();
          this.m.exports.push({ name, kind, index });
          break;
        }
        case 'start': {
          if (this.m.start !== null) throw c.error('multiple start sections', f);
          this.m.start = this.resolve('func', c, c.next());
          c.end();
          break;
        }
        case 'elem':
          this.elem(c);
          break;
        case 'data':
          this.data(c);
          break;
      }
      recordFieldEntries(this.m, before, f.line, f.col);
    }
    if (this.needDataCount) this.m.dataCount = this.m.datas.length;
  }

  private importDesc(kind: ExternKind, module: string, name: string, c: Cursor): void {
    switch (kind) {
      case 'func':
        this.m.imports.push({ module, name, desc: { kind, type: this.funcTypeIndex(c, true).index } });
        this.importedFuncs++;
        break;
      case 'table':
        this.m.imports.push({ module, name, desc: { kind, table: this.tableType(c) } });
        break;
      case 'memory':
        this.m.imports.push({ module, name, desc: { kind, mem: { limits: this.limits(c) } } });
        break;
      case 'global':
        this.m.imports.push({ module, name, desc: { kind, global: this.globalType(c) } });
        break;
    }
  }

  private func(c: Cursor): void {
    const sig = this.funcTypeIndex(c, true);
    const locals = new Map<string, number>();
    const addName = (id: Node | null, index: number): void => {
      if (id === null) return;
      if (locals.has(id.text)) throw c.error(`duplicate local ${id.text}`, id);
      locals.set(id.text, index);
    };
    sig.names.forEach((id, i) => addName(id, i));
    let count = sig.params.length;
    const groups: LocalGroup[] = [];
    const push = (type: ValType): void => {
      const last = groups[groups.length - 1];
      if (last !== undefined && last.type === type) last.count++;
      else groups.push({ count: 1, type });
      count++;
    };
    while (c.isList('local')) {
      const lc = c.enter('local');
      const id = lc.optId();
      if (id !== null) {
        addName(id, count);
        push(readValType(lc));
        lc.end();
      } else while (!lc.atEnd()) push(readValType(lc));
    }
    const p = new InstrParser(this, locals);
    p.expr(c);
    this.m.funcs.push(sig.index);
    if (locals.size > 0) this.localNames.set(this.importedFuncs + this.m.codes.length, locals);
    const code: Code = { locals: groups, body: p.out, offset: -1, size: 0 };
    setSourcePositions(code, p.lines, p.columns);
    this.m.codes.push(code);
  }

  private table(c: Cursor, index: number): void {
    const n = c.peek();
    if (n !== undefined && n.t === T.Keyword && (n.text === 'funcref' || n.text === 'externref')) {
      // (table reftype (elem ...)): limits from the element count, an active segment at 0
      const elem = readRefType(c);
      const ec = c.enter('elem');
      c.end();
      const init = this.elemList(ec, elem, true).init;
      this.m.tables.push({ elem, limits: { min: init.length, max: init.length } });
      this.m.elems.push({ type: elem, init, mode: { kind: 'active', table: index, offset: i32Zero() } });
      return;
    }
    this.m.tables.push(this.tableType(c));
    c.end();
  }

  private memory(c: Cursor, index: number): void {
    if (c.isList('data')) {
      const dc = c.enter('data');
      c.end();
      const bytes = strings(dc);
      const pages = Math.ceil(bytes.length / 65536);
      this.m.mems.push({ limits: { min: pages, max: pages } });
      this.m.datas.push({ bytes, mode: { kind: 'active', mem: index, offset: i32Zero() } });
      return;
    }
    this.m.mems.push({ limits: this.limits(c) });
    c.end();
  }

  /** elemlist: `func x*` | reftype (item expr | folded instr)* | legacy `x*` (active only) */
  private elemList(c: Cursor, defaultType: RefType | null, legacyOk: boolean): { type: RefType; init: Expr[] } {
    const n = c.peek();
    const funcs = (type: RefType): { type: RefType; init: Expr[] } => {
      const init: Expr[] = [];
      while (!c.atEnd()) {
        const x = this.resolve('func', c, c.next());
        init.push([makeInstr(OP.ref_func, x), makeInstr(OP.end)]);
      }
      return { type, init };
    };
    if (n !== undefined && n.t === T.Keyword && n.text === 'func') {
      c.i++;
      return funcs(ValType.FuncRef);
    }
    if (n !== undefined && n.t === T.Keyword && (n.text === 'funcref' || n.text === 'externref')) {
      const type = readRefType(c);
      return { type, init: this.elemExprs(c) };
    }
    if (defaultType !== null && n !== undefined && n.t === T.List) {
      return { type: defaultType, init: this.elemExprs(c) };
    }
    if (!legacyOk) throw c.error('unexpected token, expected an element list');
    return funcs(defaultType ?? ValType.FuncRef);
  }

  private elemExprs(c: Cursor): Expr[] {
    const init: Expr[] = [];
    while (!c.atEnd()) {
      if (c.isList('item')) init.push(this.constExpr(c.enter('item')));
      else {
        const n = c.next();
        if (n.t !== T.List) throw c.error('unexpected token, expected an element expression', n);
        init.push(this.constExpr(new Cursor([n], n, this.file)));
      }
    }
    return init;
  }

  private elem(c: Cursor): void {
    c.optId();
    if (c.isKeyword('declare')) {
      c.i++;
      const { type, init } = this.elemList(c, null, false);
      this.m.elems.push({ type, init, mode: { kind: 'declarative' } });
      return;
    }
    let table = -1;
    if (c.isList('table')) {
      const tc = c.enter('table');
      table = this.resolve('table', tc, tc.next());
      tc.end();
    } else if (c.peek()?.t === T.Number || (c.peek()?.t === T.Id && c.peekAt(1)?.t === T.List)) {
      // legacy `(elem x (offset) ...)` with a bare table index
      const tn = c.next();
      table = this.resolve('table', c, tn);
    }
    if (table >= 0 || c.peek()?.t === T.List) {
      const offset = this.offsetExpr(c);
      const { type, init } = this.elemList(c, null, true);
      this.m.elems.push({ type, init, mode: { kind: 'active', table: Math.max(table, 0), offset } });
      return;
    }
    const { type, init } = this.elemList(c, null, false);
    this.m.elems.push({ type, init, mode: { kind: 'passive' } });
  }

  private data(c: Cursor): void {
    c.optId();
    let mem = -1;
    if (c.isList('memory')) {
      const mc = c.enter('memory');
      mem = this.resolve('memory', mc, mc.next());
      mc.end();
    } else if (c.peek()?.t === T.Number || c.peek()?.t === T.Id) {
      mem = this.resolve('memory', c, c.next());
    }
    if (mem >= 0 || c.peek()?.t === T.List) {
      const offset = this.offsetExpr(c);
      this.m.datas.push({ bytes: strings(c), mode: { kind: 'active', mem: Math.max(mem, 0), offset } });
      return;
    }
    this.m.datas.push({ bytes: strings(c), mode: { kind: 'passive' } });
  }
}

const i32Zero = (): Expr => [makeInstr(OP.i32_const, 0), makeInstr(OP.end)];

/** is there a list headed by kw among the remaining items? */
function findList(c: Cursor, kw: string): boolean {
  for (let k = c.i; k < c.items.length; k++) if (headOf(c.items[k]) === kw) return true;
  return false;
}

/** string* concatenated */
function strings(c: Cursor): Uint8Array {
  const parts: Uint8Array[] = [];
  let len = 0;
  while (!c.atEnd()) {
    const n = c.peek() as Node;
    if (n.t !== T.String) throw c.error('unexpected token, expected a string', n);
    const b = c.string();
    parts.push(b);
    len += b.length;
  }
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Build a Module from module fields (the children of `(module $id? ...)` after the id). */
export function moduleFromFields(fields: Node[], file: string | undefined, moduleId?: string): Module {
  const b = new ModuleBuilder(file);
  b.declare(fields);
  b.define(fields);
  b.m.names = b.nameSection(moduleId);
  return b.m;
}

/**
 * Parse a text module: one `(module $id? field*)` or a sequence of bare fields (§6.6.14).
 * Errors are KilnError('malformed') with the line:column of the offending token.
 */
export function parseWat(text: string, file?: string): Module {
  const nodes = readNodes(text, file);
  const first = nodes[0];
  if (first !== undefined && headOf(first) === 'module') {
    if (nodes.length > 1) {
      const extra = nodes[1] as Node;
      throw new KilnError('malformed', 'unexpected token after the module', { file, line: extra.line, column: extra.col });
    }
    const c = Cursor.of(first, file);
    const moduleId = c.optId();
    const n = c.peek();
    if (n !== undefined && n.t === T.Keyword && (n.text === 'binary' || n.text === 'quote')) {
      throw c.error(`unexpected token ${n.text}: only allowed in scripts`, n);
    }
    return moduleFromFields(c.items.slice(c.i), file, moduleId?.text);
  }
  for (const n of nodes) {
    if (n.t !== T.List) throw new KilnError('malformed', 'unexpected token', { file, line: n.line, column: n.col });
  }
  return moduleFromFields(nodes, file);
}
