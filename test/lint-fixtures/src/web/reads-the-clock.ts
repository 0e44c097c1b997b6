// Outside the engine (a host), the rule does not apply: nothing here is reported.
export const startedAt = new Date();
export const at = Date.now();
export const token = Math.random();
