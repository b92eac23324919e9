/**
 * The emulator's record of the requests it answered. It never holds
 * credentials, signatures or query strings (v1 requests carry their signature
 * and security token there): only what a test or a person needs to follow a
 * wait.
 */
import type { FaultKind } from "./fault-spec";
import type { EmulatedServiceName } from "./scenario";

/** One request the emulator answered. */
export interface RequestRecord {
  /** Emulator clock (ms epoch) when the request arrived. */
  time: number;
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The service the request was routed to (`api` for a scripted API), if any. */
  service: EmulatedServiceName | null;
  /** The Alibaba action (`GetOperation`), if any. */
  action: string | null;
  /** The operation the request asked about (a scripted API's: the one that answered), if it got that far. */
  operationId: string | null;
  /** HTTP status answered; 0 when the connection was reset. */
  status: number;
  /** The error code answered, if any. */
  code: string | null;
  /** The scenario fault that shaped the answer, if any. */
  fault: FaultKind | null;
}

/** How many records are kept; older ones are dropped. */
export const MAX_RECORDS = 10_000;

/** Appends `record`, dropping the oldest records beyond `MAX_RECORDS`. */
export function appendRecord(records: RequestRecord[], record: RequestRecord): void {
  records.push(record);
  if (records.length > MAX_RECORDS + MAX_RECORDS / 10) records.splice(0, records.length - MAX_RECORDS);
}

/** Longest request-controlled text written to a log line. */
const MAX_FIELD = 120;

/**
 * One log line: `2024-01-01T00:00:00.000Z GET / emr GetOperation op-1 -> 200`.
 * Request-controlled text is clipped and stripped of control characters.
 */
export function formatRecord(r: RequestRecord): string {
  const fields = [r.method, r.path, r.service, r.action, r.operationId].map((text) => clean(text ?? "-"));
  const parts = [new Date(r.time).toISOString(), ...fields, "->", String(r.status)];
  if (r.code) parts.push(clean(r.code));
  if (r.fault) parts.push(`(fault: ${r.fault})`);
  return parts.join(" ");
}

function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, "?");
  return printable.length > MAX_FIELD ? `${printable.slice(0, MAX_FIELD)}…` : printable;
}
