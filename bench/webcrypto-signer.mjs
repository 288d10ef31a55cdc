// A TC3-HMAC-SHA256 signer on WebCrypto (crypto.subtle): native hashing, but asynchronous.
import { signedRequest } from './tc3-shape.mjs';
const enc = new TextEncoder();
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const sha = (data) => crypto.subtle.digest('SHA-256', enc.encode(data));
async function hmac(key, data) {
  const k = await crypto.subtle.importKey('raw', typeof key === 'string' ? enc.encode(key) : key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(data));
}

export async function webCryptoSign({ action, params, secretId, secretKey, region, timestamp, host = 'tat.tencentcloudapi.com' }) {
  const body = JSON.stringify(params);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:application/json\nhost:${host}\n\ncontent-type;host\n${hex(await sha(body))}`;
  const scope = `${date}/tat/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${hex(await sha(canonical))}`;
  const kSigning = await hmac(await hmac(await hmac('TC3' + secretKey, date), 'tat'), 'tc3_request');
  const signature = hex(await hmac(kSigning, toSign));
  return signedRequest({ action, secretId, region, timestamp, host, scope, signature, body });
}
