/**
 * Deterministic mutation of WebAssembly text, for robustness tests of the text parser:
 * character deletions and insertions, token-level damage (unbalanced parentheses, broken
 * strings and comments, odd literals, misplaced keywords), duplicated and swapped ranges,
 * truncation. Every mutant is a pure function of (seed, index).
 */

import { Rng, subSeed } from './gen/rng.js';

/** fragments that stress the lexer and the parser more than random bytes do */
const FRAGMENTS = [
  '(', ')', '"', '\\', ';;', '(;', ';)', '$', '$x', ' ', '\n', '\r', '\t', '\0', '\u00e9', '\ud83d', 'nan', 'nan:0x',
  'inf', '-inf', '0x', '0x1p', '1e400', '-0', '_', '+', '=', 'offset=', 'align=', '0xffffffffffffffffff', '1.5e-400',
  'i32.const', 'i64.const', 'f32.const', 'f64.const', 'v128.const i8x16', 'block', 'loop', 'if', 'then', 'else',
  'end', 'br_table', 'call_indirect', 'select', '(result', '(param', '(local', '(type', '(func', '(memory 1)',
  '(table 1 funcref)', '(elem', '(data', '(export "x"', '(import "m" "n"', '(module', 'quote', 'binary', '"\\ff"',
  '"\\u{110000}"', 'i8x16.shuffle', 'memory.init', 'ref.func', 'ref.null', 'extern', 'funcref', '(start 0)',
];

export type TextMutationKind = 'delete' | 'insert' | 'fragment' | 'duplicate' | 'swap' | 'truncate' | 'replace-char';

export interface TextMutant {
  kind: TextMutationKind;
  source: number;
  text: string;
}

function mutateOnce(t: string, rng: Rng): { kind: TextMutationKind; text: string } {
  const n = t.length;
  const at = rng.int(n + 1);
  const span = 1 + rng.int(Math.min(40, n + 1));
  switch (rng.int(7)) {
    case 0:
      return { kind: 'delete', text: t.slice(0, at) + t.slice(at + span) };
    case 1:
      return { kind: 'insert', text: t.slice(0, at) + String.fromCharCode(rng.int(128)) + t.slice(at) };
    case 2:
      return { kind: 'fragment', text: t.slice(0, at) + rng.pick(FRAGMENTS) + t.slice(at) };
    case 3:
      return { kind: 'duplicate', text: t.slice(0, at + span) + t.slice(at, at + span) + t.slice(at + span) };
    case 4: {
      const b = rng.int(n + 1);
      const [lo, hi] = at < b ? [at, b] : [b, at];
      return { kind: 'swap', text: t.slice(0, lo) + t.slice(hi, hi + span) + t.slice(lo + span, hi) + t.slice(lo, lo + span) + t.slice(hi + span) };
    }
    case 5:
      return { kind: 'truncate', text: t.slice(0, at) };
    default: {
      const c = t.charAt(at);
      const swapped = c === '(' ? ')' : c === ')' ? '(' : c === '"' ? "'" : /[0-9]/.test(c) ? 'x' : '(';
      return { kind: 'replace-char', text: t.slice(0, at) + swapped + t.slice(at + 1) };
    }
  }
}

/** mutant `index` of a run seeded with `seed`: one to three mutations of one source text */
export function textMutantAt(sources: readonly string[], seed: number, index: number): TextMutant {
  const rng = new Rng(subSeed(seed, index));
  const source = rng.int(sources.length);
  let text = sources[source] as string;
  let kind: TextMutationKind = 'delete';
  const rounds = 1 + rng.int(3);
  for (let i = 0; i < rounds; i++) ({ kind, text } = mutateOnce(text, rng));
  return { kind, source, text };
}
