/**
 * Replay protection in bounded memory.
 */
import { NonceStore } from "../../src/emulator/authentication";

test("a nonce is refused again within the window, per access key", () => {
  const store = new NonceStore(15 * 60_000);
  expect(store.use("ak", "n1", 0)).toBe(true);
  expect(store.use("ak", "n1", 14 * 60_000)).toBe(false);
  expect(store.use("other-ak", "n1", 14 * 60_000)).toBe(true);
});

test("nonces are forgotten once their window has passed", () => {
  const store = new NonceStore(1000);
  for (let i = 0; i < 50; i++) store.use("ak", `n${i}`, i);
  expect(store.size).toBe(50);
  expect(store.use("ak", "late", 1025)).toBe(true);
  expect(store.size).toBe(25); // n0..n25 expired at 1000..1025, n26..n49 and "late" remain
  expect(store.use("ak", "n0", 1026)).toBe(true);
});

test("beyond its capacity the oldest nonces are dropped", () => {
  const store = new NonceStore(60_000, 3);
  for (const n of ["a", "b", "c", "d"]) store.use("ak", n, 0);
  expect(store.size).toBe(3);
  expect(store.use("ak", "d", 0)).toBe(false);
  expect(store.use("ak", "a", 0)).toBe(true);
});
