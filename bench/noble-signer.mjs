// A pure-JavaScript TC3-HMAC-SHA256 signer on @noble/hashes: what a browser user would write
// without this package. Same headers as the official SDKs (content-type;host).
import { sha256 } from './node_modules/@noble/hashes/sha2.js';
import { hmac } from './node_modules/@noble/hashes/hmac.js';
import { bytesToHex, utf8ToBytes } from './node_modules/@noble/hashes/utils.js';
import { signedRequest } from './tc3-shape.mjs';

export function nobleSign({ action, params, secretId, secretKey, region, timestamp, host = 'tat.tencentcloudapi.com' }) {
  const body = JSON.stringify(params);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:application/json\nhost:${host}\n\ncontent-type;host\n${bytesToHex(sha256(utf8ToBytes(body)))}`;
  const scope = `${date}/tat/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${bytesToHex(sha256(utf8ToBytes(canonical)))}`;
  const kDate = hmac(sha256, utf8ToBytes('TC3' + secretKey), utf8ToBytes(date));
  const kService = hmac(sha256, kDate, utf8ToBytes('tat'));
  const kSigning = hmac(sha256, kService, utf8ToBytes('tc3_request'));
  const signature = bytesToHex(hmac(sha256, kSigning, utf8ToBytes(toSign)));
  return signedRequest({ action, secretId, region, timestamp, host, scope, signature, body });
}
