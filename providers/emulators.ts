/**
 * The emulator's side of the four providers: how each API is served (its
 * route, its answers, its unknown-ID answer), by service name. Only the
 * emulator loads this module, so the library, the CLI's waits and the faces
 * never load the renderers and their documented examples.
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

const RENDERERS: Readonly<Record<ServiceName, ProviderEmulator>> = {
  bpstudio: bpstudioEmulator,
  emr: emrEmulator,
  bcs: bcsEmulator,
  oos: oosEmulator,
};

/** Every service the emulator serves, by service name. */
export const EMULATED_SERVICES: Readonly<Record<ServiceName, EmulatedService>> = Object.fromEntries(
  Object.values(PROVIDERS).map(({ name, cloud }) => [name, { name, cloud, emulator: RENDERERS[name] }]),
) as Record<ServiceName, EmulatedService>;
