/**
 * WAST scripts (the spec interpreter's script format, spec `interpreter/README.md`
 * "Scripts"): modules in text / `binary` / `quote` form, register, invoke/get actions and
 * every assertion, with expected results including `nan:canonical` / `nan:arithmetic`,
 * per-lane v128 patterns and "any non-null" references. Produces formats/wat/script-types.ts.
 * `quote` modules are kept as text: the runner parses them when the command runs.
 */

import { KilnError } from '../errors.js';
import { Node, T, readNodes } from './lexer.js';
import { Cursor, headOf, readHeapType } from './cursor.js';
import { moduleFromFields } from './module.js';
import { V128_SHAPES, v128Literal } from './instr.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntN, parseNat } from './numbers.js';
import { ValType } from '../wasm/types.js';
import type {
  Action,
  Command,
  LanePattern,
  ModuleSource,
  ResultPattern,
  Script,
  ScriptValue,
} from './script-types.js';

const utf8 = new TextDecoder('utf-8');
type V128Shape = Extract<ResultPattern, { kind: 'v128' }>['shape'];

class ScriptParser {
  constructor(readonly file: string) {}

  command(n: Node): Command {
    const c = Cursor.of(n, this.file);
    const kw = headOf(n);
    const line = n.line;
    switch (kw) {
      case 'module': {
        const [name, source] = this.module(n);
        return { kind: 'module', name, source, line };
      }
      case 'register': {
        const as = c.name();
        const id = c.optId();
        c.end();
        return { kind: 'register', as, module: id === null ? null : id.text, line };
      }
      case 'invoke':
      case 'get':
        return { kind: 'action', action: this.action(n), line };
      case 'assert_return': {
        const action = this.action(c.next());
        const expected: ResultPattern[] = [];
        while (!c.atEnd()) expected.push(this.result(c.next(), c));
        return { kind: 'assert_return', action, expected, line };
      }
      case 'assert_trap': {
        const target = c.next();
        const message = this.message(c);
        if (headOf(target) === 'module') {
          return { kind: 'assert_uninstantiable', source: this.module(target)[1], message, line };
        }
        return { kind: 'assert_trap', action: this.action(target), message, line };
      }
      case 'assert_exhaustion': {
        const action = this.action(c.next());
        return { kind: 'assert_exhaustion', action, message: this.message(c), line };
      }
      case 'assert_malformed':
      case 'assert_invalid':
      case 'assert_unlinkable':
      case 'assert_uninstantiable': {
        const target = c.next();
        if (headOf(target) !== 'module') throw c.error('unexpected token, expected (module ...)', target);
        const source = this.module(target)[1];
        return { kind: kw, source, message: this.message(c), line };
      }
      default:
        throw c.error('unexpected token, expected a script command', n);
    }
  }

  private message(c: Cursor): string {
    const s = utf8.decode(c.string());
    c.end();
    return s;
  }

  /** (module $id? field*) | (module $id? binary str*) | (module $id? quote str*) */
  private module(n: Node): [string | null, ModuleSource] {
    const c = Cursor.of(n, this.file);
    const id = c.optId();
    const name = id === null ? null : id.text;
    const pos = { line: n.line, column: n.col };
    if (c.isKeyword('binary') || c.isKeyword('quote')) {
      const quote = c.isKeyword('quote');
      c.i++;
      const parts: Uint8Array[] = [];
      while (!c.atEnd()) parts.push(c.string());
      const bytes = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      if (quote) return [name, { kind: 'quote', text: utf8.decode(bytes), pos }];
      return [name, { kind: 'binary', bytes, pos }];
    }
    const module = moduleFromFields(c.items.slice(c.i), this.file);
    return [name, { kind: 'text', module, pos }];
  }

  private action(n: Node): Action {
    const c = Cursor.of(n, this.file);
    const kw = headOf(n);
    if (kw !== 'invoke' && kw !== 'get') throw c.error('unexpected token, expected an action', n);
    const id = c.optId();
    const module = id === null ? null : id.text;
    const name = c.name();
    if (kw === 'get') {
      c.end();
      return { kind: 'get', module, name };
    }
    const args: ScriptValue[] = [];
    while (!c.atEnd()) {
      const a = c.next();
      const v = this.value(a, false);
      if (v.kind !== 'value') throw c.error('unexpected token, expected a constant', a);
      args.push(v.value);
    }
    return { kind: 'invoke', module, name, args };
  }

  private result(n: Node, outer: Cursor): ResultPattern {
    if (n.t !== T.List) throw outer.error('unexpected token, expected a result', n);
    return this.value(n, true);
  }

  /** a constant `(t.const …)` / `(ref.…)`, with patterns when `pattern` */
  private value(n: Node, pattern: boolean): ResultPattern {
    const c = Cursor.of(n, this.file);
    const kw = headOf(n);
    const lit = (): Node => {
      const x = c.next();
      c.end();
      return x;
    };
    const nanKind = (x: Node): 'canonical' | 'arithmetic' | null =>
      pattern && x.t === T.Keyword && (x.text === 'nan:canonical' || x.text === 'nan:arithmetic')
        ? x.text === 'nan:canonical'
          ? 'canonical'
          : 'arithmetic'
        : null;
    switch (kw) {
      case 'i32.const':
        return { kind: 'value', value: { type: 'i32', value: c.literal(lit(), parseI32) } };
      case 'i64.const':
        return { kind: 'value', value: { type: 'i64', value: c.literal(lit(), parseI64) } };
      case 'f32.const':
      case 'f64.const': {
        const x = lit();
        const nan = nanKind(x);
        const type = kw === 'f32.const' ? 'f32' : 'f64';
        if (nan !== null) return { kind: 'nan', type, nan };
        if (type === 'f32') return { kind: 'value', value: { type, bits: c.literal(x, parseF32) } };
        return { kind: 'value', value: { type, bits: c.literal(x, parseF64) } };
      }
      case 'v128.const':
        return this.v128(c, pattern, nanKind);
      case 'ref.null': {
        const t = readHeapType(c);
        c.end();
        return { kind: 'value', value: { type: t === ValType.FuncRef ? 'funcref' : 'externref', isNull: true } };
      }
      case 'ref.extern': {
        if (c.atEnd() && pattern) return { kind: 'ref_any', type: 'externref' };
        const host = c.literal(lit(), (t) => parseNat(t, 32));
        return { kind: 'value', value: { type: 'externref', isNull: false, host } };
      }
      case 'ref.func':
        if (c.atEnd() && pattern) return { kind: 'ref_any', type: 'funcref' };
        throw c.error('unexpected token, expected (ref.func)', c.peek());
      default:
        throw c.error('unexpected token, expected a constant', n);
    }
  }

  private v128(
    c: Cursor,
    pattern: boolean,
    nanKind: (x: Node) => 'canonical' | 'arithmetic' | null,
  ): ResultPattern {
    const start = c.i;
    const sn = c.peek();
    const shapeName = sn?.text ?? '';
    const shape = V128_SHAPES[shapeName];
    const hasNan = pattern && c.items.slice(start + 1).some((x) => nanKind(x) !== null);
    if (shape === undefined || !hasNan) {
      const bytes = v128Literal(c);
      c.end();
      return { kind: 'value', value: { type: 'v128', bytes } };
    }
    c.i++;
    const [count, bits, float] = shape;
    const lanes: LanePattern[] = [];
    for (let i = 0; i < count; i++) {
      const x = c.next();
      const nan = nanKind(x);
      if (nan !== null) lanes.push({ kind: 'nan', nan });
      else if (!float) {
        const v = c.literal(x, (t) => parseIntN(t, bits));
        lanes.push({ kind: 'int', value: v });
      } else {
        const b = bits === 32 ? BigInt(c.literal(x, parseF32)) : c.literal(x, parseF64);
        lanes.push({ kind: 'float', bits: b });
      }
    }
    c.end();
    return { kind: 'v128', shape: shapeName as V128Shape, lanes };
  }
}

const FIELDS = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data']);

/** Parse a WAST script; every command records the line of its opening parenthesis. */
export function parseWast(text: string, file: string): Script {
  const p = new ScriptParser(file);
  const commands: Command[] = [];
  const nodes = readNodes(text, file);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as Node;
    if (n.t !== T.List) throw new KilnError('malformed', 'unexpected token', { file, line: n.line, column: n.col });
    if (FIELDS.has(headOf(n) ?? '')) {
      // bare module fields at the top level form one anonymous module (inline-module.wast)
      let j = i;
      while (j < nodes.length && FIELDS.has(headOf(nodes[j]) ?? '')) j++;
      const module = moduleFromFields(nodes.slice(i, j), file);
      commands.push({ kind: 'module', name: null, source: { kind: 'text', module, pos: { line: n.line, column: n.col } }, line: n.line });
      i = j - 1;
      continue;
    }
    commands.push(p.command(n));
  }
  return { file, commands };
}
