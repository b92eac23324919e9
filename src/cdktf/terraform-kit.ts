/**
 * The CDK library a construct is built with: `cdktf` 0.21 or its maintained
 * fork CDK Terrain (`cdktn`), which keeps the same API. The wait constructs
 * use the classes of the library whose `App` their scope belongs to, so one
 * construct code serves both (`opgate/cdktf` and `opgate/cdktn` export the
 * same classes), and neither library is loaded by opgate until a construct
 * is made in an app of it.
 *
 * The public types of the constructs name no class of either library: they
 * are the structural shapes below, which both libraries' objects fit.
 */
import type * as Cdktf from "cdktf";
import type { Construct } from "constructs";
import { InputError } from "../core/errors";

/** The library's module (cdktn's has the same shape as cdktf's). */
export type TerraformKit = typeof Cdktf;

/** The package names tried, in order, for the `App` at the root of a scope. */
const LIBRARIES = ["cdktf", "cdktn"] as const;

/** Something `dependsOn` can name: a resource, a data source, a module or another wait (CDKTF's `ITerraformDependable`). */
export interface TerraformDependable {
  /** The address Terraform's `depends_on` uses. */
  readonly fqn: string;
}

/** A value only Terraform knows: a reference or an expression (CDKTF's `IResolvable`). */
export interface TerraformResolvable {
  /** Where the value was made, for error messages. */
  readonly creationStack: string[];
  /** The value as Terraform JSON. */
  resolve(context: unknown): unknown;
  /** The value as a token string. */
  toString(): string;
}

const loaded = new Map<string, TerraformKit | null>();

/** The library whose `App` is the root of `scope`. Throws `InputError` when it is neither. */
export function kitOf(scope: Construct): TerraformKit {
  const root = scope.node.root;
  for (const name of LIBRARIES) {
    const kit = library(name);
    if (kit !== null && root instanceof kit.App) return kit;
  }
  throw new InputError("scope", `must belong to a cdktf or cdktn App (the root of ${scope.node.path || "this scope"} is not one): create the wait inside a TerraformStack of your app`);
}

/** The library `name` as the app would load it, or null when it is not installed. */
function library(name: string): TerraformKit | null {
  if (!loaded.has(name)) {
    try {
      loaded.set(name, require(name) as TerraformKit);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw err;
      loaded.set(name, null);
    }
  }
  return loaded.get(name)!;
}
