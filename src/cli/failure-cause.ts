/**
 * Why writing something failed, in words a user acts on: the file system's
 * code said plainly (`no space left on the device (ENOSPC)`), anything else
 * as its name and message (`RangeError: Invalid string length`). Node's own
 * messages name the syscall and temporary paths instead.
 */
import { oneLine } from "./text";

/** File system error codes in words. */
const CAUSES: Readonly<Record<string, string>> = {
  EISDIR: "it is a folder: name a file",
  ENOTDIR: "a part of its path is a file, not a folder",
  ENOENT: "its folder is gone",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EFBIG: "the file is too large for the file system",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EMFILE: "too many open files",
  EIO: "an input/output error of the device",
};

/** Why `err` happened, on one line: `no space left on the device (ENOSPC)`, `RangeError: Invalid string length`. */
export function causeOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === "string" && Object.hasOwn(CAUSES, code)) return `${CAUSES[code]} (${code})`;
  if (err instanceof Error) return oneLine(`${err.name}: ${err.message}`);
  return oneLine(String(err));
}
