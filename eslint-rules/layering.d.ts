// Types for the plain-JS rule (ESLint loads eslint.config.js without a TS loader), so tests
// can call its path logic directly.
import type { Rule } from 'eslint';

export const LAYERS: readonly string[];
export const allowedImports: Record<string, readonly string[]>;
export function layerOf(file: string, root?: string): string | null;
export function targetLayer(source: string, fromFile: string, root?: string): string | null;
export const ENGINE_LEVELS: readonly (readonly string[])[];
export function enginePartOf(file: string, root?: string): string | null;
export function engineLevelOf(part: string): number;
export const layeringRule: Rule.RuleModule;
declare const plugin: { rules: { layering: Rule.RuleModule } };
export default plugin;
