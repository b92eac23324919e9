/**
 * The life of the `--state-out FILE` of `opgate wait` (docs/contract.md, CLI):
 * a stale result is never read, and what scripts read agrees with the exit code.
 *
 * - Before anything else (before the flags are parsed, so exit 2 included),
 *   the file an earlier run left at FILE is removed, with the temporary
 *   siblings (`FILE.<hex>.tmp`) a killed writer left; signals that end the
 *   run later find nothing to remove. A FILE that is empty, a folder, or
 *   under a plain file is refused there (exit 2, nothing sent).
 * - On SUCCESS only, the Result is written there atomically (a temporary
 *   sibling, then a rename; `stateFileText` decides the content). When that
 *   fails, the Result becomes an ERROR naming the file and the cause, its
 *   `status` still the operation's: the JSON, the GitHub outputs and the
 *   exit code (4) then say the same thing.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Result } from "../core/result";
import { causeOf } from "./failure-cause";
import { Refusal } from "./refusal";
import { stateFileText } from "./terraform-state";
import { oneLine } from "./text";

const STATE_OUT_FLAG = "--state-out";
/** The error code of a Result whose state file could not be written. */
export const STATE_OUT_ERROR = "StateOutError";

/** Hex digits in a temporary file's name (`FILE.<hex>.tmp`). */
const TEMPORARY_HEX = 12;
/** What follows `FILE.` in the name of a temporary file of the writer. */
const TEMPORARY_SUFFIX = new RegExp(`^[0-9a-f]{${TEMPORARY_HEX}}\\.tmp$`);

/**
 * The FILE of every `--state-out FILE` and `--state-out=FILE` in `args`, read
 * as commander will: the value of another flag (`takesValue`) is skipped, and
 * nothing after `--` is a flag.
 */
export function stateOutFiles(args: readonly string[], takesValue: (flag: string) => boolean): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length && args[i] !== "--"; i++) {
    const arg = args[i];
    if (arg === STATE_OUT_FLAG) {
      if (i + 1 < args.length) files.push(args[++i]);
    } else if (arg.startsWith(`${STATE_OUT_FLAG}=`)) {
      files.push(arg.slice(STATE_OUT_FLAG.length + 1));
    } else if (!arg.includes("=") && takesValue(arg)) {
      i++;
    }
  }
  return files;
}

/**
 * `clearStateOut` for every `--state-out` FILE in `args` (see `stateOutFiles`).
 * Throws a `Refusal` (exit 2) for the first FILE that must be refused.
 */
export function clearEarlierStateFiles(args: readonly string[], takesValue: (flag: string) => boolean): void {
  for (const file of stateOutFiles(args, takesValue)) {
    const problem = clearStateOut(file);
    if (problem) throw new Refusal(problem, null);
  }
}

/**
 * Removes the result an earlier run left at `file` and the temporary files a
 * killed writer left beside it. Returns why the run must be refused (exit 2)
 * instead: an empty FILE, a FILE that is a folder (or anything but a file),
 * a folder that can never be made, a file that cannot be removed. Else null.
 */
export function clearStateOut(file: string): string | null {
  if (!file.trim()) return `${STATE_OUT_FLAG} must name a file: pass ${STATE_OUT_FLAG} FILE`;
  const shown = `${STATE_OUT_FLAG} ${oneLine(file)}`;
  const blocker = firstNonFolderAncestor(path.dirname(path.resolve(file)));
  if (blocker) return `${shown}: ${oneLine(blocker)} is a file, not a folder: name a file in a folder`;
  const existing = lstatOrNull(file);
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) return `${shown} is ${existing.isDirectory() ? "a folder" : "not a regular file"}: name a file`;
  try {
    fs.rmSync(file, { force: true });
  } catch (err) {
    return `${shown}: cannot remove the result an earlier run left there: ${causeOf(err)}`;
  }
  removeTemporarySiblings(file);
  return null;
}

/**
 * `result` after writing it to `file` when it is a SUCCESS; any other outcome
 * writes nothing (`clearStateOut` removed the earlier file). When the write
 * fails, the ERROR Result that says so: `error` and `message` name the file
 * and the cause, `status`, `rawStatus` and the outputs stay the operation's.
 */
export function writeStateOut(file: string, result: Result): Result {
  if (result.outcome !== "SUCCESS") return result;
  try {
    writeAtomically(file, stateFileText(result));
    return result;
  } catch (err) {
    const message = `cannot write ${STATE_OUT_FLAG} ${oneLine(file)}: ${causeOf(err)}`;
    return { ...result, outcome: "ERROR", message, error: { code: STATE_OUT_ERROR, message } };
  }
}

/** Writes `text` to a temporary sibling of `file` (creating the folder), then renames it over `file`. Throws the file system's error. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${randomBytes(TEMPORARY_HEX / 2).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(temporary, text, { mode: 0o644 });
    fs.renameSync(temporary, file);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    throw err;
  }
}

/**
 * Removes `FILE.<hex>.tmp` files beside `file`: what a writer killed mid-write
 * (SIGKILL) left. Best effort: Terraform reads only FILE, so one that cannot
 * be removed is untidy, never wrong.
 */
function removeTemporarySiblings(file: string): void {
  const folder = path.dirname(file);
  const base = `${path.basename(file)}.`;
  try {
    for (const name of fs.readdirSync(folder)) {
      if (name.startsWith(base) && TEMPORARY_SUFFIX.test(name.slice(base.length))) fs.rmSync(path.join(folder, name), { force: true });
    }
  } catch {
    // no folder yet (nothing was left), or a file the user may not remove
  }
}

/** The nearest existing ancestor of `folder` (itself included) when it is not a folder, else null. */
function firstNonFolderAncestor(folder: string): string | null {
  for (let current = folder; ; current = path.dirname(current)) {
    const stat = lstatOrNull(current);
    if (stat) return stat.isDirectory() || (stat.isSymbolicLink() && isFolder(current)) ? null : current;
    if (path.dirname(current) === current) return null;
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The entry at `file` itself (a link is not followed), or null when there is none (or it cannot be looked at). */
function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}
