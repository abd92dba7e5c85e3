/** Escaping a module's strings for the terminal: formats/escape.ts (shared with the standalone executable's image). */
export { escapeControls } from '../formats/escape.js';
