#!/usr/bin/env python3
"""Generates src/rules/generated.rs from the official TAT API description.

Usage: scripts/gen_actions.py API_JSON [OUT]   (OUT defaults to standard output)

The input is tccli's `services/tat/v20201028/api.json` (scripts/fetch-api.sh downloads the pinned
version). For every action it writes the parameters with their JSON types and whether they are
required, and reads from each parameter's own document the limits it states in words:
  list caps       "上限为100", "上限 100", "列表长度不超过10", "列表长度上限100"
  string lengths  "不超过120字符", "最大长度为 128 字符", "不能超60个字节", "长度最多为60", "有效长度为 1～60 字符"
  integer ranges  "取值范围[1, 86400]", "最小值为 1，最大值为 10000", "最大值为100"
  conflicts       "不支持同时指定 `A` 和 `B`"
  filter names    "- name - String", "<li> name - String", "- name  按照"; "tag:tag-key" as "tag:"
Output is deterministic (sorted), so `make test` can check that it reproduces the committed file.

  scripts/gen_actions.py API_JSON --client-policy [OUT]   writes pkg-template/client/actions.mjs instead:
the client's per-action policy after an unknown outcome (client_policy below).
       scripts/gen_actions.py --dts API_JSON [OUT]
writes instead the TypeScript declarations of pkg-template/actions.d.ts (see `declarations`).
"""
import html
import json
import re
import sys

SCALAR = {
    ("string", "string"): "Kind::Str",
    ("string", "datetime_iso"): "Kind::DateTime",
    ("int", "uint64"): "Kind::Uint",
    ("int", "int64"): "Kind::Int",
    ("bool", "bool"): "Kind::Bool",
}


def text(doc):
    """The document as plain text: tags dropped, entities decoded, whitespace folded."""
    doc = re.sub(r"<[^>]+>", " ", doc)
    return re.sub(r"\s+", " ", html.unescape(doc))


def list_max(doc):
    m = re.search(r"(?:上限|列表长度不超过|列表长度上限)\s*(?:为)?\s*(\d+)", doc)
    return int(m.group(1)) if m else None


def str_len(doc):
    m = re.search(r"(?:不能超|最大长度为|长度最多为|不超过|有效长度为\s*\d+\s*～)\s*(\d+)\s*(个字节|字节|字符|个字符)?", doc)
    if not m:
        return None
    unit = "Bytes" if m.group(2) and "字节" in m.group(2) else "Chars"
    return f"Len::{unit}({m.group(1)})"


def int_range(doc, signed):
    m = re.search(r"取值范围[：:]?\s*\[\s*(-?\d+)\s*,\s*(-?\d+)\s*\]", doc)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"最小值为\s*(\d+)\s*[，,]\s*最大值为\s*(\d+)", doc)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"最大值为\s*(\d+)", doc)
    if m:
        return 0, int(m.group(1))
    return None if signed else (0, 2**63 - 1)


def conflicts(doc):
    return re.findall(r"不支持同时指定\s*`?\s*(\w+)\s*`?\s*和\s*`?\s*(\w+)\s*`?", doc)


def filter_names(doc):
    # Read before tags are dropped: `<li>` is one of the two bullet forms.
    doc = re.sub(r"\s+", " ", html.unescape(doc))
    names = re.findall(r"(?:^|\s|>)(?:-|<li>)\s*([a-z][a-z0-9]*(?:-[a-z0-9]+)*(?::tag-key)?)\s+(?:-\s*String|按照)", doc)
    seen = []
    for n in names:
        # `tag:tag-key`: "tag-key使用具体的标签键进行替换", so `tag:` then any key.
        n = n.replace(":tag-key", ":")
        if n not in seen:
            seen.append(n)
    return seen


def rust_str(s):
    return json.dumps(s, ensure_ascii=False)


# What each action's verb does to the account, for the client's policy after an unknown outcome
# (the request may have acted, its answer was lost): README "When the network fails".
VERB_KIND = {
    "Describe": "read",  # changes nothing: any failure is retried
    "Preview": "read",
    "Modify": "idempotent",  # sets values: a second time sets the same ones
    "Enable": "idempotent",
    "Disable": "idempotent",
    "Cancel": "idempotent",  # cancelling ended tasks changes nothing
    "Delete": "delete",  # a retry answering not-found after an unknown outcome is a success
    "Create": "create",  # never re-sent blindly
    "Run": "run",  # reconciled before anything is re-sent
    "Invoke": "run",
}
# Creates the service refuses twice under one name, with the code it answers and how to find
# the first one: the name member, the Describe action and its filter (checked against api.json).
NAMED_CREATES = {
    "CreateCommand": ("CommandName", "InvalidParameterValue.CommandNameDuplicated", "DescribeCommands", "command-name"),
}


def client_policy(api):
    """pkg-template/client/actions.mjs: every action's kind, from its verb, and the named creates."""
    members = lambda action: {m["name"]: m for m in api["objects"][api["actions"][action]["input"]]["members"]}
    kinds = {}
    for name in sorted(api["actions"]):
        verb = re.match(r"[A-Z][a-z]+", name).group(0)
        if verb not in VERB_KIND:
            raise SystemExit(f"{name}: no policy for the verb {verb} (add it to VERB_KIND)")
        kinds[name] = VERB_KIND[verb]
    named = {}
    for action, (member, code, describe, filter_name) in sorted(NAMED_CREATES.items()):
        if member not in members(action) or filter_name not in filter_names(members(describe)["Filters"]["document"]):
            raise SystemExit(f"{action}: {member} or {describe}'s filter {filter_name} is not in api.json")
        named[action] = {"member": member, "code": code, "describe": describe, "filter": filter_name}
    # A run that can save its command by name (RunCommand's SaveCommand, CommandName).
    saves = sorted(a for a, k in kinds.items() if k == "run" and "SaveCommand" in members(a) and "CommandName" in members(a))
    out = [
        "// @generated by scripts/gen_actions.py --client-policy from tccli's api.json. Do not edit: run `make actions`.",
        "// What the client may do after an unknown outcome (README \"When the network fails\"):",
        "// read and idempotent: retried; delete: retried, not-found then is success; create: never",
        "// re-sent blindly (a named create looks its name up); run: reconciled before any re-send.",
        "export const ACTION_KINDS = Object.freeze({",
    ]
    out += [f"  {n}: '{k}'," for n, k in kinds.items()]
    out.append("});")
    out.append("export const NAMED_CREATES = Object.freeze({")
    for a, v in named.items():
        out.append(f"  {a}: Object.freeze({{ member: '{v['member']}', code: '{v['code']}', describe: '{v['describe']}', filter: '{v['filter']}' }}),")
    out.append("});")
    out.append("/** Runs that save their command under CommandName when SaveCommand is true. */")
    out.append("export const SAVING_RUNS = Object.freeze([" + ", ".join(f"'{a}'" for a in saves) + "]);")
    return "\n".join(out) + "\n"
# ---- TypeScript declarations (pkg-template/actions.d.ts) --------------------------------------

# The enumerations the validator refuses outside their values (catalog.rs COMMAND_TYPE,
# INVOKER_TYPE, SCHEDULE_POLICY): literal unions, in capitals as documented or in small
# letters (which the validator only warns about, VALUE_CASE). Every other enumeration a
# document lists (statuses, kinds, sources) is open: `'A' | 'B' | (string & {})`, so that a
# value the service adds later compiles.
REFUSED_ENUMS = {
    ("RunCommandRequest", "CommandType"),
    ("CreateCommandRequest", "CommandType"),
    ("ModifyCommandRequest", "CommandType"),
    ("CreateInvokerRequest", "Type"),
    ("ModifyInvokerRequest", "Type"),
    ("ScheduleSettings", "Policy"),
}

TS_SCALAR = {"string": "string", "datetime_iso": "string", "uint64": "number", "int64": "number", "bool": "boolean"}


def enum_values(doc):
    """The values a member's document enumerates: `- NAME：`, `取值为 A、B、C`, `取值范围：A、B`."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", doc))
    bullets = re.findall(r"(?:^|\n|\s)-\s*`?([A-Z][A-Z0-9_]*[A-Z0-9])`?\s*[：:]", plain)
    if len(bullets) >= 1 and ("取值" in plain or "执行策略" in plain or "调用来源" in plain):
        return list(dict.fromkeys(bullets))
    m = re.search(r"取值(?:为|范围)?[：:]?\s*([A-Z][A-Z0-9_]*(?:\s*、\s*[A-Z][A-Z0-9_]*)+)", plain)
    if m:
        return [v.strip() for v in m.group(1).split("、")]
    m = re.search(r"仅支持\s*([A-Z][A-Z0-9_]+)\s*一种", plain)
    if m:
        return [m.group(1)]
    return []


def ts_comment(doc, indent):
    words = text(doc).strip().replace("*/", "*\\/")
    return f"{indent}/** {words} */" if words else None


def declarations(api, source):
    """actions.d.ts: every object of api.json as an interface, each action's request and answer,
    the union of the action names and the map from a name to its types."""
    objects = api["objects"]
    out = []
    emit = out.append
    emit(f"// @generated by scripts/gen_actions.py --dts from {source} (services/tat/v20201028/api.json).")
    emit("// Do not edit: run `make actions`. The types of every TAT action's request and answer.")
    emit("")

    def member_type(obj, m):
        t, member = m["type"], m.get("member")
        if t == "list":
            inner = TS_SCALAR.get(member, member)
            return f"{inner}[]"
        if t == "object":
            return member
        base = TS_SCALAR[member]
        if base == "string":
            values = enum_values(m.get("document", ""))
            if (obj, m["name"]) in REFUSED_ENUMS and not values:
                raise SystemExit(f"{obj}.{m['name']}: no values read from its document")
            if values and (obj, m["name"]) in REFUSED_ENUMS:
                lits = " | ".join(f"'{v}'" for v in values)
                return f"{lits} | Lowercase<{lits}>"
            if values:
                return " | ".join(f"'{v}'" for v in values) + " | (string & {})"
        return base

    def interface(name, extra=None):
        obj = objects[name]
        usage = obj.get("usage")
        is_request = name.endswith("Request")
        is_response = name.endswith("Response")
        c = ts_comment(obj.get("document", ""), "")
        if c:
            emit(c)
        emit(f"export interface {name} {{")
        for m in obj["members"]:
            if m.get("disabled"):
                continue
            if is_request or usage in ("in", "both"):
                required = bool(m.get("required"))
            else:
                # An answer's member: present unless api.json says it may be left out.
                required = m.get("output_required", True) is not False
            t = member_type(name, m)
            if not (is_request or usage in ("in", "both")) and m.get("value_allowed_null"):
                t = f"{t} | null"
            c = ts_comment(m.get("document", ""), "  ")
            if c:
                emit(c)
            emit(f"  {m['name']}{'' if required else '?'}: {t};")
        emit("}")
        emit("")

    names = sorted(api["actions"])
    emit("/** Every action of TAT 2020-10-28. */")
    emit("export type ActionName =")
    for i, n in enumerate(names):
        emit(f"  | '{n}'" + (";" if i == len(names) - 1 else ""))
    emit("")
    emit("/** Each action's request parameters and answer (the `Response` object, with its `RequestId`). */")
    emit("export interface ActionTypes {")
    for n in names:
        a = api["actions"][n]
        emit(f"  {n}: {{ request: {a['input']}; response: {a['output']} }};")
    emit("}")
    emit("")
    emit("/** The request parameters of action `A`. */")
    emit("export type ActionRequest<A extends ActionName> = ActionTypes[A]['request'];")
    emit("/** The answer of action `A`. */")
    emit("export type ActionResponse<A extends ActionName> = ActionTypes[A]['response'];")
    emit("")
    for n in names:
        a = api["actions"][n]
        interface(a["input"])
        interface(a["output"])
    shared = sorted(k for k in objects if not (k.endswith("Request") or k.endswith("Response")))
    for k in shared:
        interface(k)
    return "\n".join(out).rstrip("\n") + "\n"


def main_dts():
    api = json.load(open(sys.argv[2], encoding="utf-8"))
    version = re.search(r"tccli/([0-9][^/]*)/", sys.argv[2])
    source = f"tccli {version.group(1)}" if version else "tccli"
    text_out = declarations(api, source)
    if len(sys.argv) > 3 and sys.argv[3] != "-":
        open(sys.argv[3], "w", encoding="utf-8").write(text_out)
    else:
        sys.stdout.write(text_out)


def main():
    if sys.argv[1] == "--dts":
        return main_dts()
    api = json.load(open(sys.argv[1], encoding="utf-8"))
    if len(sys.argv) > 2 and sys.argv[2] == "--client-policy":
        text_out = client_policy(api)
        if len(sys.argv) > 3 and sys.argv[3] != "-":
            open(sys.argv[3], "w", encoding="utf-8").write(text_out)
        else:
            sys.stdout.write(text_out)
        return
    objects = api["objects"]
    out = []
    emit = out.append
    emitted_objects = {}

    def kind(m):
        t, member = m["type"], m.get("member")
        if (t, member) in SCALAR:
            return SCALAR[(t, member)]
        if t == "object":
            return f"Kind::Obj({obj_const(member)})"
        if t == "list":
            inner = SCALAR.get(("string", member)) or SCALAR.get(("int", member)) or f"Kind::Obj({obj_const(member)})"
            return f"Kind::List(&{inner})"
        raise SystemExit(f"unknown type {t}/{member}")

    def obj_const(name):
        const = re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()
        if name not in emitted_objects:
            emitted_objects[name] = None  # placeholder against recursion
            emitted_objects[name] = (const, params(objects[name]["members"]))
        return const

    def params(members):
        rows = []
        for m in members:
            if m.get("disabled"):
                continue
            doc = text(m.get("document", ""))
            k = kind(m)
            is_list = m["type"] == "list"
            lmax = list_max(doc) if is_list else None
            slen = str_len(doc) if m["type"] == "string" else None
            rng = int_range(doc, m.get("member") == "int64") if m["type"] == "int" else None
            names = filter_names(m.get("document", "")) if m.get("member") == "Filter" else []
            vmax = re.search(r"`Filter\.Values`\s*的上限为\s*(\d+)", doc) if names else None
            rows.append(
                "Param { "
                f"name: {rust_str(m['name'])}, kind: {k}, required: {'true' if m.get('required') else 'false'}, "
                f"len: {('Some(' + slen + ')') if slen else 'None'}, "
                f"range: {('Some((' + str(rng[0]) + ', ' + str(rng[1]) + '))') if rng else 'None'}, "
                f"items_max: {('Some(' + str(lmax) + ')') if lmax else 'None'}, "
                f"filter_names: &[{', '.join(rust_str(n) for n in names)}], "
                f"filter_values_max: {('Some(' + vmax.group(1) + ')') if vmax else 'None'} "
                "}"
            )
        return rows

    actions = []
    for name in sorted(api["actions"]):
        a = api["actions"][name]
        members = objects[a["input"]]["members"]
        rows = params(members)
        pairs = []
        for m in members:
            for p in conflicts(text(m.get("document", ""))):
                if p not in pairs and (p[1], p[0]) not in pairs:
                    pairs.append(p)
        actions.append((name, rows, sorted(pairs)))

    # scripts/fetch-api.sh keeps each version under target/tccli/<version>/.
    version = re.search(r"tccli/([0-9][^/]*)/", sys.argv[1])
    source = f"tccli {version.group(1)}" if version else "tccli"
    emit(f"// @generated by scripts/gen_actions.py from {source} (services/tat/v20201028/api.json).")
    emit("// Do not edit: run `make actions`.")
    emit("//! Every TAT action's parameters, as the official API description gives them.")
    emit("")
    emit("use super::schema::{Action, Kind, Len, Param};")
    emit("")
    emit("/// Every action of TAT 2020-10-28, sorted by name.")
    emit("pub static ACTIONS: &[Action] = &[")
    for name, rows, pairs in actions:
        emit("    Action {")
        emit(f"        name: {rust_str(name)},")
        emit("        params: &[")
        for r in rows:
            emit(f"            {r},")
        emit("        ],")
        emit("        conflicts: &[" + ", ".join(f"({rust_str(a)}, {rust_str(b)})" for a, b in pairs) + "],")
        emit("    },")
    emit("];")
    for obj in sorted(emitted_objects):
        const, rows = emitted_objects[obj]
        emit("")
        emit(f"/// `{obj}`.")
        emit(f"const {const}: &[Param] = &[")
        for r in rows:
            emit(f"    {r},")
        emit("];")
    text_out = "\n".join(out) + "\n"
    if len(sys.argv) > 2 and sys.argv[2] != "-":
        open(sys.argv[2], "w", encoding="utf-8").write(text_out)
    else:
        sys.stdout.write(text_out)


if __name__ == "__main__":
    main()
