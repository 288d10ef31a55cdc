// What both reference signers return: the request as the official SDKs send it, given the
// signature they computed (content-type;host signed).
export function signedRequest({ action, secretId, region, timestamp, host, scope, signature, body }) {
  return {
    url: `https://${host}/`,
    method: 'POST',
    headers: {
      Authorization: `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
      'Content-Type': 'application/json', Host: host, 'X-TC-Action': action, 'X-TC-Version': '2020-10-28',
      'X-TC-Timestamp': String(timestamp), 'X-TC-Region': region,
    },
    body,
  };
}
