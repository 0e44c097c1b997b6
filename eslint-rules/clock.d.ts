// Types for the plain-JS rule (ESLint loads eslint.config.js without a TS loader).
import type { Rule } from 'eslint';

export const clockRule: Rule.RuleModule;
declare const plugin: { rules: { clock: Rule.RuleModule } };
export default plugin;
