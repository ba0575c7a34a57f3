#!/usr/bin/env python3
"""An independent structural comparison of two OpenAPI 3.0 descriptions, to measure what
`openapi-client-gen diff` misses (used by `cargo run -p xtask -- diff-recall`). It shares no
code with the Rust diff: it flattens each version into facts (operation, place, attribute)
and lists the places whose facts differ, then checks each against the diff's JSON report.

Usage: structural_diff.py OLD.json NEW.json REPORT.json

Places are written the way the report writes subjects: `parameter `page``, `request body`,
`response 200[].owner.login`, `request body<variant 2>.name`, `response 200<Circle>.radius`.
A difference is covered when the report has a change for that operation (its own or in
`also`) whose subject is the place or contains it (a removed property covers everything
under it), or a change to the whole operation. Prints one JSON object:
{"differences": N, "covered": M, "missed": [[operation, place, attribute], ...]}.
"""

import json
import re
import sys

MAX_DEPTH = 12
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def shape(path):
    """`/users/{user_id}/repos` and `/users/{username}/repos` are one operation."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def resolve(spec, node, seen=()):
    """Follows `$ref`s; returns (node, name of the last component reached, refs followed)."""
    name = None
    refs = list(seen)
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in refs or not ref.startswith("#/"):
            return None, name, refs
        refs.append(ref)
        target = spec
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                return None, name, refs
            target = target[part]
        name = ref.rsplit("/", 1)[-1]
        node = target
    return node, name, refs


def single_all_of(spec, schema, refs):
    """`allOf` with one part (the nullable-reference idiom) reads as that part."""
    nullable = bool(schema.get("nullable"))
    while isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
        inner, _, refs = resolve(spec, schema["allOf"][0], refs)
        if not isinstance(inner, dict):
            break
        nullable |= bool(inner.get("nullable"))
        schema = inner
    return schema, nullable, refs


def merged_properties(spec, schema, refs, depth=0):
    """Properties and required names, `allOf` parts merged."""
    props, required = {}, set()
    if depth > MAX_DEPTH or not isinstance(schema, dict):
        return props, required
    for name, sub in (schema.get("properties") or {}).items():
        props[name] = sub
    required |= set(schema.get("required") or [])
    for part in schema.get("allOf") or []:
        inner, _, inner_refs = resolve(spec, part, refs)
        if isinstance(inner, dict):
            p, r = merged_properties(spec, inner, inner_refs, depth + 1)
            for name, sub in p.items():
                props.setdefault(name, sub)
            required |= r
    return props, required


def effective_type(spec, schema, refs, depth=0):
    """The declared type, else the one its `allOf` parts declare, else `object` when it
    lists properties: `allOf: [$ref: Repo, {properties}]` is still an object."""
    if schema.get("type") or depth > MAX_DEPTH:
        return schema.get("type")
    for part in schema.get("allOf") or []:
        inner, _, inner_refs = resolve(spec, part, refs)
        if isinstance(inner, dict):
            found = effective_type(spec, inner, inner_refs, depth + 1)
            if found:
                return found
    return "object" if schema.get("properties") else None


def variant_label(variants, index):
    part = variants[index]
    if isinstance(part, dict) and "$ref" in part:
        return part["$ref"].rsplit("/", 1)[-1]
    if isinstance(part, dict) and part.get("title"):
        return part["title"]
    return f"variant {index + 1}"


def schema_facts(spec, node, place, facts, refs=(), depth=0, required=True, origin=None):
    """Facts keyed by (place, attribute), valued (value, origin): the origin (component and
    path inside it) tells the same schema reached by two paths of one operation."""
    schema, name, refs = resolve(spec, node, refs)
    if name is not None:
        origin = name
    if not isinstance(schema, dict) or depth > MAX_DEPTH:
        return
    schema, nullable, refs = single_all_of(spec, schema, refs)
    origin = origin or place

    def fact(attribute, value):
        facts[(place, attribute)] = (value, origin)

    fact("type", f"{effective_type(spec, schema, refs)} {schema.get('format')}")
    fact("nullable", nullable)
    fact("required", required)
    if "enum" in schema:
        fact("enum", json.dumps(sorted(map(json.dumps, schema["enum"]))))
    props, required_names = merged_properties(spec, schema, refs)
    for name, sub in props.items():
        schema_facts(
            spec, sub, f"{place}.{name}", facts, refs, depth + 1, name in required_names,
            f"{origin}.{name}",
        )
    if isinstance(schema.get("items"), dict):
        schema_facts(spec, schema["items"], f"{place}[]", facts, refs, depth + 1, True, f"{origin}[]")
    for key in ("oneOf", "anyOf"):
        variants = schema.get(key)
        if isinstance(variants, list):
            for index, part in enumerate(variants):
                label = variant_label(variants, index)
                schema_facts(
                    spec, part, f"{place}<{label}>", facts, refs, depth + 1, True,
                    f"{origin}<{label}>",
                )


def media_facts(spec, content, place, facts):
    for media, entry in sorted((content or {}).items()):
        facts[(place, f"media {media}")] = (True, place)
        if "json" in media and isinstance(entry, dict) and "schema" in entry:
            schema_facts(spec, entry["schema"], place, facts)


def operation_facts(spec, item, op):
    facts = {}
    params = {}
    for param in (item.get("parameters") or []) + (op.get("parameters") or []):
        param, _, _ = resolve(spec, param)
        if isinstance(param, dict) and "name" in param:
            params[(param["name"], param.get("in"))] = param
    for (name, _), param in params.items():
        place = f"parameter `{name}`"
        facts[(place, "in")] = (param.get("in"), place)
        if "schema" in param:
            schema_facts(spec, param["schema"], place, facts, required=bool(param.get("required")))
    body, _, _ = resolve(spec, op.get("requestBody"))
    if isinstance(body, dict):
        facts[("request body", "required")] = (bool(body.get("required")), "request body")
        media_facts(spec, body.get("content"), "request body", facts)
    for status, response in (op.get("responses") or {}).items():
        response, _, _ = resolve(spec, response)
        place = f"response {status}"
        facts[(place, "documented")] = (True, place)
        if isinstance(response, dict):
            media_facts(spec, response.get("content"), place, facts)
    return facts


def operations(spec):
    found = {}
    for path, item in (spec.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                found[(method.upper(), shape(path))] = (item, op)
    return found


def covers(subject, place):
    if subject == "" or subject == place:
        return True
    return place.startswith(subject) and place[len(subject)] in ".[<"


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    old, new, report = (json.load(open(path, encoding="utf-8")) for path in argv[1:])
    by_operation = {}
    for change in report["changes"]:
        places = [f"{change['operation']} {change['subject']}".strip()] + change.get("also", [])
        for where in places:
            method, _, rest = where.partition(" ")
            path, _, subject = rest.partition(" ")
            key = (method, shape(path))
            by_operation.setdefault(key, []).append(subject)
    old_ops, new_ops = operations(old), operations(new)
    differences, missed = 0, []
    for key in sorted(set(old_ops) | set(new_ops)):
        before = operation_facts(old, *old_ops[key]) if key in old_ops else None
        after = operation_facts(new, *new_ops[key]) if key in new_ops else None
        subjects = by_operation.get(key, [])
        if before is None or after is None:
            differences += 1
            if not any(s == "" for s in subjects):
                missed.append([" ".join(key), "", "operation added or removed"])
            continue
        # One difference per changed schema and attribute, wherever the operation reaches it.
        groups = {}
        for fact in set(before) | set(after):
            old_value = before.get(fact, (None, None))
            new_value = after.get(fact, (None, None))
            if old_value[0] != new_value[0]:
                origin = new_value[1] or old_value[1]
                groups.setdefault((origin, fact[1]), []).append(fact[0])
        for (_, attribute), places in sorted(groups.items()):
            differences += 1
            if not any(covers(s, place) for s in subjects for place in places):
                missed.append([" ".join(key), min(places), attribute])
    print(json.dumps({"differences": differences, "covered": differences - len(missed), "missed": missed}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
