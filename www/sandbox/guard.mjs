// The HTTP defences of both servers that answer the API: the emulator on its own (http.mjs,
// the npm bin) and the console's server (www/server.mjs). A Host allow-list (421 for any other:
// DNS rebinding), the refusal of another site's page (403, before the body is read), a body
// cap, timeouts of seconds, and the security headers, every refusal in the service's shape.
import { createServer } from 'node:http';
import { isIP } from 'node:net';
import { errorAnswer } from './answer.mjs';

/**
 * What one client may hold (www/README.md "Limits"). An API request is one small JSON body:
 * seconds are plenty, and a slow or idle client must not hold a connection for Node's default
 * five minutes.
 */
export const LIMITS = Object.freeze({
  headersTimeout: 10_000, // ms to send the request's headers
  requestTimeout: 30_000, // ms to send the whole request (headers and body)
  keepAliveTimeout: 5_000, // ms an idle kept-alive connection stays open
  body: 1 << 20, // bytes of request body (a RunCommand body is at most ~70 KB)
});

/**
 * On every answer. An API answer is JSON that no browser should render, frame, sniff or keep;
 * the console's server replaces the CSP with its page's own.
 */
export const SECURITY_HEADERS = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
});

/** Writes an answer ({ status, body }: an object, or JSON bytes as the relay passes them on). */
export function sendAnswer(res, { status, body }, headers = SECURITY_HEADERS) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': bytes.length });
  res.end(bytes);
}

/**
 * The Host values a server answers to (lower-case): its own address and port, under the
 * loopback names, the address it listens on, and `allowedHosts` (a name alone stands for the
 * name with no port, as a browser sends it for a default port, and with the server's port).
 */
export function servedHosts(host, port, allowedHosts) {
  const hosts = new Set();
  const add = (h) => hosts.add(h.toLowerCase());
  const bracket = (h) => (isIP(h) === 6 ? `[${h}]` : h);
  for (const h of ['127.0.0.1', 'localhost', '[::1]']) add(`${h}:${port}`);
  add(`${bracket(host)}:${port}`); // the URL printed at start, even for 0.0.0.0
  if (port === 80) for (const h of ['127.0.0.1', 'localhost', '[::1]']) add(h);
  for (const entry of allowedHosts) {
    const h = entry.trim();
    if (!h) continue;
    add(h);
    if (!/:\d+$/.test(h)) add(`${h}:${port}`);
  }
  return hosts;
}

/**
 * The Host a request names, lower-case. tccli given `--endpoint http://127.0.0.1:PORT` sends
 * that URL itself as its Host (its SDK puts the endpoint there), so a leading `http://` or
 * `https://` is dropped: a browser never sends a scheme in Host, so this lets no page in.
 */
export const requestHost = (req) => (req.headers.host ?? '').toLowerCase().replace(/^https?:\/\//, '');

/**
 * A request with an Origin is from a page: only a page of the server's own origin may call
 * the API (the emulator serves none, so no page may). The Host has been checked already, so
 * that origin is the Host it was loaded from.
 */
export function fromOwnPage(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // a program (an SDK, tccli, curl, the package in Node)
  try {
    const { protocol, host } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && origin === `${protocol}//${host}` && host === req.headers.host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
}

/** The 403 for a request from another site's page (fromOwnPage false). */
export const foreignOrigin = () => errorAnswer('AuthFailure.UnauthorizedOperation', 'Requests from another site\'s page are refused: only this server\'s own page may call the API.', { status: 403 });

const httpError = (status, message) => Object.assign(new Error(message), { status });

/** The request body, refused (an error with status 413) beyond `max` bytes, declared or sent. */
export function readBody(req, max = LIMITS.body) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > max) return reject(httpError(413, 'request too large'));
    const chunks = [];
    let size = 0;
    const onData = (c) => {
      size += c.length;
      if (size <= max) return chunks.push(c);
      // Stop reading; the answer closes the connection (sendFailure).
      req.off('data', onData);
      req.pause();
      reject(httpError(413, 'request too large'));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The answer to a request whose handling threw: 413 for a refused body, else 500. */
function sendFailure(res, e, headers) {
  if (res.headersSent) return res.destroy();
  if (e?.status !== 413) return sendAnswer(res, errorAnswer('InternalError', 'The server failed to answer this request.', { status: 500 }), headers);
  // A refused body is left unread: close the connection rather than read on.
  res.setHeader('connection', 'close');
  sendAnswer(res, errorAnswer('RequestSizeLimitExceeded', `The request body is over ${LIMITS.body >> 20} MiB.`, { status: 413 }), headers);
}

const BUSY = Symbol('requests in progress');

/**
 * At most `max` open connections, shared fairly: when a new one would pass the limit, the
 * connection idle the longest (no request in progress: never used, kept alive after its
 * answer, or still sending its headers) is closed to make room; only when every one is busy
 * with a request is the new one closed unanswered. Node's `maxConnections` closed every new
 * connection instead, so one client holding `max` idle sockets (renewed every keep-alive or
 * headers timeout) locked every other client out; all local clients share one address, so a
 * limit per address could not tell them apart. Busy connections are bounded by the request
 * timeout. Returns the set of open connections, least recently used first (for tests).
 */
export function shareConnections(server, max) {
  const open = new Set(); // insertion order: least recently used first
  server.on('connection', (socket) => {
    socket[BUSY] = 0;
    if (open.size >= max) {
      let idle;
      for (const s of open) if (s[BUSY] === 0) { idle = s; break; }
      if (!idle) return socket.destroy();
      open.delete(idle);
      idle.destroy();
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    socket[BUSY] += 1;
    if (open.delete(socket)) open.add(socket); // now the most recently used
    res.once('close', () => { socket[BUSY] -= 1; });
  });
  return open;
}

/**
 * Starts an HTTP server on host:port (0 picks a free port) with LIMITS' timeouts and at most
 * `maxConnections` open connections, idle ones closed first to make room (shareConnections). Only a request
 * whose Host it serves (servedHosts: `allowedHosts` and `allowHint`, the way to add one, named
 * in the 421) reaches `handler(req, res)`; what it throws is answered 413 or 500. Every refusal
 * carries `headers`. Resolves the server once listening.
 */
export async function listenGuarded({ port, host, allowedHosts = [], allowHint, maxConnections, headers = SECURITY_HEADERS }, handler) {
  let served; // known once listening (port 0 picks the port)
  const server = createServer({
    headersTimeout: LIMITS.headersTimeout,
    requestTimeout: LIMITS.requestTimeout,
    keepAliveTimeout: LIMITS.keepAliveTimeout,
    connectionsCheckingInterval: 1000, // how often the two timeouts above are checked
  }, async (req, res) => {
    // DNS rebinding: a foreign name resolved to this machine still says its own name here.
    // NoSuchProduct: the service tells its products apart by Host, and this one names none here.
    if (!served.has(requestHost(req))) {
      return sendAnswer(res, errorAnswer('NoSuchProduct', `This server does not answer to that Host (only to its own address and the names it is told to accept: ${allowHint}).`, { status: 421 }), headers);
    }
    try {
      await handler(req, res);
    } catch (e) {
      sendFailure(res, e, headers);
    }
  });
  server.connectionsShared = shareConnections(server, maxConnections);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  served = servedHosts(host, server.address().port, allowedHosts);
  return server;
}
