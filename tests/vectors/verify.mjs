// Independent check of requests built by the crate: recomputes TC3-HMAC-SHA256 from the
// request as it would go on the wire, with node:crypto only (no SDK, no crate code), following
// the TC3 document step by step.
//
//   node --test tests/vectors/verify.mjs
//
// The requests come from `cargo run --example build_requests` (set BUILT_REQUESTS to a file
// holding that output to skip the cargo call).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function loadBuilt() {
  if (process.env.BUILT_REQUESTS) return JSON.parse(readFileSync(process.env.BUILT_REQUESTS, "utf8"));
  const out = execFileSync("cargo", ["run", "--quiet", "--example", "build_requests"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

const sha256hex = (data) => createHash("sha256").update(data).digest("hex");
const hmac = (key, msg) => createHmac("sha256", key).update(msg, "utf8").digest();

// The UTC date of the timestamp, from the JS Date API (a different route than the crate's).
const utcDate = (ts) => new Date(ts * 1000).toISOString().slice(0, 10);

function parseAuthorization(value) {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(value);
  assert.ok(m, `malformed Authorization: ${value}`);
  const [, secretId, date, service, signedHeaders, signature] = m;
  return { secretId, date, service, signedHeaders, signature };
}

function recompute(req, input, signedHeaders) {
  const headers = new Map(req.headers.map(([k, v]) => [k.toLowerCase(), v]));
  const url = new URL(req.url);
  const names = signedHeaders.split(";");
  const canonicalHeaders = names.map((n) => `${n}:${headers.get(n).trim().toLowerCase()}\n`).join("");
  const canonicalRequest = [
    req.method,
    url.pathname,
    url.search.slice(1),
    canonicalHeaders,
    signedHeaders,
    sha256hex(Buffer.from(req.body, "utf8")),
  ].join("\n");
  const timestamp = Number(headers.get("x-tc-timestamp"));
  const date = utcDate(timestamp);
  const stringToSign = ["TC3-HMAC-SHA256", String(timestamp), `${date}/${input.service}/tc3_request`, sha256hex(canonicalRequest)].join("\n");
  const kDate = hmac(Buffer.from("TC3" + input.secretKey, "utf8"), date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, "tc3_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${date}/${input.service}/tc3_request, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

const built = loadBuilt();

test("the example built a useful set of requests", () => {
  assert.ok(built.length >= 10);
  const sets = new Set(built.map(({ request }) => parseAuthorization(request.headers[0][1]).signedHeaders));
  assert.deepEqual([...sets].sort(), ["content-type;host", "content-type;host;x-tc-action"]);
});

for (const [i, { input, request }] of built.entries()) {
  test(`request ${i} verifies independently`, () => {
    const headers = Object.fromEntries(request.headers);
    assert.equal(request.method, "POST");
    assert.equal(new URL(request.url).protocol, "https:");
    assert.equal(new URL(request.url).host, headers.Host);
    assert.equal(headers["Content-Type"], "application/json");
    assert.equal(headers["X-TC-Action"], "RunCommand");
    assert.equal(headers["X-TC-Version"], "2020-10-28");
    assert.match(headers["X-TC-Timestamp"], /^\d+$/);
    assert.equal(headers["X-TC-Token"], input.token ?? undefined);
    for (const [name, value] of request.headers) {
      assert.match(value, /^[\x20-\x7e]*$/, `header ${name} is not printable ASCII`);
    }
    assert.deepEqual(JSON.parse(request.body), input.params, "body is not the params");

    const auth = parseAuthorization(headers.Authorization);
    assert.equal(auth.secretId, input.secretId);
    assert.ok(auth.signedHeaders.split(";").includes("content-type"));
    assert.ok(auth.signedHeaders.split(";").includes("host"));
    assert.equal(headers.Authorization, recompute(request, input, auth.signedHeaders));
    assert.ok(!JSON.stringify(request).includes(input.secretKey), "the secret leaked into the request");
  });
}

test("a tampered request does not verify", () => {
  const { input, request } = built[0];
  const auth = parseAuthorization(request.headers[0][1]);
  const tampered = { ...request, body: request.body.replace("ins-12345678", "ins-87654321") };
  assert.notEqual(request.headers[0][1], recompute(tampered, input, auth.signedHeaders));
});
