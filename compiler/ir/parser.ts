/**
 * IR text parser, the inverse of printer.ts: print(parse(t)) === t for printed text, and
 * parse(print(f)) has f's blocks, values, signatures and instructions with the same numbers.
 * Value and block numbers are taken from the text (gaps stay undefined), so a function keeps
 * its numbering through a round trip. The parser checks what the store cannot represent
 * (names defined twice or never, unknown opcodes / types / signatures, result counts); all
 * typing and dominance rules are the verifier's. Errors are KilnError('malformed') with the
 * line:column of the offending token.
 */

import { Func, ValueKind } from './func.js';
import { tokenize, type Token } from './lexer.js';
import { OPCODES, opByName, type OpRow } from './opcodes.js';
import { Cursor } from './parse-cursor.js';
import { IMM_PARSERS, type BlockCallText } from './parse-inst.js';
import { typeByName, type Type } from './types.js';
import { expectedResults } from './view.js';

export interface ParseOptions {
  /** a store to reuse (it is reset) */
  into?: Func;
  /** file name for error locations */
  file?: string;
}

/** parse one function */
export function parseFunc(text: string, opts: ParseOptions = {}): Func {
  const f = opts.into ?? new Func();
  const c = new Cursor(tokenize(text, opts.file), opts.file);
  c.skipBlankLines();
  header(c, f);
  c.skipBlankLines();
  while (c.isId('sig')) {
    sigDecl(c, f);
    c.skipBlankLines();
  }
  while (!c.isPunct('}')) {
    if (c.peek().kind === 'eof') throw c.expected("'}'");
    block(c, f);
  }
  c.punct('}');
  c.skipBlankLines();
  if (c.peek().kind !== 'eof') throw c.expected('end of text');
  checkDefined(c, f);
  return f;
}

function type(c: Cursor): Type {
  const t = c.ident('a type');
  const ty = typeByName(t.text);
  if (ty === -1) throw c.error(`unknown type '${t.text}'`, t);
  return ty;
}

/** `(T, T) -> T, T` */
function signature(c: Cursor): [Type[], Type[]] {
  c.punct('(');
  const params: Type[] = [];
  if (!c.isPunct(')')) {
    do params.push(type(c));
    while (c.eat(','));
  }
  c.punct(')');
  const results: Type[] = [];
  if (c.eat('->')) {
    do results.push(type(c));
    while (c.eat(','));
  }
  return [params, results];
}

function header(c: Cursor, f: Func): void {
  c.keyword('function');
  const t = c.peek();
  if (t.kind !== 'name') throw c.expected('a function name (%name)');
  c.next();
  let name = t.text.slice(1);
  if (name.startsWith('"')) {
    try {
      name = JSON.parse(name) as string;
    } catch {
      throw c.error('malformed function name', t);
    }
  }
  const [params, results] = signature(c);
  f.reset(name, params, results);
  c.punct('{');
  c.endLine();
}

function sigDecl(c: Cursor, f: Func): void {
  const t = c.peek();
  const n = c.id('sig', 'a signature');
  if (n !== f.sigCount) throw c.error(`expected sig${f.sigCount} (signatures are numbered in order)`, t);
  c.punct('=');
  const [params, results] = signature(c);
  c.endLine();
  f.addSig(params, results);
}

function defineCheck(c: Cursor, f: Func, v: number, t: Token): void {
  if (v < f.valueCount && f.valueKind[v] !== ValueKind.None) throw c.error(`v${v} is defined twice`, t);
}

function block(c: Cursor, f: Func): void {
  const t = c.peek();
  const b = c.id('block', 'a block label (blockN:)');
  f.ensureBlocks(b + 1);
  if (f.blockPlaced[b] === 1) throw c.error(`block${b} is defined twice`, t);
  f.placeBlock(b);
  if (c.eat('(')) {
    do {
      const vt = c.peek();
      const v = c.id('v', 'a value');
      c.punct(':');
      const ty = type(c);
      defineCheck(c, f, v, vt);
      f.appendParamValue(b, v, ty);
    } while (c.eat(','));
    c.punct(')');
  }
  c.punct(':');
  c.endLine();
  for (c.skipBlankLines(); !c.isPunct('}') && c.peek().kind !== 'eof'; c.skipBlankLines()) {
    if (c.isId('block') && (c.isPunct('(', 1) || c.isPunct(':', 1))) return;
    inst(c, f, b);
  }
}

function inst(c: Cursor, f: Func, b: number): void {
  const results: [number, Token][] = [];
  if (c.isId('v')) {
    do {
      const t = c.peek();
      results.push([c.id('v', 'a value'), t]);
    } while (c.eat(','));
    c.punct('=');
  }
  const opTok = c.ident('an instruction');
  const opcode = opByName(opTok.text);
  if (opcode < 0) throw c.error(`unknown instruction '${opTok.text}'`, opTok);
  const row = OPCODES[opcode] as OpRow;
  const p = IMM_PARSERS[row.imm](c, f, row);
  c.endLine();

  const i = f.newInst(opcode, results.length, p.ops.length, p.imm0, p.imm1);
  p.ops.forEach((v, k) => f.setOperand(i, k, v));
  if (p.calls.length > 0) addCalls(f, i, p.calls);
  const types = expectedResults(f, i) ?? [];
  if (types.length !== results.length) {
    const n = types.length;
    throw c.error(`${row.name} defines ${n} result${n === 1 ? '' : 's'}, not ${results.length}`, opTok);
  }
  results.forEach(([v, t], k) => {
    defineCheck(c, f, v, t);
    f.bindResult(i, k, v, types[k] as Type);
  });
  f.appendInst(b, i);
}

function addCalls(f: Func, i: number, calls: readonly BlockCallText[]): void {
  const first = f.newBlockCalls(calls.length);
  f.instImm0[i] = first;
  f.instImm1[i] = calls.length;
  calls.forEach((bc, k) => {
    f.ensureBlocks(bc.block + 1);
    f.setBlockCall(first + k, bc.block, bc.args.length);
    bc.args.forEach((v, a) => f.setCallArg(first + k, a, v));
  });
}

/** every used value and block must be defined somewhere */
function checkDefined(c: Cursor, f: Func): void {
  for (const [v, t] of c.valueUses) {
    if (v >= f.valueCount || f.valueKind[v] === ValueKind.None) throw c.error(`v${v} is not defined`, t);
  }
  for (const [b, t] of c.blockUses) {
    if (f.blockPlaced[b] !== 1) throw c.error(`block${b} is not defined`, t);
  }
}
