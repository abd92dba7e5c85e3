/**
 * Display names of a module's functions, by function index (imports first), as backtraces,
 * perf maps and `.cwasm` symbols show them: the name section's, then the first export name,
 * then `func[N]`.
 */

import type { Module } from './types.js';

export function functionNames(module: Module): string[] {
  const count = module.imports.filter((i) => i.desc.kind === 'func').length + module.funcs.length;
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(module.names?.funcs.get(i) ?? '');
  for (const e of module.exports) if (e.kind === 'func' && names[e.index] === '') names[e.index] = e.name;
  return names.map((n, i) => (n === '' ? `func[${i}]` : n));
}
