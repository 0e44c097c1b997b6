// Specifiers that reach another layer by a detour.
import { a } from '../engine/../main/a'; // reported
import { b } from './../../src/web/b'; // reported
import { c } from '../cli/../../src/renderer/c'; // reported
import { d } from '..\\main\\d'; // reported
import { e } from '.\\..\\web\\e'; // reported
// Detours that end up where they may.
import { f } from '../main/../engine/f';
import { g } from '..\\engine\\g';
import { h } from '../cli/./h';
export { a, b, c, d, e, f, g, h };
