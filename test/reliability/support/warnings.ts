/** The process warnings (a `TimeoutOverflowWarning`, ...) that a piece of work causes. */

/** What `run` resolves with, and the process warnings emitted while it ran, as `Name: message`. */
export async function watchingWarnings<T>(run: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on("warning", onWarning);
  try {
    const value = await run();
    // Node emits warnings on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    return { value, warnings };
  } finally {
    process.off("warning", onWarning);
  }
}
