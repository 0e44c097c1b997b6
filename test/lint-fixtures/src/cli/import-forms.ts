// Every way TypeScript and JavaScript can name a module, each pointing from cli into main.
import '../main/side-effect'; // reported
import type { Window } from '../main/window'; // reported
import { type Menu } from '../main/menu'; // reported
export { createWindow } from '../main/window'; // reported
export type { Tray } from '../main/tray'; // reported
export * from '../main/all'; // reported
export * as mainNs from '../main/all'; // reported
import mainCjs = require('../main/cjs'); // reported
export async function load(): Promise<void> {
  await import('../main/lazy'); // reported
  await import(`../main/lazy-template`); // reported
  require('../main/required'); // reported
  require.resolve('../main/resolved'); // reported
}
export type Later = import('../main/later').Later; // reported
// Computed specifiers cannot be checked statically and are not reported.
const name = '../main/dynamic';
export const dynamic = () => import(name);
export { mainCjs };
