// The time part is where the system clock is read: nothing here is reported.
export const systemClock = {
  now: () => Date.now(),
  random: () => Math.random(),
  today: () => new Date(),
};
