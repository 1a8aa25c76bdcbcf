#!/usr/bin/env python3
"""Offline AsyncAPI/JSON-Schema validator.
Usage: validate.py schema.json document.json
Prints 'valid' (exit 0) or one error per line as '<json path>: <message>' (exit 1).
Works with Debian python3-jsonschema 4.10 (RefResolver) and jsonschema >= 4.18 (referencing).
Never fetches anything over the network: every subschema carrying an $id is pre-registered,
and any other remote reference raises an error instead of being downloaded."""
import json, sys, warnings, urllib.request

def _no_network(*a, **k):
    raise RuntimeError("network access disabled: unresolved remote $ref %r" % (a[0] if a else k))
urllib.request.urlopen = _no_network  # belt and braces

import jsonschema
from jsonschema import Draft7Validator

def collect_ids(node, out):
    if isinstance(node, dict):
        i = node.get("$id")
        if isinstance(i, str) and not i.startswith("#"):
            out[i.rstrip("#")] = node
        for v in node.values():
            collect_ids(v, out)
    elif isinstance(node, list):
        for v in node:
            collect_ids(v, out)
    return out

def path_of(err):
    p = "$"
    for part in err.absolute_path:
        p += "[%d]" % part if isinstance(part, int) else "." + str(part)
    return p

def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr); return 2
    with open(argv[1], encoding="utf-8") as f: schema = json.load(f)
    with open(argv[2], encoding="utf-8") as f: doc = json.load(f)
    store = collect_ids(schema, {})
    kwargs = {"format_checker": Draft7Validator.FORMAT_CHECKER}
    try:
        from referencing import Registry, Resource
        from referencing.exceptions import NoSuchResource
        from referencing.jsonschema import DRAFT7
        def retrieve(uri):
            raise NoSuchResource(ref=uri)  # no network
        reg = Registry(retrieve=retrieve).with_resources(
            (uri, Resource.from_contents(s, default_specification=DRAFT7)) for uri, s in store.items())
        validator = Draft7Validator(schema, registry=reg, **kwargs)
    except ImportError:  # jsonschema < 4.18 (Debian bookworm: 4.10.3)
        from jsonschema import RefResolver
        class OfflineResolver(RefResolver):
            # 4.10's subschema scan crashes on schemas that have a *property* named "$id"
            # (value is a dict); every real $id is already in the store, so skip the scan.
            def _find_in_subschemas(self, url):
                return None
        handlers = {"http": _no_network, "https": _no_network}
        resolver = OfflineResolver.from_schema(schema, store=store, handlers=handlers)
        validator = Draft7Validator(schema, resolver=resolver, **kwargs)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        print("valid"); return 0
    seen = set()
    for e in errors:
        for l in leaves(e):
            line = "%s: %s" % (path_of(l), l.message.replace("\n", " ")[:300])
            if line not in seen:
                seen.add(line); print(line)
    return 1

def leaves(err):
    """For oneOf/anyOf failures, descend into the most plausible branch (the one whose
    errors reach deepest into the document) so the message names the real problem."""
    if not err.context:
        return [err]
    branches = {}
    for sub in err.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    best = max(branches.values(), key=lambda errs: (not all(s.validator == "required" and "'$ref'" in s.message for s in errs),
                                                  max(len(s.absolute_path) for s in errs), -len(errs)))
    out = []
    for sub in best:
        out.extend(leaves(sub))
    return out

if __name__ == "__main__":
    sys.exit(main(sys.argv))
