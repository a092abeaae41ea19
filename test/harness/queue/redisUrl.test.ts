import { describe, expect, it } from "vitest";
import { connectionOptions, parseRedisUrl } from "../../../src/harness/queue/redisUrl.js";

describe("parseRedisUrl", () => {
  it("parseRedisUrl(redis://HOST:PORT/DB) gives host, port and database; the port defaults to 6379 and the database to 0", () => {
    const a = parseRedisUrl("redis://10.0.0.5:6380/2");
    expect(a.ok && a.target).toMatchObject({ host: "10.0.0.5", port: 6380, db: 2, tls: false, username: null, password: null, display: "redis://10.0.0.5:6380/2" });
    const b = parseRedisUrl("redis://cache.example");
    expect(b.ok && b.target).toMatchObject({ host: "cache.example", port: 6379, db: 0, display: "redis://cache.example:6379/0" });
    const c = parseRedisUrl("rediss://[::1]:7000/");
    expect(c.ok && c.target).toMatchObject({ host: "::1", port: 7000, db: 0, tls: true });
  });

  it("parseRedisUrl(user:password@…) keeps the credentials for the connection and hides the password in display", () => {
    const r = parseRedisUrl("redis://ci:s%40cret@127.0.0.1:6379/0");
    if (!r.ok) throw new Error(r.message);
    expect(r.target.display).toBe("redis://ci:***@127.0.0.1:6379/0");
    expect(connectionOptions(r.target)).toMatchObject({ host: "127.0.0.1", port: 6379, db: 0, username: "ci", password: "s@cret" });
    expect(connectionOptions(r.target)).not.toHaveProperty("tls");
  });

  it.each([
    ["127.0.0.1:6379", /cannot parse it|scheme/],
    ["http://127.0.0.1:6379", /scheme http: instead of redis: or rediss:/],
    ["redis://127.0.0.1:6379/x", /database "x" is not a non-negative integer/],
    ["redis://127.0.0.1:6379/0?timeout=1", /query or fragment not supported/],
    ["redis://127.0.0.1:99999", /cannot parse it|port/],
  ])("parseRedisUrl(%j) is an error naming the form to use", (raw, why) => {
    const r = parseRedisUrl(raw);
    expect(r.ok).toBe(false);
    const message = r.ok ? "" : r.message;
    expect(message).toMatch(why);
    expect(message).toMatch(/use redis:\/\/HOST:PORT\[\/DB\], e\.g\. redis:\/\/127\.0\.0\.1:6379\/0$/);
  });
});
