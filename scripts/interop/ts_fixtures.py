"""Writes the TypeScript files that type-check the fixtures against openapi-typescript's types.

Usage: ts_fixtures.py <openapi.json> <fixtures dir> <out dir>

`fixtures.ts` holds every fixture that must type-check, each as a constant of its message's type
(what Antom sends assigned from a plain value, see `constant`);
`native_<n>.ts` holds one native-form request fixture each, which must NOT type-check (requests
are the wire contract: strings only). Prints the native file names, one per line.
"""

import json
import pathlib
import re
import sys

from interop_common import messages


def constant(index, schema, data, sent_by_merchant):
    """A typed constant. What Antom sends goes through an untyped value first, as parsed JSON
    does: TypeScript's excess-property check applies to object literals only, and the schemas
    leave objects open (unknown fields allowed), while every known field is still type-checked."""
    literal = json.dumps(data, indent=2)
    if sent_by_merchant:
        return f'export const fixture{index}: S["{schema}"] = {literal};\n'
    return f'const arrived{index} = {literal};\nexport const fixture{index}: S["{schema}"] = arrived{index};\n'


def main():
    openapi_path, fixtures, out = map(pathlib.Path, sys.argv[1:4])
    document = json.loads(openapi_path.read_text())
    by_fixture = messages(document)
    header = 'import type { components } from "./openapi";\ntype S = components["schemas"];\n\n'
    accepted = []
    native = []
    for index, fixture in enumerate(sorted(fixtures.glob("*/*.json"))):
        key = (fixture.parent.name, re.split(r"[_.]", fixture.name)[0])
        schema, sent_by_merchant = by_fixture[key]
        data = json.loads(fixture.read_text())
        text = f"// {fixture.parent.name}/{fixture.name}\n" + constant(index, schema, data, sent_by_merchant)
        outside = (
            sent_by_merchant and fixture.name.endswith("_native_values.json")
        ) or fixture.name.endswith("_mismatched_types.json")
        if outside:
            name = f"native_{index}.ts"
            (out / name).write_text(header + text)
            native.append(name)
        else:
            accepted.append(text)
    (out / "fixtures.ts").write_text(header + "\n".join(accepted))
    for name in native:
        print(name)
    print(f"{len(accepted)}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
