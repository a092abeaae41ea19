import { afterAll } from "vitest";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";
import { backendSpecs } from "./backendSpecs.js";

backendSpecs(highs);

afterAll(async () => {
  await shutdownHighs();
});
