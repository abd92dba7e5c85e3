/**
 * The WebAssembly text format (spec §6) and WAST scripts: public entry points.
 */
export { parseWat } from './module.js';
export { parseWast } from './script.js';
