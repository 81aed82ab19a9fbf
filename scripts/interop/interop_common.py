"""What the interop checks share: which schema each fixture belongs to (read from openapi.json),
the wire rule, and loading a generated module from its file."""

import importlib.util
import re
import sys


def snake(name):
    """`createVaultingSession` -> `create_vaulting_session` (the fixture folder names)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def component(ref_holder):
    """The component name a `{"$ref": "#/components/schemas/X"}` content points at."""
    ref = ref_holder["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[1]


def messages(document):
    """{(fixture folder, file prefix): (schema name, sent by the merchant)} for every operation
    and webhook: a request or acknowledgement is sent by the merchant, a response or notification
    by Antom."""
    out = {}
    for item in document.get("paths", {}).values():
        op = item["post"]
        folder = snake(op["operationId"])
        out[(folder, "request")] = (component(op["requestBody"]), True)
        out[(folder, "response")] = (component(op["responses"]["200"]), False)
    for item in document.get("webhooks", {}).values():
        op = item["post"]
        folder = snake(op["operationId"])
        out[(folder, "notification")] = (component(op["requestBody"]), False)
        out[(folder, "acknowledgement")] = (component(op["responses"]["200"]), True)
    return out


def scalars_are_strings(value):
    """Whether every non-array, non-object value in `value` is a JSON string (the wire rule)."""
    if isinstance(value, dict):
        return all(scalars_are_strings(v) for v in value.values())
    if isinstance(value, list):
        return all(scalars_are_strings(v) for v in value)
    return isinstance(value, str)


def load_module(path, name):
    """Imports the generated Python file `path` as module `name` (registered, as pydantic needs)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def report(failures):
    """Prints each failure and returns the script's exit code."""
    for f in failures:
        print(f"interop: FAIL {f}", file=sys.stderr)
    return 1 if failures else 0
