/**
 * Every valid module of the Wasm 2.0 testsuite, decoded from its binary (text modules are
 * encoded first, so bodies are read through the cursor as in real use).
 */

import { validateModule } from '../../compiler/validate/index.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import type { Module } from '../../formats/wasm/types.js';
import { parseWat } from '../../formats/wat/index.js';
import { parsedScripts, scriptModules, type CorpusModule } from './corpus.js';

/** the module as decoded from its binary, or null when it is not a valid module */
export function validModule(mod: CorpusModule): Module | null {
  if (mod.command === 'assert_invalid' || mod.command === 'assert_malformed') return null;
  try {
    const s = mod.source;
    const bytes = s.kind === 'binary' ? s.bytes : encodeModule(s.kind === 'text' ? s.module : parseWat(s.text));
    const m = decodeModule(bytes);
    validateModule(m);
    return m;
  } catch {
    return null;
  }
}

export function* validSpecModules(): Generator<{ name: string; module: Module }> {
  for (const script of parsedScripts()) {
    if (script.script === null) continue;
    for (const mod of scriptModules(script.script)) {
      const m = validModule(mod);
      if (m !== null) yield { name: `${mod.file}:${mod.line}`, module: m };
    }
  }
}
