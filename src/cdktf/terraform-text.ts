/**
 * Values inside Terraform JSON strings. Terraform reads every JSON string as
 * a template: `${...}` is an expression and `%{...}` a directive, and CDKTF
 * writes literal strings as they are. A literal that must arrive verbatim
 * (an operation ID such as `${path.module}`) is escaped as Terraform's
 * template syntax says: `${` → `$${`, `%{` → `%%{`. A reference (a CDKTF
 * token) must stay an expression, so it is passed through.
 */
import { NOT_NFC } from "../../providers/params";
import { InputError } from "../core/errors";
import type { TerraformKit } from "./terraform-kit";

const TEMPLATE_START = /[$%]\{/;

/**
 * `value` as a Terraform JSON string that evaluates to exactly `value`.
 * A string holding CDKTF tokens passes through unchanged, unless its literal
 * parts hold `${` or `%{`, or a `$` right before a reference (Terraform would
 * read `$${` as an escape and lose the reference): that mix cannot be escaped
 * reliably, so it is refused with an `InputError` naming `field`; so is a
 * string that is not in Unicode NFC (Terraform normalizes every string).
 */
export function terraformString(kit: TerraformKit, value: string, field: string): string {
  // Terraform turns every string of the configuration into Unicode NFC: any other form would not arrive verbatim.
  if (value.normalize("NFC") !== value) {
    throw new InputError(field, NOT_NFC);
  }
  if (kit.Token.isUnresolved(value)) {
    const fragments = kit.Tokenization.reverseString(value);
    if (fragments.literals.map(String).some((text) => TEMPLATE_START.test(text))) {
      throw new InputError(field, "mixes a reference with literal `${` or `%{` text: pass the reference alone, or a plain string");
    }
    // Every piece of text before a reference's own `${...}`: none may end with `$`.
    if (fragments.tokens.some((token) => value.split(String(token)).slice(0, -1).some((before) => before.endsWith("$")))) {
      throw new InputError(field, "has a `$` right before a reference, which Terraform would read as the escape `$${`: pass the reference alone, or a plain string");
    }
    return value;
  }
  // Function replacers: in a replacement string `$$` would collapse to `$`.
  return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

