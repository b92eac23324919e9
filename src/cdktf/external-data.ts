/**
 * Terraform's `external` data source (provider `hashicorp/external`) on
 * CDKTF's core `TerraformDataSource`, so that no generated provider package is
 * needed and a CDKTF fork hosts it as well. It declares only the provider's
 * `required_providers` entry (source, no version, no configuration block):
 * a user's own `provider "external"` block or version constraint stays theirs.
 */
import { hashMapperHcl, listMapperHcl, stringToHclTerraform, TerraformDataSource, TerraformStack, type ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";

/** The inputs of the data source. */
export interface ExternalDataConfig {
  /** The program and its arguments, run directly (no shell) from the stack directory. */
  program: string[];
  /** Written as JSON on the program's stdin. */
  query: Record<string, string>;
  /** Read only after these (deferred to apply while they have changes). */
  dependsOn?: ITerraformDependable[];
}

/** `data "external"`: runs `program` with `query` on stdin; `result` is its stdout, a map of strings. */
export class ExternalData extends TerraformDataSource {
  /** The Terraform type, as CDKTF's generated bindings name it. */
  static readonly tfResourceType = "external";
  private readonly config: ExternalDataConfig;

  constructor(scope: Construct, id: string, config: ExternalDataConfig) {
    super(scope, id, { terraformResourceType: ExternalData.tfResourceType, dependsOn: config.dependsOn });
    this.config = config;
    TerraformStack.of(this).addOverride("terraform.required_providers.external.source", "hashicorp/external");
  }

  /** The program's answer (a reference). */
  get result(): Record<string, string> {
    return this.getStringMapAttribute("result");
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { program: this.config.program, query: this.config.query };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return {
      program: listMapperHcl(stringToHclTerraform)(this.config.program),
      query: hashMapperHcl(stringToHclTerraform)(this.config.query),
    };
  }
}
