// Where createClient finds credentials in Node when none are given: the places the official
// SDKs read, in their order (tencentcloud-sdk-nodejs `DefaultCredentialProvider`, Python's
// the same):
//   1. the environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, both non-empty,
//      and TENCENTCLOUD_SESSION_TOKEN when set (the Node SDK reads it; Python does not);
//   2. the profile file ~/.tencentcloud/credentials, or /etc/tencentcloud/credentials when
//      there is no such file in the home folder: an INI file whose [default] section holds
//      secret_id, secret_key and, optionally, token.
// (The SDKs then try the CVM instance role and TKE's OIDC role; this package does not: they
// need the metadata service and STS.)
//
// It imports nothing (make pkg copies it to node-credentials.cjs for CommonJS): the entry
// hands it process.env, os.homedir and fs.promises.readFile.

/** What the error names when nothing is found. */
export const CREDENTIAL_PLACES =
  ', or set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN), or write secret_id and secret_key in the [default] section of ~/.tencentcloud/credentials (or /etc/tencentcloud/credentials)';

/**
 * The [default] section of an INI text, as the SDKs' readers see it: `key = value` lines,
 * `;` and `#` comments, values trimmed and unquoted.
 */
export function defaultProfile(text) {
  const section = {};
  let current;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      current = header[1].trim();
      continue;
    }
    const eq = line.indexOf('=');
    if (current !== 'default' || eq < 0) continue;
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    section[line.slice(0, eq).trim()] = value;
  }
  return section;
}

/**
 * @param {{ env: Record<string, string | undefined>, homedir: () => string, readFile: (path: string) => Promise<string> }} io
 * @returns {() => Promise<{ secretId: string, secretKey: string, token?: string } | undefined>}
 */
export function nodeCredentials({ env, homedir, readFile }) {
  const read = async (path) => {
    try {
      return await readFile(path);
    } catch {
      return undefined; // missing or unreadable: the SDKs move on likewise
    }
  };
  return async function defaultCredentials() {
    const id = env.TENCENTCLOUD_SECRET_ID;
    const key = env.TENCENTCLOUD_SECRET_KEY;
    if (id && key) return { secretId: id, secretKey: key, token: env.TENCENTCLOUD_SESSION_TOKEN || undefined };
    let home = '';
    try {
      home = homedir();
    } catch {
      // no home folder: only /etc remains
    }
    const text = (home ? await read(`${home}/.tencentcloud/credentials`) : undefined) ?? await read('/etc/tencentcloud/credentials');
    if (text === undefined) return undefined;
    const p = defaultProfile(text);
    if (!p.secret_id || !p.secret_key) return undefined;
    return { secretId: p.secret_id, secretKey: p.secret_key, token: p.token || undefined };
  };
}
