/** The execution engines `kiln run --engine` can select. */

import { KilnError } from '../formats/errors.js';
import type { Engine } from '../loader/api.js';
import { interpEngine } from '../loader/interp/index.js';
import { ENGINE_NAMES, type EngineName } from './engine-names.js';

const ENGINES: Readonly<Record<EngineName, Engine>> = { interp: interpEngine };

export function selectEngine(name: string): Engine {
  if (!(ENGINE_NAMES as readonly string[]).includes(name)) {
    throw new KilnError('usage', `unknown engine "${name}" (available: ${ENGINE_NAMES.join(', ')})`);
  }
  return ENGINES[name as EngineName];
}
