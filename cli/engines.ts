/** The execution engines `kiln run --engine` can select. */

import type { Engine } from '../loader/api.js';
import { interpEngine } from '../loader/interp/index.js';
import { checkEngineName, type EngineName } from './engine-names.js';

const ENGINES: Readonly<Record<EngineName, Engine>> = { interp: interpEngine };

export function selectEngine(name: string): Engine {
  return ENGINES[checkEngineName(name)];
}
