#!/usr/bin/env python3
"""Validates body examples against their schemas in an OpenAPI 3.0 spec, independently of
the Rust generator (used by `cargo run -p xtask -- conformance` to tell a spec's own faults
from ours).

Usage: validate_examples.py [--plain-json-schema] SPEC ITEMS

With --plain-json-schema, `discriminator` is ignored: a value matching several `oneOf`
variants is invalid even when its discriminator names one (JSON Schema's reading, and
Prism's). Without it, the discriminator picks the variant (OpenAPI's reading).

SPEC is the spec as JSON (or YAML). ITEMS is a JSON array of
{"schema_pointer": "/paths/...", "value": ..., "direction": "request" | "response"}.
Prints one JSON line per item, in order:
  {"valid": true, "undeclared": [...], "read_only": [...]}
  {"valid": false, "error": "at /path: message", "undeclared": [...], "read_only": [...]}
  {"valid": null, "error": "..."}     (the schema could not be used, e.g. an unresolvable $ref)
"undeclared" lists the JSON pointers of the example's object keys that no schema applying
there declares (in `properties`, or with an explicit `additionalProperties`): JSON Schema
allows them, a generated struct has no field for them. "read_only" lists the keys a schema
marks readOnly (a generated client never sends them). Both look at every allOf/anyOf/oneOf
member, so they are approximate for unions.

Requests are checked with OAS30WriteValidator and responses with OAS30ReadValidator
(OpenAPI 3.0 semantics of readOnly/writeOnly), both with the OAS 3.0 format checker
and the single-precision range of `float`.
"""

import copy
import json
import math
import sys
from urllib.parse import quote, unquote

import yaml
from jsonschema.exceptions import best_match
from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30WriteValidator,
    oas30_format_checker,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

BASE_URI = "urn:openapi-spec"
MAX_ERROR = 300
FLOAT_MAX = 3.4028234663852886e38

# openapi-schema-validator's checks, plus the range the `float` format (IEEE 754 single
# precision) implies: a number beyond it cannot be a float.
FORMAT_CHECKER = copy.deepcopy(oas30_format_checker)


@FORMAT_CHECKER.checks("float")
def _is_single_precision(instance):
    if isinstance(instance, bool) or not isinstance(instance, (int, float)):
        return True
    return math.isfinite(instance) and abs(instance) <= FLOAT_MAX


class _PlainLoader(yaml.SafeLoader):
    """YAML as JSON sees it: timestamps stay strings."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _string_keys(node):
    """YAML allows `200:` (an integer key); JSON pointers address it as "200"."""
    if isinstance(node, dict):
        return {str(k): _string_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_string_keys(v) for v in node]
    return node


def load_spec(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("{"):
        return json.loads(text)
    return _string_keys(yaml.load(text, Loader=_PlainLoader))


def describe(error):
    """`at /path (keyword): message`, cut to a readable length (messages quote the instance)."""
    where = "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in error.absolute_path)
    message = f"at {where} ({error.validator}): {error.message}"
    return message if len(message) <= MAX_ERROR else message[: MAX_ERROR - 3] + "..."


def lookup(spec, pointer):
    """The node at a JSON pointer (RFC 6901), or None."""
    node = spec
    for segment in pointer.split("/")[1:]:
        segment = segment.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and segment in node:
            node = node[segment]
        elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
        else:
            return None
    return node


def resolve(spec, schema, depth=0):
    """Follows local `$ref`s (URI fragments); None for one that does not resolve."""
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and depth < 32:
        ref = schema["$ref"]
        if not ref.startswith("#"):
            return None
        schema, depth = lookup(spec, unquote(ref[1:])), depth + 1
    return schema if isinstance(schema, dict) else None


def applying(spec, schema):
    """The schema and every allOf/anyOf/oneOf member in it, resolved (all branches: a key
    any branch declares counts as declared)."""
    found, pending, seen = [], [schema], set()
    while pending:
        current = resolve(spec, pending.pop())
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        found.append(current)
        for keyword in ("allOf", "anyOf", "oneOf"):
            members = current.get(keyword)
            if isinstance(members, list):
                pending.extend(members)
    return found


def keys_of_note(spec, schema, instance, at="", found=None):
    """JSON pointers of the instance's object keys that no applying schema declares
    ("undeclared") and of those a schema marks readOnly ("read_only")."""
    found = {"undeclared": set(), "read_only": set()} if found is None else found
    schemas = applying(spec, schema)
    if isinstance(instance, dict):
        for key, value in instance.items():
            children = [s["properties"][key] for s in schemas
                        if isinstance(s.get("properties"), dict) and key in s["properties"]]
            extra = [s["additionalProperties"] for s in schemas
                     if s.get("additionalProperties") not in (None, False)]
            where = at + "/" + str(key).replace("~", "~0").replace("/", "~1")
            if not children and not extra and schemas:
                found["undeclared"].add(where)
                continue
            if any(s.get("readOnly") is True for c in children for s in applying(spec, c)):
                found["read_only"].add(where)
            for child in children or [e for e in extra if isinstance(e, dict)]:
                keys_of_note(spec, child, value, where, found)
    elif isinstance(instance, list):
        items = [s["items"] for s in schemas if isinstance(s.get("items"), dict)]
        for index, value in enumerate(instance):
            for child in items:
                keys_of_note(spec, child, value, f"{at}/{index}", found)
    return found


def validate(spec, registry, item):
    validator_class = (
        OAS30WriteValidator if item.get("direction") == "request" else OAS30ReadValidator
    )
    # Characters a URI fragment may hold unescaped; the rest is percent-encoded.
    fragment = quote(item["schema_pointer"], safe="/~!$&'()*+,;=:@")
    schema = {"$ref": f"{BASE_URI}#{fragment}"}
    validator = validator_class(
        schema, registry=registry, format_checker=FORMAT_CHECKER
    )
    try:
        error = best_match(validator.iter_errors(item["value"]))
    except Exception as problem:  # an unusable schema is reported, never fatal
        return {"valid": None, "error": f"{type(problem).__name__}: {problem}"[:MAX_ERROR]}
    keys = keys_of_note(spec, lookup(spec, item["schema_pointer"]), item["value"])
    result = {"valid": error is None}
    if error is not None:
        result["error"] = describe(error)
    result.update({name: sorted(pointers) for name, pointers in keys.items()})
    return result


def without_discriminators(node):
    """The spec with every `discriminator` taken out: `oneOf` as plain JSON Schema reads it
    (the value must match exactly one variant), which is how Prism validates requests."""
    if isinstance(node, dict):
        return {
            k: without_discriminators(v)
            for k, v in node.items()
            if not (k == "discriminator" and isinstance(v, dict) and "propertyName" in v)
        }
    if isinstance(node, list):
        return [without_discriminators(v) for v in node]
    return node


def main(argv):
    plain = "--plain-json-schema" in argv
    argv = [a for a in argv if a != "--plain-json-schema"]
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    spec = load_spec(argv[1])
    if plain:
        spec = without_discriminators(spec)
    with open(argv[2], encoding="utf-8") as f:
        items = json.load(f)
    resource = Resource(contents=spec, specification=DRAFT4)
    registry = Registry().with_resource(BASE_URI, resource)
    for item in items:
        print(json.dumps(validate(spec, registry, item)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
