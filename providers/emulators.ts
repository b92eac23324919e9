/**
 * The emulator's side of the four providers: how each API is served (its
 * route, its answers, its unknown-ID answer), by service name. Only the
 * emulator loads this module, so the library, the CLI's waits and the faces
 * never load the renderers and their documented examples. (Scripted APIs,
 * `service: "api"` in a scenario, need no registration: any request no
 * service's route takes goes to them, see `providers/api/emulator.ts`.)
 */
import type { ServiceName } from "../src/core/result";
import { bcsEmulator } from "./bcs/emulator";
import { bpstudioEmulator } from "./bpstudio/emulator";
import { emrEmulator } from "./emr/emulator";
import { PROVIDERS } from "./index";
import { oosEmulator } from "./oos/emulator";
import type { ProviderEmulator, ServiceProvider } from "./types";

/** A service as the emulator serves it: its name and cloud, and its renderer. */
export interface EmulatedService extends Pick<ServiceProvider, "name" | "cloud"> {
  /** How the emulator serves this API. */
  readonly emulator: ProviderEmulator;
}

const RENDERERS = {
  bpstudio: bpstudioEmulator,
  emr: emrEmulator,
  bcs: bcsEmulator,
  oos: oosEmulator,
} as const satisfies Partial<Record<ServiceName, ProviderEmulator>>;

/** Every service the emulator serves with a renderer of its own, by service name. */
export const EMULATED_SERVICES: Readonly<Record<keyof typeof RENDERERS, EmulatedService>> = Object.fromEntries(
  Object.entries(RENDERERS).map(([name, emulator]) => {
    const { cloud } = PROVIDERS[name as keyof typeof RENDERERS];
    return [name, { name, cloud, emulator }];
  }),
) as Record<keyof typeof RENDERERS, EmulatedService>;
