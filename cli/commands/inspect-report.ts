/**
 * The data behind `kiln inspect`, and its text rendering. The report keeps the module's
 * strings exact (JSON escapes them itself); the text rendering escapes their control
 * characters (../escape.ts).
 */

import { scanSections } from '../../formats/wasm/section-scan.js';
import type { Limits, Module } from '../../formats/wasm/types.js';
import { valTypeName } from '../../formats/wasm/types.js';
import type { LoadedModule } from '../load.js';
import { escapeControls as esc } from '../escape.js';

export interface InspectReport {
  file: string;
  size: number;
  fromText: boolean;
  sections: { id: number; name: string; offset: number; size: number }[];
  types: string[];
  imports: { module: string; name: string; kind: string; type: string }[];
  functions: { index: number; name: string | null; type: string; codeSize: number; locals: number }[];
  tables: { index: number; type: string; imported: boolean }[];
  memories: { index: number; type: string; imported: boolean }[];
  globals: { index: number; type: string; imported: boolean }[];
  exports: { name: string; kind: string; index: number }[];
  start: number | null;
  elements: number;
  data: number;
  customSections: { name: string; size: number }[];
}

const limitsText = (l: Limits): string => (l.max === undefined ? `${l.min}..` : `${l.min}..${l.max}`);

function funcTypeText(m: Module, typeIdx: number): string {
  const t = m.types[typeIdx];
  if (t === undefined) return `type[${typeIdx}]`;
  return `(${t.params.map(valTypeName).join(', ')}) -> (${t.results.map(valTypeName).join(', ')})`;
}

export function buildReport(loaded: LoadedModule): InspectReport {
  const m = loaded.module;
  const importsOf = (kind: string): number => m.imports.filter((i) => i.desc.kind === kind).length;
  const nFuncImports = importsOf('func');
  const imports = m.imports.map((imp) => {
    const d = imp.desc;
    const type =
      d.kind === 'func'
        ? funcTypeText(m, d.type)
        : d.kind === 'table'
          ? `${valTypeName(d.table.elem)} ${limitsText(d.table.limits)}`
          : d.kind === 'memory'
            ? `pages ${limitsText(d.mem.limits)}`
            : `${d.global.mutable ? 'mut ' : ''}${valTypeName(d.global.type)}`;
    return { module: imp.module, name: imp.name, kind: d.kind, type };
  });
  const tableImports = m.imports.flatMap((i) => (i.desc.kind === 'table' ? [i.desc.table] : []));
  const memImports = m.imports.flatMap((i) => (i.desc.kind === 'memory' ? [i.desc.mem] : []));
  const globalImports = m.imports.flatMap((i) => (i.desc.kind === 'global' ? [i.desc.global] : []));
  return {
    file: loaded.file,
    size: loaded.bytes.length,
    fromText: loaded.fromText,
    sections: scanSections(loaded.bytes),
    types: m.types.map((_, i) => funcTypeText(m, i)),
    imports,
    functions: m.funcs.map((typeIdx, i) => {
      const index = nFuncImports + i;
      const code = m.codes[i];
      return {
        index,
        name: m.names?.funcs.get(index) ?? null,
        type: funcTypeText(m, typeIdx),
        codeSize: code?.size ?? 0,
        locals: code?.locals.reduce((n, g) => n + g.count, 0) ?? 0,
      };
    }),
    tables: [
      ...tableImports.map((t, index) => ({ index, type: `${valTypeName(t.elem)} ${limitsText(t.limits)}`, imported: true })),
      ...m.tables.map((t, i) => ({ index: tableImports.length + i, type: `${valTypeName(t.elem)} ${limitsText(t.limits)}`, imported: false })),
    ],
    memories: [
      ...memImports.map((mt, index) => ({ index, type: `pages ${limitsText(mt.limits)}`, imported: true })),
      ...m.mems.map((mt, i) => ({ index: memImports.length + i, type: `pages ${limitsText(mt.limits)}`, imported: false })),
    ],
    globals: [
      ...globalImports.map((g, index) => ({ index, type: `${g.mutable ? 'mut ' : ''}${valTypeName(g.type)}`, imported: true })),
      ...m.globals.map((g, i) => ({
        index: globalImports.length + i,
        type: `${g.type.mutable ? 'mut ' : ''}${valTypeName(g.type.type)}`,
        imported: false,
      })),
    ],
    exports: m.exports.map((e) => ({ name: e.name, kind: e.kind, index: e.index })),
    start: m.start,
    elements: m.elems.length,
    data: m.datas.length,
    customSections: m.customs.map((c) => ({ name: c.name, size: c.bytes.length })),
  };
}

function table(title: string, rows: string[]): string {
  if (rows.length === 0) return '';
  return `${title} (${rows.length}):\n${rows.map((r) => '  ' + r).join('\n')}\n`;
}

export function renderReport(r: InspectReport): string {
  const hex = (n: number): string => '0x' + n.toString(16).padStart(6, '0');
  let out = `${r.file}: ${r.size} bytes${r.fromText ? ' (encoded from text)' : ''}\n`;
  out += table(
    'sections',
    r.sections.map((s) => `${hex(s.offset)} ${s.id === 0 ? `custom "${esc(s.name)}"` : s.name.padEnd(10)} ${s.size} bytes`),
  );
  out += table('types', r.types.map((t, i) => `[${i}] ${t}`));
  out += table('imports', r.imports.map((i) => `${esc(i.module)}.${esc(i.name)}: ${i.kind} ${i.type}`));
  out += table(
    'functions',
    r.functions.map((f) => `[${f.index}]${f.name === null ? '' : ' ' + esc(f.name)} ${f.type} code ${f.codeSize} bytes, ${f.locals} locals`),
  );
  out += table('tables', r.tables.map((t) => `[${t.index}] ${t.type}${t.imported ? ' (imported)' : ''}`));
  out += table('memories', r.memories.map((m) => `[${m.index}] ${m.type}${m.imported ? ' (imported)' : ''}`));
  out += table('globals', r.globals.map((g) => `[${g.index}] ${g.type}${g.imported ? ' (imported)' : ''}`));
  out += table('exports', r.exports.map((e) => `${esc(e.name)}: ${e.kind} ${e.index}`));
  if (r.start !== null) out += `start: function ${r.start}\n`;
  if (r.elements > 0) out += `element segments: ${r.elements}\n`;
  if (r.data > 0) out += `data segments: ${r.data}\n`;
  out += table('custom sections', r.customSections.map((c) => `"${esc(c.name)}" ${c.size} bytes`));
  return out;
}
