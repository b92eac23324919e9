/**
 * SIGINT/SIGTERM of the provider host while waits run. The engine never
 * cancels a dynamic provider's call (its Cancel is a no-op), so the host's
 * signals are the only way to stop a wait: each wait in progress ends with
 * INTERRUPTED and answers the engine, then the process ends as the signal
 * asks. Without waits in progress no handler is installed and the signal has
 * its default effect.
 */

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
/** How long the interrupted waits get to answer the engine before the process ends anyway. */
const ANSWER_GRACE_MS = 5000;
/** Time for the last answers to leave the process once every wait has settled. */
const FLUSH_MS = 200;

const running = new Map<AbortController, Promise<unknown>>();
/** Set once a signal arrived: the process is ending, so a wait started now is interrupted at once. */
let ending: Error | undefined;

/**
 * Runs `wait` with a signal that SIGINT/SIGTERM of this process aborts.
 * Resolves or rejects as `wait` does.
 */
export async function interruptible<T>(wait: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (ending) controller.abort(ending);
  const run = wait(controller.signal);
  if (running.size === 0 && !ending) listen();
  running.set(controller, run);
  try {
    return await run;
  } finally {
    running.delete(controller);
    if (running.size === 0 && !ending) unlisten();
  }
}

function listen(): void {
  for (const name of SIGNALS) process.on(name, onSignal);
}

function unlisten(): void {
  for (const name of SIGNALS) process.off(name, onSignal);
}

function onSignal(name: NodeJS.Signals): void {
  unlisten();
  ending = Object.assign(new Error(`interrupted by ${name}`), { name: "AbortError" });
  const settled = Promise.allSettled([...running.values()]);
  for (const controller of running.keys()) controller.abort(ending);
  // With no listener left, raising the signal again has its default effect.
  const end = () => process.kill(process.pid, name);
  const fallback = setTimeout(end, ANSWER_GRACE_MS);
  void settled.then(() => {
    clearTimeout(fallback);
    setTimeout(end, FLUSH_MS);
  });
}
