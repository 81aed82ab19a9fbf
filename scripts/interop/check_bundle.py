"""datamodel-code-generator on generated/schema/ makes one class per definition, named after it.

Usage: check_bundle.py <models.py generated from the schema bundle> <antom_vault.schema.json>

Every object of the bundle's `$defs` must be exactly one pydantic model of the same name, and every
closed enumeration one enum class of the same name: no copies (`Card1`), no invented names
(`PurpleCard`). Open enumerations are plain strings and get no class. The only other classes
allowed are the bundle's own root (it has no type of its own) and the inline value lists of single
fields (e.g. a boolean's `"true"`/`"false"`), which are not shared definitions.
"""

import enum
import inspect
import json
import pathlib
import sys

import pydantic

from interop_common import load_module, report


def main():
    models_path, bundle_path = map(pathlib.Path, sys.argv[1:3])
    models = load_module(models_path, "antom_bundle_models")
    bundle = json.loads(bundle_path.read_text())
    defs = bundle["$defs"]
    objects = {n for n, d in defs.items() if d.get("type") == "object"}
    enums = {n for n, d in defs.items() if "enum" in d}
    classes = {
        name: c
        for name, c in inspect.getmembers(models, inspect.isclass)
        if c.__module__ == models.__name__ and "[" not in name
    }
    model_names = {
        n for n, c in classes.items()
        if issubclass(c, pydantic.BaseModel) and not issubclass(c, pydantic.RootModel)
    }
    enum_names = {n for n, c in classes.items() if issubclass(c, enum.Enum)}
    failures = []
    if model_names != objects:
        failures.append(
            f"models {sorted(model_names ^ objects)} differ from the bundle's objects "
            f"(extra: {sorted(model_names - objects)}, missing: {sorted(objects - model_names)})"
        )
    if not enums <= enum_names:
        failures.append(f"enumerations without their class: {sorted(enums - enum_names)}")
    for name in model_names:
        if any(ch.isdigit() for ch in name):
            failures.append(f"a numbered copy: {name}")
    others = set(classes) - model_names - enum_names
    root = {n for n in others if issubclass(classes[n], pydantic.RootModel)}
    if len(root) > 1 or others - root:
        failures.append(f"classes that are no definition: {sorted(others)}")
    print(
        f"interop: datamodel-code-generator on generated/schema/: {len(model_names)} models for "
        f"{len(objects)} objects, {len(enums)} enumerations each one class, "
        f"{len(enum_names) - len(enums)} inline value lists"
    )
    return report(failures)


if __name__ == "__main__":
    sys.exit(main())
