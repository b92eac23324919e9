/**
 * SIGINT/SIGTERM: the first one aborts the wait (it ends INTERRUPTED and what
 * is known is printed); a second one exits at once with 130.
 */
import { EXIT_INTERRUPTED } from "./exit-codes";

let interrupted: AbortSignal | undefined;

/**
 * The signal the first SIGINT/SIGTERM aborts. The first call installs the
 * handlers for the rest of the process's life (one line on stderr per
 * signal); later calls return the same signal.
 */
export function interruptSignal(): AbortSignal {
  if (interrupted) return interrupted;
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`opgate: ${name} again: exiting now\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    process.stderr.write(`opgate: ${name} received: stopping (send it again to exit at once)\n`);
    controller.abort(Object.assign(new Error(`interrupted by ${name}`), { name: "AbortError" }));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  interrupted = controller.signal;
  return interrupted;
}
