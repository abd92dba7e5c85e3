/**
 * Tokens of IR text: identifiers (opcodes, types, `v3`, `block2`, `sig0`, `fn7`, condition
 * and trap names), `%name` / `%"quoted name"`, integers (decimal with optional '-', or 0x hex),
 * punctuation `( ) [ ] { } , : = + ->`, and line ends (the syntax is line based). `;` starts
 * a comment to the end of the line. Every token knows its 1-based line and column.
 */

import { KilnError } from '../../formats/errors.js';

export type TokKind = 'ident' | 'name' | 'num' | 'punct' | 'nl' | 'eof';

export interface Token {
  readonly kind: TokKind;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

const PUNCT = '()[]{},:=+';
const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_.$]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

export function irError(reason: string, line: number, column: number, file?: string): KilnError {
  return new KilnError('malformed', reason, file === undefined ? { line, column } : { file, line, column });
}

export function tokenize(text: string, file?: string): Token[] {
  const toks: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const push = (kind: TokKind, start: number, end: number): void => {
    toks.push({ kind, text: text.slice(start, end), line, column: start - lineStart + 1 });
  };
  const fail = (reason: string, at: number): never => {
    throw irError(reason, line, at - lineStart + 1, file);
  };
  const scan = (from: number, ok: (c: string) => boolean): number => {
    let j = from;
    while (j < text.length && ok(text[j] as string)) j++;
    return j;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '\n') {
      push('nl', i, i + 1);
      i++;
      line++;
      lineStart = i;
    } else if (c === ';') {
      i = scan(i, (d) => d !== '\n');
    } else if (isIdentStart(c)) {
      const j = scan(i, isIdentChar);
      push('ident', i, j);
      i = j;
    } else if (c === '%') {
      i = lexName(text, i, push, fail);
    } else if (isDigit(c) || (c === '-' && isDigit(text[i + 1] ?? ''))) {
      const body = c === '-' ? i + 1 : i;
      const hex = text[body] === '0' && (text[body + 1] === 'x' || text[body + 1] === 'X');
      const j = hex ? scan(body + 2, (d) => /[0-9a-fA-F]/.test(d)) : scan(body, isDigit);
      if ((hex && j === body + 2) || isIdentChar(text[j] ?? ' ')) fail('malformed number', i);
      push('num', i, j);
      i = j;
    } else if (c === '-' && text[i + 1] === '>') {
      push('punct', i, i + 2);
      i += 2;
    } else if (PUNCT.includes(c)) {
      push('punct', i, i + 1);
      i++;
    } else {
      fail(`unexpected character ${JSON.stringify(c)}`, i);
    }
  }
  toks.push({ kind: 'eof', text: '', line, column: i - lineStart + 1 });
  return toks;
}

/** `%ident` or `%"json string"`; returns the index after it */
function lexName(
  text: string,
  i: number,
  push: (kind: TokKind, start: number, end: number) => void,
  fail: (reason: string, at: number) => never,
): number {
  let j = i + 1;
  if (text[j] === '"') {
    j++;
    while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    if (text[j] !== '"') fail('unterminated function name', i);
    j++;
  } else {
    while (j < text.length && isIdentChar(text[j] as string)) j++;
    if (j === i + 1) fail('expected a function name after %', i);
  }
  push('name', i, j);
  return j;
}
