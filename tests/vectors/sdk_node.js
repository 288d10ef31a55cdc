// Signs the cases read from stdin with the official Node SDK (tencentcloud-sdk-nodejs-common)
// and prints what it would have sent. Called by generate.py.
//
// The SDK's own client runs unchanged: CommonClient.request -> HttpConnection.doRequestWithSign3
// -> Sign.sign3. Only its edges are replaced: the clock (Date.prototype.getTime), the network
// (the `default` export of http/fetch.js, looked up at call time) and, to read the
// intermediate strings, node:crypto's createHash/createHmac are wrapped before the SDK loads.
"use strict";

const crypto = require("crypto");
const path = require("path");

const recorded = { hashed: [], hmac: [] };
const realCreateHash = crypto.createHash;
const realCreateHmac = crypto.createHmac;
crypto.createHash = function (...args) {
  const h = realCreateHash.apply(this, args);
  const update = h.update.bind(h);
  h.update = (data, enc) => {
    recorded.hashed.push(data);
    return update(data, enc);
  };
  return h;
};
crypto.createHmac = function (...args) {
  const h = realCreateHmac.apply(this, args);
  const update = h.update.bind(h);
  h.update = (data, enc) => {
    recorded.hmac.push(data);
    return update(data, enc);
  };
  return h;
};

const sdkRoot = path.join(__dirname, "node_modules", "tencentcloud-sdk-nodejs-common");
const { CommonClient } = require(path.join(sdkRoot, "tencentcloud", "common", "common_client.js"));
const fetchModule = require(path.join(sdkRoot, "tencentcloud", "common", "http", "fetch.js"));
const sdkVersion = require(path.join(sdkRoot, "package.json")).version;

const API_HEADERS = [
  "Authorization",
  "Content-Type",
  "Host",
  "X-TC-Action",
  "X-TC-Version",
  "X-TC-Timestamp",
  "X-TC-Region",
  "X-TC-Token",
  "X-TC-Language",
];

const CAPTURED = new Error("captured");

async function sign(c) {
  let sent = null;
  fetchModule.default = async (url, config) => {
    sent = { url, config };
    throw CAPTURED;
  };
  const realGetTime = Date.prototype.getTime;
  Date.prototype.getTime = function () {
    return c.timestamp * 1000;
  };
  recorded.hashed.length = 0;
  recorded.hmac.length = 0;
  const client = new CommonClient(c.host, "2020-10-28", {
    credential: { secretId: c.secret_id, secretKey: c.secret_key, token: c.token },
    region: c.region,
    profile: { language: c.language || undefined, httpProfile: { reqMethod: c.method } },
  });
  const payload = c.method === "GET" ? c.get_params : Buffer.from(c.body, "utf8");
  try {
    await client.request(c.action, payload);
  } catch (e) {
    if (!sent) throw e;
  } finally {
    Date.prototype.getTime = realGetTime;
  }
  const canonical = recorded.hashed.filter((d) => typeof d === "string").pop();
  const stringToSign = recorded.hmac[recorded.hmac.length - 1];
  const headers = {};
  for (const k of API_HEADERS) {
    if (sent.config.headers[k] !== undefined) headers[k] = String(sent.config.headers[k]);
  }
  const auth = headers.Authorization;
  const out = {
    canonical_request: canonical,
    canonical_request_hash: realCreateHash("sha256").update(canonical).digest("hex"),
    string_to_sign: stringToSign,
    signature: auth.slice(auth.indexOf("Signature=") + "Signature=".length),
    authorization: auth,
    headers,
  };
  const u = new URL(sent.url);
  if (c.method === "GET") out.query = u.search.slice(1);
  else out.body = Buffer.isBuffer(sent.config.body) ? sent.config.body.toString("utf8") : sent.config.body;
  return out;
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = { _meta: { version: sdkVersion } };
  for (const c of cases) results[c.name] = await sign(c);
  process.stdout.write(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
