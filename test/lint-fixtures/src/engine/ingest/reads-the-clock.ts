// A service that tells time by itself: every read of the system clock is reported.
declare const clock: { now(): number; random(): number };
declare const stamp: string;

export const at = Date.now(); // clock reported
export const started = new Date(); // clock reported
export const later = new Date().getTime(); // clock reported
export const text = Date(); // clock reported
export const jitter = Math.random(); // clock reported
export const handedOn = { now: Date.now, random: Math.random }; // clock reported
export const nested = [1, 2].map(() => Math.floor(Math.random() * 10)); // clock reported

// Through the injected clock, and dates of a given instant: fine.
export const fine = [
  clock.now(),
  clock.random(),
  new Date(clock.now()).toISOString(),
  new Date(stamp),
  new Date(2026, 0, 1),
  Date.parse(stamp),
  Date.UTC(2026, 0, 1),
  Math.floor(1.5),
];
