/**
 * Which names of a module's `name` section the WAT printer can write as `$identifiers`
 * (spec §6.3.5, appendix §7.4.1). A function or local name is used when it is made of
 * idchars only and no other function (or local of the same function) has the same name;
 * anything else is printed by its index, so the text always parses back to the same
 * indices. The module name is used under the same rule.
 */

import type { NameSection } from '../wasm/types.js';
import { isIdName } from './print-values.js';

/** names that occur once among the values of `names`, restricted to indices below `count` */
function uniqueIds(names: ReadonlyMap<number, string> | undefined, count: number): Map<number, string> {
  const out = new Map<number, string>();
  if (names === undefined) return out;
  const seen = new Map<string, number>();
  for (const [index, name] of names) {
    if (index < count && isIdName(name)) seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const [index, name] of names) {
    if (index < count && seen.get(name) === 1) out.set(index, '$' + name);
  }
  return out;
}

export class PrintNames {
  /** `$id` of the module, or null */
  readonly module: string | null;
  private readonly funcs: Map<number, string>;
  private readonly locals: ReadonlyMap<number, ReadonlyMap<number, string>> | undefined;

  /**
   * @param funcCount number of functions (imported and defined)
   * @param localCount number of params and locals of function index i (0 for imports)
   */
  constructor(
    private readonly names: NameSection | null,
    funcCount: number,
    private readonly localCount: (func: number) => number,
  ) {
    this.module = names?.module !== undefined && isIdName(names.module) ? '$' + names.module : null;
    this.funcs = uniqueIds(names?.funcs, funcCount);
    this.locals = names?.locals;
  }

  /** `$name` or the decimal index of function `i` */
  func(i: number): string {
    return this.funcs.get(i) ?? String(i);
  }

  /** `$name ` (with a trailing space) for a definition, or '' */
  funcId(i: number): string {
    const id = this.funcs.get(i);
    return id === undefined ? '' : id + ' ';
  }

  /** what of the name section is not printed, e.g. "2 function names, 1 local name"; null when nothing */
  unprinted(): string | null {
    const n = this.names;
    if (n === null) return null;
    const parts: string[] = [];
    const plural = (k: number, what: string): string => `${k} ${what}${k === 1 ? '' : 's'}`;
    if (n.module !== undefined && this.module === null) parts.push('the module name');
    const funcs = n.funcs.size - this.funcs.size;
    if (funcs > 0) parts.push(plural(funcs, 'function name'));
    let locals = 0;
    for (const [f, map] of n.locals) locals += map.size - this.localsOf(f).size;
    if (locals > 0) parts.push(plural(locals, 'local name'));
    return parts.length === 0 ? null : parts.join(', ');
  }

  /** the printable local names of function `func` (index → `$name`) */
  localsOf(func: number): ReadonlyMap<number, string> {
    return uniqueIds(this.locals?.get(func), this.localCount(func));
  }
}
