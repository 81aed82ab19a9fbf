"""Pydantic models from datamodel-code-generator against every fixture of tests/fixtures.

Usage: check_models.py <models.py> <openapi.json> <fixtures dir>

Every fixture must load in the model of its message, except that a request written in native JSON
form (`*_native_values.json`) must be rejected: the request schemas are the wire contract; and a
message with wrongly typed fields (`*_mismatched_types.json`, which only the Rust decoder's inbound
leniency reads) must be rejected too. What a request model serializes must be the fixture again, every
scalar a JSON string.
"""

import inspect
import json
import pathlib
import re
import sys

import pydantic

from interop_common import load_module, messages, report, scalars_are_strings


def main():
    models_path, openapi_path, fixtures = map(pathlib.Path, sys.argv[1:4])
    models = load_module(models_path, "antom_models")
    document = json.loads(openapi_path.read_text())
    by_fixture = messages(document)
    loaded = rejected = 0
    failures = []
    for fixture in sorted(fixtures.glob("*/*.json")):
        key = (fixture.parent.name, re.split(r"[_.]", fixture.name)[0])
        if key not in by_fixture:
            failures.append(f"{fixture}: no message in openapi.json for {key}")
            continue
        name, sent_by_merchant = by_fixture[key]
        model = getattr(models, name)
        data = json.loads(fixture.read_text())
        native = (
            fixture.name.endswith("_native_values.json") and sent_by_merchant
        ) or fixture.name.endswith("_mismatched_types.json")
        try:
            value = model.model_validate(data)
        except pydantic.ValidationError as e:
            if native:
                rejected += 1
                continue
            failures.append(f"{fixture}: {name} rejects it: {e}")
            continue
        if native:
            failures.append(f"{fixture}: {name} accepts a message outside the contract")
            continue
        loaded += 1
        if sent_by_merchant:
            sent = json.loads(value.model_dump_json(exclude_none=True, by_alias=True))
            if not scalars_are_strings(sent):
                failures.append(f"{fixture}: {name} serializes a non-string scalar")
            if sent != data:
                failures.append(f"{fixture}: {name} does not serialize back to the fixture")
    # Open enumerations are plain strings: a received model's value compares equal to "S".
    success = fixtures / "notify_vaulting" / "notification_success.json"
    received = models.VaultingNotification.model_validate_json(success.read_text())
    status = received.result.resultStatus
    if not (isinstance(status, str) and status == "S"):
        failures.append(f"VaultingNotification.result.resultStatus is {status!r}, not the string S")
    classes = [
        c
        for _, c in inspect.getmembers(models, inspect.isclass)
        if c.__module__ == models.__name__
    ]
    print(
        f"interop: datamodel-code-generator: {len(classes)} models; "
        f"{loaded} fixtures loaded, {rejected} fixtures outside the contract rejected"
    )
    if rejected == 0:
        failures.append("no native-form request fixture was checked")
    return report(failures)


if __name__ == "__main__":
    sys.exit(main())
