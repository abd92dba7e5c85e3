/**
 * The WAT printer: any module (formats/wasm/types.ts) as text (spec §6.6) that parseWat
 * reads back to the same module. Fields are printed in section order — types, imports,
 * functions, tables, memories, globals, exports, start, elements, data — every type
 * explicitly, so that parsing adds no implicit type; functions use their `(type n)` plus
 * the inline signature (which the parser checks against it), instructions are flat
 * (print-instr.ts). Function and local names of the `name` section become `$identifiers`
 * when they are valid and unique (print-names.ts); everything else is an index, with a
 * `(;n;)` comment giving each definition's index.
 *
 * Not expressible in the Wasm 2.0 text format, so lost on the way back:
 * - custom sections other than `name` (the `@custom` annotation is not part of 2.0) and
 *   names that are not valid unique identifiers: each noted in a `;;` comment at the end;
 * - other subsections of the name section (e.g. global or data segment names);
 * - binary encoding choices: element/data segment flags, the split of locals into groups,
 *   a data count section when no instruction needs it, non-minimal LEB128 sizes. Parsing
 *   the text gives the smallest encoding, as for any text module.
 *
 * The text is O(binary size) except for locals, which the text spells out one by one; a
 * function with more than MAX_PRINT_LOCALS is refused (KilnError 'invalid', a limit).
 */

import { KilnError } from '../errors.js';
import { OP } from '../wasm/opcodes.js';
import {
  ValType,
  valTypeName,
  type Data,
  type Elem,
  type Expr,
  type FuncType,
  type Global,
  type GlobalType,
  type Import,
  type Instr,
  type Limits,
  type LocalGroup,
  type Module,
  type TableType,
} from '../wasm/types.js';
import { PrintNames } from './print-names.js';
import { constExprText, exprLines, type InstrScope } from './print-instr.js';
import { LineSink, stringCollector } from './print-sink.js';
import { bytesLiteral, nameLiteral } from './print-values.js';

const I = '  ';
/** data bytes per string literal, and element indices per line, before wrapping */
const DATA_CHUNK = 64;
const ELEM_CHUNK = 16;
/** types per `(local …)` / `(param …)` line */
const TYPE_CHUNK = 32;

const vt = valTypeName;
const limitsText = (l: Limits): string => (l.max === undefined ? `${l.min}` : `${l.min} ${l.max}`);
const tableTypeText = (t: TableType): string => `${limitsText(t.limits)} ${vt(t.elem)}`;
const globalTypeText = (g: GlobalType): string => (g.mutable ? `(mut ${vt(g.type)})` : vt(g.type));
const typesList = (kw: string, ts: readonly number[]): string => (ts.length === 0 ? '' : ` (${kw} ${ts.map(vt).join(' ')})`);
const funcTypeText = (t: FuncType): string => `(func${typesList('param', t.params)}${typesList('result', t.results)})`;

/** scope for constant expressions: functions by name, no locals */
function constScope(names: PrintNames): InstrScope {
  return { func: (i) => names.func(i), local: (i) => String(i) };
}

class ModulePrinter {
  private readonly names: PrintNames;
  private readonly importedFuncs: number;
  private readonly cscope: InstrScope;
  private readonly out: string[];

  constructor(
    private readonly m: Module,
    private readonly sink: LineSink,
  ) {
    this.out = sink.buffer;
    this.importedFuncs = m.imports.filter((i) => i.desc.kind === 'func').length;
    const localCount = (f: number): number => this.localCount(f);
    this.names = new PrintNames(m.names, this.importedFuncs + m.funcs.length, localCount);
    this.cscope = constScope(this.names);
  }

  /** params + locals of function index f (0 for imports and unknown types) */
  private localCount(f: number): number {
    const d = f - this.importedFuncs;
    if (d < 0 || d >= this.m.funcs.length) return 0;
    const params = this.m.types[this.m.funcs[d] as number]?.params.length ?? 0;
    const code = this.m.codes[d];
    return params + (code === undefined ? 0 : code.locals.reduce((n, g) => n + g.count, 0));
  }

  print(): void {
    const m = this.m;
    this.out.push(this.names.module === null ? '(module' : `(module ${this.names.module}`);
    m.types.forEach((t, i) => this.out.push(`${I}(type (;${i};) ${funcTypeText(t)})`));
    this.imports();
    for (let i = 0; i < m.funcs.length; i++) {
      this.func(i);
      this.sink.flushIfFull();
    }
    const tables = this.count('table');
    m.tables.forEach((t, i) => this.out.push(`${I}(table (;${tables + i};) ${tableTypeText(t)})`));
    const mems = this.count('memory');
    m.mems.forEach((mem, i) => this.out.push(`${I}(memory (;${mems + i};) ${limitsText(mem.limits)})`));
    const globals = this.count('global');
    m.globals.forEach((g, i) => this.global(g, globals + i));
    for (const e of m.exports) {
      const target = e.kind === 'func' ? this.names.func(e.index) : String(e.index);
      this.out.push(`${I}(export ${nameLiteral(e.name)} (${e.kind} ${target}))`);
    }
    if (m.start !== null) this.out.push(`${I}(start ${this.names.func(m.start)})`);
    m.elems.forEach((e, i) => this.elem(e, i));
    this.sink.flushIfFull();
    m.datas.forEach((d, i) => {
      this.data(d, i);
      this.sink.flushIfFull();
    });
    this.lossComments();
    this.out.push(')');
    this.sink.flush();
  }

  private count(kind: Import['desc']['kind']): number {
    return this.m.imports.filter((i) => i.desc.kind === kind).length;
  }

  private imports(): void {
    const next = { func: 0, table: 0, memory: 0, global: 0 };
    for (const imp of this.m.imports) {
      const d = imp.desc;
      const i = next[d.kind]++;
      let desc: string;
      if (d.kind === 'func') {
        const t = this.m.types[d.type];
        const sig = t === undefined ? '' : typesList('param', t.params) + typesList('result', t.results);
        desc = `func ${this.names.funcId(i)}(;${i};) (type ${d.type})${sig}`;
      } else if (d.kind === 'table') desc = `table (;${i};) ${tableTypeText(d.table)}`;
      else if (d.kind === 'memory') desc = `memory (;${i};) ${limitsText(d.mem.limits)}`;
      else desc = `global (;${i};) ${globalTypeText(d.global)}`;
      this.out.push(`${I}(import ${nameLiteral(imp.module)} ${nameLiteral(imp.name)} (${desc}))`);
    }
  }

  /** `(kw $a t)` for each named entry, `(kw t t …)` for each run of unnamed ones */
  private declItems(kw: string, types: readonly number[], first: number, names: ReadonlyMap<number, string>): string[] {
    const items: string[] = [];
    let run: string[] = [];
    const endRun = (): void => {
      if (run.length > 0) items.push(`(${kw} ${run.join(' ')})`);
      run = [];
    };
    types.forEach((t, k) => {
      const id = names.get(first + k);
      if (id === undefined) run.push(vt(t));
      else {
        endRun();
        items.push(`(${kw} ${id} ${vt(t)})`);
      }
    });
    endRun();
    return items;
  }

  private func(d: number): void {
    const m = this.m;
    const f = this.importedFuncs + d;
    const typeIndex = m.funcs[d] as number;
    const t = m.types[typeIndex];
    const code = m.codes[d];
    const locals = this.names.localsOf(f);
    const params = t?.params ?? [];
    let head = `${I}(func ${this.names.funcId(f)}(;${f};) (type ${typeIndex})`;
    // the signature goes on the first line, unless it is long
    for (let k = 0; k < params.length; k += TYPE_CHUNK) {
      const items = this.declItems('param', params.slice(k, k + TYPE_CHUNK), k, locals).join(' ');
      if (params.length <= TYPE_CHUNK) head += ' ' + items;
      else {
        if (k === 0) this.out.push(head);
        head = `${I}${I}${items}`;
        if (k + TYPE_CHUNK < params.length) this.out.push(head);
      }
    }
    head += typesList('result', t?.results ?? []);
    const body = code?.body ?? [];
    if (code === undefined || (code.locals.every((g) => g.count === 0) && body.length <= 1)) {
      this.out.push(head + ')');
      return;
    }
    this.out.push(head);
    this.localLines(code.locals, params.length, locals);
    const scope: InstrScope = { func: (i) => this.names.func(i), local: (i) => locals.get(i) ?? String(i) };
    exprLines(body, I + I, scope, this.out, () => this.sink.flushIfFull());
    this.out.push(`${I})`);
  }

  /** the declared locals, expanded from their groups, TYPE_CHUNK types a line */
  private localLines(groups: readonly LocalGroup[], first: number, names: ReadonlyMap<number, string>): void {
    let index = first;
    let line: number[] = [];
    const endLine = (): void => {
      if (line.length === 0) return;
      this.out.push(`${I}${I}${this.declItems('local', line, index - line.length, names).join(' ')}`);
      line = [];
      this.sink.flushIfFull();
    };
    for (const g of groups) {
      // a type at a time: a huge count needs no huge array
      for (let k = 0; k < g.count; k++) {
        line.push(g.type);
        index++;
        if (line.length === TYPE_CHUNK) endLine();
      }
    }
    endLine();
  }

  private global(g: Global, i: number): void {
    this.out.push(`${I}(global (;${i};) ${globalTypeText(g.type)} ${constExprText(g.init, this.cscope)})`);
  }

  private elem(e: Elem, i: number): void {
    let head = `${I}(elem (;${i};)`;
    if (e.mode.kind === 'declarative') head += ' declare';
    else if (e.mode.kind === 'active') {
      if (e.mode.table !== 0) head += ` (table ${e.mode.table})`;
      head += ` (offset ${constExprText(e.mode.offset, this.cscope)})`;
    }
    const byIndex = e.type === ValType.FuncRef && e.init.every(isRefFunc);
    const items = byIndex
      ? e.init.map((x) => this.names.func((x[0] as Instr).a))
      : e.init.map((x) => `(item ${constExprText(x, this.cscope)})`);
    head += byIndex ? ' func' : ` ${vt(e.type)}`;
    if (items.length <= ELEM_CHUNK) {
      this.out.push(head + (items.length > 0 ? ' ' + items.join(' ') : '') + ')');
      return;
    }
    this.out.push(head);
    for (let k = 0; k < items.length; k += ELEM_CHUNK) this.out.push(`${I}${I}${items.slice(k, k + ELEM_CHUNK).join(' ')}`);
    this.out.push(`${I})`);
  }

  private data(d: Data, i: number): void {
    let head = `${I}(data (;${i};)`;
    if (d.mode.kind === 'active') {
      if (d.mode.mem !== 0) head += ` (memory ${d.mode.mem})`;
      head += ` (offset ${constExprText(d.mode.offset, this.cscope)})`;
    }
    const b = d.bytes;
    if (b.length <= DATA_CHUNK) {
      this.out.push(`${head} ${bytesLiteral(b)})`);
      return;
    }
    this.out.push(head);
    for (let k = 0; k < b.length; k += DATA_CHUNK) {
      this.out.push(`${I}${I}${bytesLiteral(b, k, Math.min(b.length, k + DATA_CHUNK))}`);
      if ((k / DATA_CHUNK) % 1024 === 1023) this.sink.flushIfFull();
    }
    this.out.push(`${I})`);
  }

  /** what the text cannot carry, as comments */
  private lossComments(): void {
    for (const c of this.m.customs) {
      if (c.name === 'name' && this.m.names !== null) continue;
      const why = c.name === 'name' ? 'it does not decode' : 'custom sections have no Wasm 2.0 text form';
      this.out.push(`${I};; custom section ${nameLiteral(c.name)} (${c.bytes.length} bytes) not printed: ${why}`);
    }
    const lost = this.names.unprinted();
    if (lost !== null) this.out.push(`${I};; name section: ${lost} not printed (not valid unique identifiers, or naming nothing)`);
  }
}

/** `ref.func x; end`: an element item the `func x*` list form expresses */
const isRefFunc = (x: Expr): boolean => x.length === 2 && x[0]?.op === OP.ref_func && x[1]?.op === OP.end;

/**
 * Most locals (parameters included) a printed function may have. The text form spells out
 * every local, so without a bound a 45-byte module declaring 2^32-1 locals would print
 * 17 GB; 50,000 is also the limit of V8, wasm-tools' validator and kiln's interpreter.
 */
export const MAX_PRINT_LOCALS = 50_000;

/** refuse, before printing anything, a function with more locals than MAX_PRINT_LOCALS */
function checkLocals(m: Module): void {
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  m.codes.forEach((code, k) => {
    let total = m.types[m.funcs[k] as number]?.params.length ?? 0;
    for (const g of code.locals) total += g.count;
    if (total > MAX_PRINT_LOCALS) {
      throw new KilnError(
        'invalid',
        `function ${imported + k} has ${total} locals (parameters included); kiln prints at most ${MAX_PRINT_LOCALS} per function`,
        code.offset >= 0 ? { offset: code.offset } : {},
      );
    }
  });
}

/** Print a module as WAT text (the whole text as one string). */
export function printModule(m: Module): string {
  const c = stringCollector();
  printModuleTo(m, c.write);
  return c.text();
}

/** Print a module as WAT text, handing it to `write` in chunks of about 64 KiB. */
export function printModuleTo(m: Module, write: (chunk: string) => void): void {
  checkLocals(m);
  new ModulePrinter(m, new LineSink(write)).print();
}
