/** Reading the pieces of one wait construct out of synthesized Terraform JSON. */

/** Terraform JSON as a nested record. */
export type Json = Record<string, any>;

/** The three blocks one wait synthesizes, with their addresses. */
export interface WaitBlocks {
  wait: Json;
  read: Json;
  result: Json;
  waitAddress: string;
  readAddress: string;
  resultAddress: string;
}

/** The wait, read and result blocks of the construct with id `id` (a direct child of the stack). */
export function waitBlocks(json: Json, id: string): WaitBlocks {
  const find = (blocks: Json, piece: string) => {
    const name = Object.keys(blocks ?? {}).find((key) => new RegExp(`^${id}_${piece}_[0-9A-F]{8}$`).test(key));
    if (name === undefined) throw new Error(`no ${piece} block for ${id}`);
    return name;
  };
  const data = json.resource.terraform_data;
  const reads = json.data.terraform_remote_state;
  const waitName = find(data, "wait");
  const readName = find(reads, "read");
  const resultName = find(data, "result");
  return {
    wait: data[waitName],
    read: reads[readName],
    result: data[resultName],
    waitAddress: `terraform_data.${waitName}`,
    readAddress: `data.terraform_remote_state.${readName}`,
    resultAddress: `terraform_data.${resultName}`,
  };
}

/** The `local-exec` settings of a wait block. */
export function localExec(blocks: WaitBlocks): { command: string; environment: Record<string, string>; interpreter?: string[] } {
  return blocks.wait.provisioner[0]["local-exec"];
}
