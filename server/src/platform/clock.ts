/** Time as a dependency: services take a Clock so tests can move time without waiting for it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
