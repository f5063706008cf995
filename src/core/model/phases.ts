// Phase clock of a model job: wall and CPU milliseconds per phase. CPU counts every thread of the
// process (workers included): on a shared machine the wall clock mostly measures the neighbours.

export interface PhaseClock {
  /** wall-clock milliseconds per phase */
  readonly timings: Record<string, number>;
  /** CPU milliseconds per phase, all threads */
  readonly cpu: Record<string, number>;
  /** Ends the current phase under `name` and starts the next one. */
  lap(name: string): void;
}

export function phaseClock(): PhaseClock {
  const timings: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let wall0 = Date.now();
  let cpu0 = process.cpuUsage();
  return {
    timings,
    cpu,
    lap(name: string): void {
      const used = process.cpuUsage(cpu0);
      timings[name] = Date.now() - wall0;
      cpu[name] = Math.round((used.user + used.system) / 1000);
      wall0 = Date.now();
      cpu0 = process.cpuUsage();
    },
  };
}
