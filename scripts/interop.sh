#!/usr/bin/env bash
# Proves generated/openapi.json and generated/schema/ work with other languages' standard tools,
# unedited:
#   - openapi-spec-validator accepts openapi.json;
#   - datamodel-code-generator's pydantic models load every fixture of tests/fixtures (known and
#     unknown values), reject native-form requests, and serialize requests back in wire form;
#   - openapi-python-client's client has the three operations and, with a small signing step
#     (cryptography), creates a session, vaults a card and inquires it against our emulator, and
#     takes the notifyVaulting webhook;
#   - openapi-typescript's types type-check the fixtures with `tsc --strict`, and reject the
#     native-form request;
#   - openapi-generator (generators `python` and `typescript-fetch`, no options) prints no warning
#     that it does not also print for a minimal valid document; its Python client, signing through
#     its transport hook, creates a session, vaults a card and inquires it against the emulator;
#     its TypeScript client passes `tsc --strict` and, run with node and signing through its
#     middleware (verifying each answer in another), does the same;
#   - open enumerations are plain strings: generated Python models compare equal to "S", and
#     TypeScript values are assignable to `string`;
#   - datamodel-code-generator on generated/schema/ makes one class per definition, named after it.
# Tools are pinned in scripts/interop/requirements.txt and scripts/interop/package.json and
# installed into target/tools/venv and target/tools/node (again only when a pin changes).
# Skips, saying so, only when python3, node/npm or java (17, for openapi-generator) is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PINS=scripts/interop
TOOLS=$ROOT/target/tools
WORK=$ROOT/target/interop

. scripts/lib/skip.sh
for tool in python3 node npm java; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        skip_step interop "$tool is missing (needed for the Python, TypeScript and openapi-generator checks); install it (Debian: apt-get install python3-venv nodejs npm default-jre-headless)"
    fi
done

started=$(date +%s)
if ! cmp -s "$PINS/requirements.txt" "$TOOLS/venv/.pins" 2>/dev/null; then
    echo "interop: installing the Python tools into target/tools/venv"
    rm -rf "$TOOLS/venv"
    python3 -m venv "$TOOLS/venv"
    "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check -r "$PINS/requirements.txt"
    cp "$PINS/requirements.txt" "$TOOLS/venv/.pins"
fi
if ! cmp -s "$PINS/package.json" "$TOOLS/node/package.json" 2>/dev/null \
    || [ ! -x "$TOOLS/node/node_modules/.bin/tsc" ]; then
    echo "interop: installing the TypeScript tools into target/tools/node"
    rm -rf "$TOOLS/node"
    mkdir -p "$TOOLS/node"
    cp "$PINS/package.json" "$TOOLS/node/package.json"
    (cd "$TOOLS/node" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
installed=$(date +%s)
echo "interop: tools ready in $((installed - started)) s"

PY=$TOOLS/venv/bin/python
BIN=$TOOLS/venv/bin
NODE_BIN=$TOOLS/node/node_modules/.bin
OPENAPI=$ROOT/generated/openapi.json
FIXTURES=$ROOT/tests/fixtures
rm -rf "$WORK"
mkdir -p "$WORK/python" "$WORK/ts" "$WORK/keys" "$WORK/ogen"
export PYTHONPATH="$ROOT/$PINS"
export PYTHONDONTWRITEBYTECODE=1

# 1. The document is valid OpenAPI.
"$BIN/openapi-spec-validator" "$OPENAPI" >/dev/null
echo "interop: openapi-spec-validator: generated/openapi.json is valid"

# The generators are independent: run them side by side (openapi-generator's runs one after the
# other, each Java start being the heaviest step).
cat >"$WORK/ogen/minimal.json" <<'JSON'
{"openapi": "3.1.0", "info": {"title": "minimal", "version": "1"},
 "paths": {"/ping": {"post": {"tags": ["Ping"], "operationId": "ping",
   "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ping"}}}},
   "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ping"}}}}}}}},
 "components": {"schemas": {"Ping": {"type": "object", "properties": {"value": {"type": "string"}}}}}}
JSON
(
    for generator in python typescript-fetch; do
        for doc in minimal openapi; do
            input=$OPENAPI
            [ "$doc" = minimal ] && input=$WORK/ogen/minimal.json
            "$BIN/openapi-generator-cli" generate -i "$input" -g "$generator" \
                -o "$WORK/ogen/$generator-$doc" >"$WORK/ogen/$generator-$doc.log" 2>&1
        done
    done
) >"$WORK/openapi-generator.log" 2>&1 &
ogen_pid=$!
"$BIN/datamodel-codegen" --input "$ROOT/generated/schema/antom_vault.schema.json" \
    --input-file-type jsonschema --output "$WORK/python/bundle_models.py" \
    --output-model-type pydantic_v2.BaseModel --target-python-version 3.11 --formatters builtin \
    >"$WORK/datamodel-codegen-bundle.log" 2>&1 &
bundle_pid=$!
"$BIN/datamodel-codegen" --input "$OPENAPI" --input-file-type openapi \
    --output "$WORK/python/models.py" --output-model-type pydantic_v2.BaseModel \
    --target-python-version 3.11 --formatters builtin --type-mappings "string+uri=string" \
    >"$WORK/datamodel-codegen.log" 2>&1 &
models_pid=$!
"$BIN/openapi-python-client" generate --path "$OPENAPI" --output-path "$WORK/python/antom_vault_client" \
    --meta none --config "$PINS/openapi-python-client.yaml" >"$WORK/openapi-python-client.log" 2>&1 &
client_pid=$!
"$NODE_BIN/openapi-typescript" "$OPENAPI" --output "$WORK/ts/openapi.d.ts" >"$WORK/openapi-typescript.log" 2>&1 &
ts_pid=$!
# Meanwhile, the emulator (sandbox client id, keys written for the Python side).
cargo build --quiet -p antom-vault-mock --bin antom-vault
CLIENT_ID=SANDBOX_INTEROP
"$ROOT/target/debug/antom-vault" mock --addr 127.0.0.1:0 --client-id "$CLIENT_ID" \
    --notify-speedup 1000 \
    --write-merchant-private-key "$WORK/keys/merchant_private_key" \
    --write-antom-public-key "$WORK/keys/antom_public_key" >"$WORK/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT

for pid in $models_pid $client_pid $ts_pid $ogen_pid $bundle_pid; do
    if ! wait "$pid"; then
        cat "$WORK"/*.log "$WORK"/ogen/*.log >&2
        echo "interop: FAIL a generator failed (logs above)" >&2
        exit 1
    fi
done

# 2. Pydantic models and the fixtures; one class per definition from generated/schema/.
"$PY" "$PINS/check_models.py" "$WORK/python/models.py" "$OPENAPI" "$FIXTURES"
"$PY" "$PINS/check_bundle.py" "$WORK/python/bundle_models.py" "$ROOT/generated/schema/antom_vault.schema.json"

# openapi-generator's warnings: none beyond what it prints for the minimal valid document.
warnings() { sed -n 's/^\[[a-z]*\] WARN *//p' "$1" | sort -u; }
for generator in python typescript-fetch; do
    extra=$(comm -13 <(warnings "$WORK/ogen/$generator-minimal.log") \
        <(warnings "$WORK/ogen/$generator-openapi.log"))
    if [ -n "$extra" ]; then
        echo "$extra" >&2
        echo "interop: FAIL openapi-generator $generator warns about generated/openapi.json (above)" >&2
        exit 1
    fi
done
echo "interop: openapi-generator: python and typescript-fetch print no warning beyond the minimal document's"

# 3. The generated Python client against the emulator.
for _ in $(seq 100); do
    grep -q '^base URL: ' "$WORK/emulator.log" && break
    sleep 0.1
done
BASE_URL=$(sed -n 's/^base URL: //p' "$WORK/emulator.log")
if [ -z "$BASE_URL" ]; then
    cat "$WORK/emulator.log" >&2
    echo "interop: FAIL the emulator did not start" >&2
    exit 1
fi
"$PY" "$PINS/check_client.py" "$WORK/python/antom_vault_client" "$OPENAPI" "$FIXTURES" \
    "$BASE_URL" "$CLIENT_ID" "$WORK/keys/merchant_private_key" "$WORK/keys/antom_public_key" \
    "$WORK/python/models.py"
"$PY" "$PINS/check_openapi_generator.py" "$WORK/ogen/python-openapi" "$OPENAPI" "$FIXTURES" \
    "$BASE_URL" "$CLIENT_ID" "$WORK/keys/merchant_private_key" "$WORK/keys/antom_public_key"

# 4. TypeScript types and the fixtures, with tsc --strict.
native=$("$PY" "$PINS/ts_fixtures.py" "$OPENAPI" "$FIXTURES" "$WORK/ts" 2>"$WORK/ts/accepted")
TSC=("$NODE_BIN/tsc" --strict --noEmit --target es2020 --module es2020 --moduleResolution bundler)
"${TSC[@]}" "$WORK/ts/fixtures.ts"
rejected=0
for file in $native; do
    if "${TSC[@]}" "$WORK/ts/$file" >"$WORK/ts/$file.log" 2>&1; then
        echo "interop: FAIL tsc accepts the native-form request $file" >&2
        exit 1
    fi
    rejected=$((rejected + 1))
done
if [ "$rejected" -eq 0 ]; then
    echo "interop: FAIL no native-form request fixture was type-checked" >&2
    exit 1
fi
# openapi-generator's typescript-fetch client, and open enumerations assignable to string in both
# TypeScript outputs.
cp "$PINS/open_enums.ts" "$PINS/signing_middleware.ts" "$PINS/run_fetch_client.ts" "$WORK/ts/"
ln -s "$WORK/ogen/typescript-fetch-openapi" "$WORK/ts/fetch"
"${TSC[@]}" "$WORK/ts/fetch/index.ts" "$WORK/ts/open_enums.ts"
# The same client run: it vaults a card against the emulator, signing through its middleware
# (compiled to CommonJS, which node runs without a bundler).
"$NODE_BIN/tsc" --strict --target es2020 --module commonjs --moduleResolution node10 \
    --outDir "$WORK/ts/run" "$WORK/ts/run_fetch_client.ts"
node "$WORK/ts/run/run_fetch_client.js" "$OPENAPI" "$FIXTURES" "$BASE_URL" "$CLIENT_ID" \
    "$WORK/keys/merchant_private_key" "$WORK/keys/antom_public_key"
echo "interop: openapi-generator typescript-fetch: $(ls "$WORK/ts/fetch/apis" | grep -vc '^index') API classes and $(ls "$WORK/ts/fetch/models" | grep -vc '^index') models pass tsc --strict; open enumerations are strings in both TypeScript outputs"
ts_paths=$(sed -n '/^export interface paths {/,/^}/p' "$WORK/ts/openapi.d.ts" | grep -c '^    "/')
ts_operations=$(sed -n '/^export interface operations {/,/^}/p' "$WORK/ts/openapi.d.ts" | grep -c '^    [A-Za-z]*: {')
ts_webhooks=$(sed -n '/^export interface webhooks {/,/^}/p' "$WORK/ts/openapi.d.ts" | grep -c '^    [A-Za-z"-]*: {')
ts_schemas=$(sed -n '/^export interface components {/,/^}/p' "$WORK/ts/openapi.d.ts" \
    | sed -n '/^    schemas: {/,/^    };/p' | grep -c '^        [A-Za-z]*: ')
echo "interop: openapi-typescript: $ts_paths paths, $ts_operations operations (webhook included), $ts_webhooks webhook, $ts_schemas schemas; tsc --strict accepts $(cat "$WORK/ts/accepted") fixtures and rejects $rejected native-form request"
echo "interop: OK in $(($(date +%s) - installed)) s after the tools were ready"
