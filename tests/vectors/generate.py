#!/usr/bin/env python3
"""Writes tests/vectors/vectors.json: TC3-HMAC-SHA256 vectors produced by the official SDKs.

Each case is signed twice, by driving each official SDK's own client code with the network
layer replaced, so that a vector is what the SDK would really have sent:

* Python, `tencentcloud-sdk-python-common`: `CommonClient._build_req_inter` (which runs
  `_build_req_with_tc3_signature` and `Sign.sign_tc3`) with the clock and `json.dumps`
  patched, so the body is exactly the case's body;
* Node, `tencentcloud-sdk-nodejs-common`: `CommonClient.request` with its `fetch` replaced
  (see sdk_node.js), the body passed as a Buffer so it is hashed and sent byte for byte.

Intermediate values (canonical request, string to sign) are captured from inside the SDKs by
wrapping the hash functions they call. Both SDKs must agree on every value, or this fails.

Neither SDK can sign `x-tc-action` (both hard-code `content-type;host`). For that header set the
canonical request follows the TC3 document and the signature comes from the Python SDK's
`Sign.sign_tc3`; `node` is null there, and the vector says so.

Run through generate.sh, which installs both SDKs. Output is deterministic.
"""

import datetime
import hashlib
import json
import os
import subprocess
import sys
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "2020-10-28"
SERVICE = "tat"
TZ = "Asia/Shanghai"  # a non-UTC zone for both SDK runs: the date must still be the UTC one

os.environ["TZ"] = TZ
time.tzset()

import tencentcloud  # noqa: E402
from tencentcloud.common import abstract_client  # noqa: E402
from tencentcloud.common.common_client import CommonClient  # noqa: E402
from tencentcloud.common.credential import Credential  # noqa: E402
from tencentcloud.common.http.request import RequestInternal  # noqa: E402
from tencentcloud.common.profile.client_profile import ClientProfile  # noqa: E402
from tencentcloud.common.profile.http_profile import HttpProfile  # noqa: E402
from tencentcloud.common.sign import Sign  # noqa: E402

API_HEADERS = [
    "Authorization",
    "Content-Type",
    "Host",
    "X-TC-Action",
    "X-TC-Version",
    "X-TC-Timestamp",
    "X-TC-Region",
    "X-TC-Token",
    "X-TC-Language",
]

# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

DOC_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
DOC_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
PLUS_KEY = "n+Vz/Xk2=qR8+/w==Lm/+9="
LONG_KEY = "K" * 40 + "+/=" * 20 + "z" * 10  # 110 bytes: HMAC hashes keys over 64 bytes
UNICODE_KEY = "密钥-ключ-🔑"
TOKEN = "Qk8a9sd_-+/=tokenVALUE" + "x" * 200 + "end=="
HOST = "tat.tencentcloudapi.com"

RUN_PARAMS = {"Content": "ZWNobyBoZWxsbw==", "InstanceIds": ["ins-12345678"]}
RUN_FULL = {
    "CommandName": "deploy_app-1.2",
    "CommandType": "SHELL",
    "Content": "IyEvYmluL2Jhc2gKZWNobyAi5L2g5aW9Ig==",
    "Description": "部署 🚀 \"quoted\" back\\slash",
    "InstanceIds": ["ins-12345678", "ins-abcdefgh"],
    "Timeout": 60,
    "Username": "root",
    "WorkingDirectory": "/root",
}


def compact(params):
    """serde_json::to_string of the same value: compact, keys sorted, raw UTF-8."""
    return json.dumps(params, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def big_body(size):
    prefix = '{"Content":"'
    suffix = '","InstanceIds":["ins-12345678"]}'
    fill = size - len(prefix) - len(suffix)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    body = prefix + "".join(alphabet[i % 64] for i in range(fill)) + suffix
    assert len(body.encode()) == size
    return body


def case(name, body=None, query=None, params=None, **kw):
    c = {
        "name": name,
        "secret_id": kw.get("secret_id", DOC_ID),
        "secret_key": kw.get("secret_key", DOC_KEY),
        "token": kw.get("token"),
        "region": kw.get("region"),
        "language": kw.get("language"),
        "host": kw.get("host", HOST),
        "action": kw.get("action", "RunCommand"),
        "timestamp": kw.get("timestamp", 1700000000),
        "method": "GET" if query is not None else "POST",
        "signed_headers": kw.get("signed_headers", "content-type;host"),
    }
    if query is not None:
        c["get_params"] = query  # flattened by each SDK into the query string
    else:
        if body is None:
            body = compact(params)
        c["body"] = body
        # Set when the body is exactly serde_json's rendering of valid RunCommand params, so
        # the crate's request builder can be checked against the SDKs end to end.
        if params is not None and c["action"] == "RunCommand":
            c["params"] = params
    return c


CASES = [
    # Plain ASCII bodies, both sides of UTC midnights, leap days, extremes.
    case("empty-object", body="{}"),
    case("empty-body", body=""),
    case("runcommand-minimal", params=RUN_PARAMS),
    case("runcommand-full-unicode", params=RUN_FULL, region="ap-guangzhou"),
    case("python-style-spacing", body='{"Limit": 1, "Offset": 0}', action="DescribeInvocations"),
    case("utc-midnight-before", params=RUN_PARAMS, timestamp=1700006399),
    case("utc-midnight-after", params=RUN_PARAMS, timestamp=1700006400),
    case("new-year-before", params=RUN_PARAMS, timestamp=1704067199, region="ap-shanghai"),
    case("new-year-after", params=RUN_PARAMS, timestamp=1704067200, region="ap-shanghai"),
    case("leap-day", params=RUN_PARAMS, timestamp=1709164800),
    case("epoch", body="{}", timestamp=0),
    case("doc-example-time", body='{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
         action="DescribeInvocations", timestamp=1551113065, region="ap-guangzhou"),
    case("year-2100", body="{}", timestamp=4102444800),
    case("year-9999-last-second", body="{}", timestamp=253402300799),
    # Unicode, quotes, backslashes, control escapes, raw newlines.
    case("chinese-raw-utf8", body='{"CommandName":"测试命令","Content":"ZWNobyDkvaDlpb0="}', action="CreateCommand"),
    case("chinese-ascii-escaped", body='{"CommandName":"\\u6d4b\\u8bd5"}', action="CreateCommand"),
    case("emoji", body='{"Description":"deploy 🚀 now ✅ 👨‍👩‍👧"}', action="CreateCommand"),
    case("quotes-backslashes", body='{"Content":"a\\"b\\\\c\\\\\\\\d","WorkingDirectory":"C:\\\\Windows\\\\"}', action="CreateCommand"),
    case("control-escapes", body='{"Content":"line1\\nline2\\ttab\\u0000nul\\u001f"}', action="CreateCommand"),
    case("pretty-printed", body='{\n  "Limit": 10,\n  "Offset": 0\n}\n', action="DescribeInvocations"),
    case("body-64k", body=big_body(65536)),
    case("body-64k-plus-one", body=big_body(65537)),
    # Credentials: token, +/= secrets, long and Unicode secrets.
    case("temporary-credentials", params=RUN_PARAMS, token=TOKEN, region="ap-guangzhou"),
    case("secret-plus-slash-equals", params=RUN_PARAMS, secret_key=PLUS_KEY, secret_id="AKID+plus=equals"),
    case("secret-long", params=RUN_PARAMS, secret_key=LONG_KEY),
    case("secret-unicode", params=RUN_PARAMS, secret_key=UNICODE_KEY),
    # Regions, hosts, languages, actions.
    case("regional-host", params=RUN_PARAMS, host="tat.ap-guangzhou.tencentcloudapi.com", region="ap-guangzhou"),
    case("internal-host", body="{}", host="tat.internal.tencentcloudapi.com", region="na-siliconvalley",
         action="DescribeInvocationTasks"),
    case("language-en", params=RUN_PARAMS, language="en-US", region="ap-beijing"),
    case("language-zh", params=RUN_PARAMS, language="zh-CN", region="ap-beijing", token=TOKEN),
    case("everything", params=RUN_FULL, language="zh-CN", region="ap-hongkong", token=TOKEN,
         secret_key=PLUS_KEY, timestamp=1735689599),
    # GET: query strings as each SDK builds them.
    case("get-simple", query={"Limit": 10, "Offset": 0}, action="DescribeInvocations"),
    case("get-list", query={"InvocationIds": ["inv-abc12345", "inv-def67890"]}, action="DescribeInvocations",
         region="ap-guangzhou"),
    case("get-nested-filters", query={"Filters": [{"Name": "instance-id", "Values": ["ins-1", "ins-2"]}], "Limit": 5},
         action="DescribeInvocationTasks", token=TOKEN),
    case("get-chinese", query={"CommandName": "测试-命令_1.0~x"}, action="DescribeCommands", timestamp=1704067199),
    case("get-reserved-chars", query={"Name": "a/b=c&d+e:f"}, action="DescribeCommands", secret_key=PLUS_KEY),
]

# x-tc-action: no SDK builds this header set; document-based canonical request, Python signer.
ACTION_SET = "content-type;host;x-tc-action"
CASES += [
    case("action-header-minimal", params=RUN_PARAMS, signed_headers=ACTION_SET),
    case("action-header-unicode", params=RUN_FULL, signed_headers=ACTION_SET, region="ap-guangzhou"),
    case("action-header-midnight-before", params=RUN_PARAMS, signed_headers=ACTION_SET, timestamp=1700006399),
    case("action-header-midnight-after", params=RUN_PARAMS, signed_headers=ACTION_SET, timestamp=1700006400),
    case("action-header-token-plus-key", params=RUN_PARAMS, signed_headers=ACTION_SET, token=TOKEN,
         secret_key=PLUS_KEY, language="en-US"),
    case("action-header-other-action", body='{"Limit":10}', signed_headers=ACTION_SET, action="DescribeInvocations"),
    case("action-header-64k", body=big_body(65536), signed_headers=ACTION_SET),
]


# ---------------------------------------------------------------------------------------------
# Python SDK
# ---------------------------------------------------------------------------------------------

class Capture:
    """Wraps the modules abstract_client uses, recording what it hashes and signs."""

    def __init__(self):
        self.hashed = []
        self.signed = []
        self.now = 0
        self.body = ""

    def install(self):
        real_json = json
        real_hashlib = hashlib
        cap = self

        def dumps(params, *args, **kwargs):
            return cap.body

        def sha256(data=b""):
            cap.hashed.append(data)
            return real_hashlib.sha256(data)

        abstract_client.json = types.SimpleNamespace(dumps=dumps, loads=real_json.loads)
        abstract_client.hashlib = types.SimpleNamespace(sha256=sha256)
        abstract_client.time = types.SimpleNamespace(time=lambda: cap.now, sleep=time.sleep)

        real_sign_tc3 = Sign.sign_tc3

        def sign_tc3(secret_key, date, service, str2sign):
            sig = real_sign_tc3(secret_key, date, service, str2sign)
            cap.signed.append((str2sign, sig))
            return sig

        Sign.sign_tc3 = staticmethod(sign_tc3)
        self.real_sign_tc3 = real_sign_tc3


CAP = Capture()
CAP.install()


def python_sdk(c):
    CAP.hashed.clear()
    CAP.signed.clear()
    CAP.now = c["timestamp"]
    CAP.body = c.get("body", "")
    cred = Credential(c["secret_id"], c["secret_key"], c["token"])
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=c["host"], reqMethod=c["method"]))
    # The Python SDK always sends a language (zh-CN by default); clear it to omit the header.
    profile.language = c["language"]
    client = CommonClient(SERVICE, VERSION, cred, c["region"] or "", profile)
    req = RequestInternal(c["host"], c["method"], "/", header={})
    params = c.get("get_params", {})
    client._build_req_inter(c["action"], params, req)

    canonical = CAP.hashed[-1].decode("utf-8")
    (sts, signature), = CAP.signed
    headers = {k: str(req.header[k]) for k in API_HEADERS if k in req.header}
    out = {
        "canonical_request": canonical,
        "canonical_request_hash": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        "string_to_sign": sts,
        "signature": signature,
        "authorization": req.header["Authorization"],
        "headers": headers,
    }
    if c["method"] == "GET":
        out["query"] = req.data
    else:
        out["body"] = req.data
    return out


def python_action_header(c):
    """The x-tc-action header set, per the TC3 document; signature by the SDK's sign_tc3."""
    body = c["body"].encode("utf-8")
    canonical = (
        "POST\n/\n\n"
        "content-type:application/json\n"
        "host:%s\n"
        "x-tc-action:%s\n\n"
        "%s\n%s" % (c["host"].lower(), c["action"].lower(), ACTION_SET, hashlib.sha256(body).hexdigest())
    )
    date = datetime.datetime.fromtimestamp(c["timestamp"], datetime.timezone.utc).strftime("%Y-%m-%d")
    cr_hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    sts = "TC3-HMAC-SHA256\n%d\n%s/%s/tc3_request\n%s" % (c["timestamp"], date, SERVICE, cr_hash)
    signature = CAP.real_sign_tc3(c["secret_key"], date, SERVICE, sts)
    auth = "TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, SignedHeaders=%s, Signature=%s" % (
        c["secret_id"], date, SERVICE, ACTION_SET, signature)
    return {
        "canonical_request": canonical,
        "canonical_request_hash": cr_hash,
        "string_to_sign": sts,
        "signature": signature,
        "authorization": auth,
    }


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def main():
    sdk_cases = [c for c in CASES if c["signed_headers"] == "content-type;host"]
    env = dict(os.environ, TZ=TZ)
    proc = subprocess.run(
        ["node", os.path.join(HERE, "sdk_node.js")],
        input=json.dumps(sdk_cases).encode("utf-8"),
        capture_output=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("sdk_node.js failed")
    node_results = json.loads(proc.stdout.decode("utf-8"))
    node_meta = node_results.pop("_meta")

    vectors = []
    disagreements = []
    for c in CASES:
        v = {k: c[k] for k in c if k != "get_params"}
        if c["signed_headers"] == "content-type;host":
            py = python_sdk(c)
            nd = node_results[c["name"]]
            for key in ("canonical_request", "canonical_request_hash", "string_to_sign", "signature",
                        "authorization", "headers", "query", "body"):
                if key in py and py[key] != nd.get(key):
                    disagreements.append("%s: %s differs\n  python: %r\n  node:   %r" % (
                        c["name"], key, py[key], nd.get(key)))
            if c["method"] == "GET":
                v["query"] = py.pop("query")
                nd.pop("query", None)
            else:
                py.pop("body")
                nd.pop("body", None)
            v["python"] = py
            v["node"] = nd
        else:
            v["python"] = python_action_header(c)
            v["node"] = None
            v["note"] = ("No official SDK signs x-tc-action: canonical request per the TC3 document, "
                         "signature by the Python SDK's Sign.sign_tc3; the Node SDK's sign3 cannot express it.")
        vectors.append(v)

    if disagreements:
        sys.exit("The SDKs disagree:\n" + "\n".join(disagreements))

    doc = {
        "about": "TC3-HMAC-SHA256 vectors from the official Tencent Cloud SDKs; generated by "
                 "tests/vectors/generate.sh, do not edit.",
        "sdk_versions": {
            "tencentcloud-sdk-python-common": tencentcloud.__version__,
            "tencentcloud-sdk-nodejs-common": node_meta["version"],
        },
        "service": SERVICE,
        "version": VERSION,
        "generated_with_tz": TZ,
        "vectors": vectors,
    }
    with open(os.path.join(HERE, "vectors.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %d vectors (%d signed by both SDKs)" % (len(vectors), len(sdk_cases)))


if __name__ == "__main__":
    main()
