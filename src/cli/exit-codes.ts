/**
 * The CLI's exit codes (CONTRACT.md, CLI section): what a pipeline script
 * branches on.
 */
import type { Outcome } from "../core/result";

/** Bad usage or input, missing credentials included; nothing was sent. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT or SIGTERM. */
export const EXIT_INTERRUPTED = 130;

/** The exit code of each way a wait can end. */
export const OUTCOME_EXIT_CODES: Readonly<Record<Outcome, number>> = {
  SUCCESS: 0,
  FAILURE: 1,
  CANCELLED: 1,
  TIMEOUT: 3,
  ERROR: 4,
  INTERRUPTED: EXIT_INTERRUPTED,
};

/** An unexpected failure inside opgate is reported like an API error. */
export const EXIT_INTERNAL = OUTCOME_EXIT_CODES.ERROR;
