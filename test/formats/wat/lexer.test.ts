import { describe, expect, it } from 'vitest';
import { readNodes, T, type Node } from '../../../formats/wat/lexer.js';
import { KilnError } from '../../../formats/errors.js';

const atoms = (text: string): Node[] => readNodes(text);
const errorOf = (f: () => unknown): KilnError => {
  try {
    f();
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('expected a KilnError');
};

describe('lexer', () => {
  it('classifies tokens', () => {
    const ns = atoms('kw $id 12 -0x1 "s" $ a"b" 0x1p3');
    expect(ns.map((n) => n.t)).toEqual([T.Keyword, T.Id, T.Number, T.Number, T.String, T.Reserved, T.Reserved, T.Number]);
    expect(ns.map((n) => n.text)).toEqual(['kw', '$id', '12', '-0x1', '', '$', 'a"b"', '0x1p3']);
  });
  it('skips line comments and nested block comments, keeping positions', () => {
    const ns = atoms(';; line\n(; outer (; inner ;) still ;) (a\n  b) ;; end');
    expect(ns).toHaveLength(1);
    const list = ns[0] as Node;
    expect(list.t).toBe(T.List);
    expect([list.line, list.col]).toEqual([2, 31]);
    const b = (list.items as Node[])[1] as Node;
    expect([b.text, b.line, b.col]).toEqual(['b', 3, 3]);
  });
  it('delimits tokens by parentheses and comments', () => {
    const ns = atoms('(func(nop)nop;;x\n)');
    const items = (ns[0] as Node).items as Node[];
    expect(items.map((n) => (n.t === T.List ? '()' : n.text))).toEqual(['func', '()', 'nop']);
  });
  it('decodes every string escape into bytes', () => {
    const [s] = atoms('"a\\n\\t\\r\\\\\\\'\\"\\41\\ff\\u{1F600}\\u{41}é"');
    expect(Array.from((s as Node).bytes as Uint8Array)).toEqual([
      0x61, 0x0a, 0x09, 0x0d, 0x5c, 0x27, 0x22, 0x41, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0x41, 0xc3, 0xa9,
    ]);
  });
  it('reports unterminated comments, strings and lists at their start', () => {
    const e1 = errorOf(() => readNodes('(a)\n  (; never closed', 'x.wat'));
    expect(e1.kind).toBe('malformed');
    expect(e1.format()).toBe('x.wat:2:3: malformed: unclosed block comment');
    expect(errorOf(() => readNodes('  "abc')).reason).toBe('unclosed string');
    expect(errorOf(() => readNodes('(a (b)')).loc).toEqual({ file: undefined, line: 1, column: 1 });
    expect(errorOf(() => readNodes('a)')).reason).toMatch(/unexpected token/);
  });
  it('rejects bad escapes and surrogate code points', () => {
    expect(errorOf(() => readNodes('"\\q"')).reason).toBe('illegal escape');
    expect(errorOf(() => readNodes('"\\u{d800}"')).reason).toBe('malformed unicode escape');
    expect(errorOf(() => readNodes('"\\u{110000}"')).reason).toBe('malformed unicode escape');
    expect(errorOf(() => readNodes('"\\4"')).reason).toBe('illegal escape');
  });
  it('rejects control characters in strings and illegal characters outside', () => {
    expect(errorOf(() => readNodes('"a\tb"')).reason).toBe('illegal character in string');
    expect(errorOf(() => readNodes('(a é)')).loc.column).toBe(4);
  });
});
