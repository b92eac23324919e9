/**
 * The inputs of an opgate Pulumi resource as the provider sees them: which
 * exist for a service, which identify the operation (a change replaces the
 * resource) and which only tune the wait (a change is an update). Derived
 * from the providers' `FieldSpec`s, never listed by hand.
 */
import { getWaitProvider } from "../../providers";
import { allFields, ENDPOINT_FIELD, TIMEOUT_FIELD } from "../../providers/params";
import { isPlainObject } from "../core/values";

/**
 * Bookkeeping input set by the resource classes: the names of the inputs the
 * program passed as secrets (the engine strips the secret mark before calling
 * the provider, so the provider learns it this way).
 */
export const SECRET_INPUT_NAMES = "secretInputNames";

/** The resource properties as the engine passes them (plain JSON values). */
export type Props = Record<string, unknown>;

/** How the inputs of one service split. */
export interface InputNames {
  /** A change means another operation: replace. */
  identifying: string[];
  /** A change only tunes the wait: update without a new wait. */
  tuning: string[];
  /** Every input, bookkeeping included. */
  all: string[];
}

/** The input names of `service`'s resources. Throws `InputError("service")` for an unknown service. */
export function inputNames(service: unknown): InputNames {
  // The service (another API is another operation), then the inputs every service has, then its own.
  const fields = [ENDPOINT_FIELD, TIMEOUT_FIELD, ...allFields(getWaitProvider(service))];
  const identifying = ["service", ...fields.filter((f) => f.identifying).map((f) => f.name)];
  const tuning = fields.filter((f) => !f.identifying).map((f) => f.name);
  return { identifying, tuning, all: [...identifying, ...tuning, SECRET_INPUT_NAMES] };
}

/** The inputs among `props`, to echo into the outputs (diff reads old outputs, not old inputs). */
export function echoInputs(props: Props): Props {
  const echo: Props = {};
  for (const name of inputNames(props.service).all) {
    if (props[name] !== undefined && props[name] !== null) echo[name] = props[name];
  }
  return echo;
}

/** What changed between the old outputs (which echo the old inputs) and the new inputs. */
export interface InputChanges {
  /** Identifying inputs that changed: the resource is replaced (a new wait). */
  replaces: string[];
  /** Other inputs that changed: an update without a new wait. */
  updates: string[];
}

/** Compares the inputs of `news`' service; an input not known yet counts as changed. */
export function diffInputs(olds: Props, news: Props): InputChanges {
  const names = inputNames(news.service);
  const booleans = new Set(allFields(getWaitProvider(news.service)).filter((f) => f.kind === "boolean").map((f) => f.name));
  const changed = (name: string) => normalize(olds[name], booleans.has(name)) !== normalize(news[name], booleans.has(name));
  return {
    replaces: names.identifying.filter(changed),
    updates: [...names.tuning, SECRET_INPUT_NAMES].filter(changed),
  };
}

/**
 * Absent, null, an empty list and an empty object are the same; for a boolean
 * field so is false. Values compare as JSON whatever the order of their
 * members (an API wait spec read back from the state may list its keys in
 * another order: it is the same spec).
 */
function normalize(value: unknown, isBoolean: boolean): string {
  const empty = value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
  if (empty || (isBoolean && value === false)) return "";
  return JSON.stringify(sortedMembers(value));
}

/** `value` with the members of every object in it sorted by name. */
function sortedMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedMembers);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedMembers(value[key])]),
  );
}
