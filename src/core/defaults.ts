/** Product defaults every face shows and applies. */

/** Deadline of a wait when none is given. */
export const DEFAULT_TIMEOUT = "30m";
