"""Property-based conformance run of the emulator against generated/openapi.json.

Run by scripts/conformance.sh, which installs the pinned tools, starts the emulator and passes its
keys. schemathesis generates the requests from the exported OpenAPI document; this harness signs
every one with the merchant key (the emulator refuses unsigned calls before reading the body),
sends exactly the signed bytes, then checks the answer.

Positive mode (schema-valid bodies): schemathesis's own response checks pass (status code,
content type, response headers, response schema, no 5xx) and every answer is correctly signed.

Negative mode (schema-violating bodies): every answer is never a 5xx, is signed, conforms to the
response schema, and is F (never S) whenever the body still violates the request schema after
its native JSON booleans and numbers are turned into strings. That one exception is the wire
rule's other form: Antom accepts `true` or `20` where the spec says boolean or integer, while the
exported request schema may ask for strings.

Antom answers bad input with HTTP 200 and an F result, so the schemathesis checks that assume a
4xx for bad input are not run: negative_data_rejection (expects 4xx for invalid bodies),
missing_required_header (expects 4xx without a required header; the harness always sends the
signing headers) and ignored_auth (expects 401/403). unsupported_method is replaced by the
declared-answers check below, because the harness's generated requests are all POST.

Declared answers: every answer the emulator gives outside the 200 flow is declared in the
operation: another method gets 405 with `Allow: POST` (declared "405"), a body over the limit gets
413 (declared "413"), and an injected gateway failure (HTTP 500 and 502, through the emulator's
control API) is declared by "5XX".

Deterministic: Hypothesis runs derandomized (a fixed seed derived from each test), with no example
database.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
import urllib.parse

import jsonschema_rs
import requests
import schemathesis
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# Where notifications go: a closed local port, so no generated URL is ever contacted.
NOTIFY_SINK = "http://127.0.0.1:9/notify"


class Keys:
    def __init__(self, merchant_private: str, antom_public: str):
        self.merchant = serialization.load_der_private_key(
            base64.b64decode(merchant_private.strip()), password=None
        )
        self.antom = serialization.load_der_public_key(base64.b64decode(antom_public.strip()))

    def sign(self, path: str, client_id: str, when: str, body: bytes) -> str:
        message = f"POST {path}\n{client_id}.{when}.".encode() + body
        raw = self.merchant.sign(message, padding.PKCS1v15(), hashes.SHA256())
        encoded = urllib.parse.quote(base64.b64encode(raw).decode(), safe="")
        return f"algorithm=RSA256,keyVersion=1,signature={encoded}"

    def verifies(self, path: str, response: requests.Response) -> bool:
        header = response.headers.get("signature")
        when = response.headers.get("response-time")
        client_id = response.headers.get("client-id")
        if not (header and when and client_id):
            return False
        fields = dict(part.strip().split("=", 1) for part in header.split(",") if "=" in part)
        try:
            raw = base64.b64decode(urllib.parse.unquote(fields.get("signature", "")))
            message = f"POST {path}\n{client_id}.{when}.".encode() + response.content
            self.antom.verify(raw, message, padding.PKCS1v15(), hashes.SHA256())
            return True
        except (InvalidSignature, ValueError):
            return False


def inline_refs(node, components):
    """The request schema with every `#/components/schemas/...` reference inlined."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            target = components[ref.rsplit("/", 1)[1]]
            merged = {k: v for k, v in node.items() if k != "$ref"}
            merged.update(inline_refs(target, components))
            return merged
        return {k: inline_refs(v, components) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_refs(v, components) for v in node]
    return node


def stringify_natives(value):
    """The wire rule's other form undone: native booleans and numbers become strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, dict):
        return {k: stringify_natives(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify_natives(v) for v in value]
    return value


def with_local_notifications(body):
    """Points a valid notification URL at a closed local port (keeps invalid ones as they are)."""
    if isinstance(body, dict):
        url = body.get("vaultingNotificationUrl")
        if isinstance(url, str) and len(url) <= 2048:
            body = dict(body, vaultingNotificationUrl=NOTIFY_SINK)
    return body


class Failures:
    def __init__(self):
        self.items: list[str] = []
        self.counts: dict[str, int] = {}

    def add(self, where: str, what: str):
        if len(self.items) < 20:
            self.items.append(f"{where}: {what}")
        self.counts[where] = self.counts.get(where, 0) + 1


def make_probe(args, keys, session, operation, path, mode, validator, failures, totals, violating):
    """One Hypothesis test: generated requests of one operation in one mode."""
    where = f"{mode.value} {path}"
    totals[where] = 0
    # The signing headers are replaced before sending; fixed values save generating them.
    fixed = {
        "Client-Id": "-",
        "Request-Time": "0",
        "Signature": "algorithm=RSA256,keyVersion=1,signature=-",
    }

    @settings(
        max_examples=args.examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, headers=fixed))
    def probe(case):
        totals[where] += 1
        body = getattr(case, "body", None)
        if body is None or isinstance(body, schemathesis.core.NotSet):
            payload = b""
            body = None
        elif isinstance(body, (bytes, bytearray)):
            payload = bytes(body)
            body = None
        else:
            body = with_local_notifications(body)
            payload = json.dumps(body, ensure_ascii=False).encode()
        when = str(int(time.time() * 1000))
        headers = {
            "Content-Type": "application/json; charset=UTF-8",
            "Client-Id": args.client_id,
            "Request-Time": when,
            "Signature": keys.sign(path, args.client_id, when, payload),
        }
        response = session.post(args.base_url + path, data=payload, headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as error:  # schemathesis raises its own failure groups
            failures.add(where, f"schemathesis check: {str(error).splitlines()[0]}")
        if not keys.verifies(path, response):
            failures.add(where, f"answer not correctly signed (HTTP {response.status_code})")
            return
        status = (response.json().get("result") or {}).get("resultStatus")
        if mode == GenerationMode.POSITIVE:
            return
        still_violating = body is None or not validator.is_valid(stringify_natives(body))
        if still_violating:
            violating[where] = violating.get(where, 0) + 1
        if still_violating and status != "F":
            shown = json.dumps(body)[:200]
            failures.add(where, f"schema-violating body answered {status}: {shown}")

    return probe


# One byte over the emulator's body limit (mock/src/routes.rs MAX_BODY_BYTES).
OVERSIZED_BODY = b" " * ((1 << 20) + 1)


def declared(responses: dict, status: int) -> bool:
    """Whether an operation's `responses` declare `status` (exactly, or by its `NXX` range)."""
    return str(status) in responses or f"{str(status)[0]}XX" in responses


def signed_post(args, keys, session, path: str, body: bytes) -> requests.Response:
    """POSTs `body` to `path`, signed with the merchant key."""
    when = str(int(time.time() * 1000))
    headers = {
        "Content-Type": "application/json; charset=UTF-8",
        "Client-Id": args.client_id,
        "Request-Time": when,
        "Signature": keys.sign(path, args.client_id, when, body),
    }
    return session.post(args.base_url + path, data=body, headers=headers)


def check_declared_answers(args, keys, session, document, base, failures) -> int:
    """405, 413 and injected 5xx answers happen as declared; returns the number of answers seen."""
    seen = 0
    for path, item in sorted(document["paths"].items()):
        operation = item["post"]
        responses = operation["responses"]
        where = f"declared {base + path}"
        wrong_method = session.get(args.base_url + base + path)
        seen += 1
        allow = wrong_method.headers.get("allow", "")
        if wrong_method.status_code != 405 or "POST" not in allow:
            failures.add(where, f"GET answered {wrong_method.status_code}, Allow {allow!r}")
        if not declared(responses, wrong_method.status_code):
            failures.add(where, f"HTTP {wrong_method.status_code} is not declared")
        too_large = signed_post(args, keys, session, base + path, OVERSIZED_BODY)
        seen += 1
        if too_large.status_code != 413:
            failures.add(where, f"an oversized body answered {too_large.status_code}")
        if not declared(responses, too_large.status_code):
            failures.add(where, f"HTTP {too_large.status_code} is not declared")
        if operation["operationId"] != "inquireVaulting":
            continue
        for kind in ("http_500", "http_502"):
            rule = {"kind": kind, "api": operation["operationId"]}
            session.post(args.base_url + "/__emulator/faults", json=rule).raise_for_status()
            body = json.dumps({"vaultingRequestId": f"conformance-{kind}"}).encode()
            failed = signed_post(args, keys, session, base + path, body)
            seen += 1
            if failed.status_code < 500:
                failures.add(where, f"injected {kind} answered {failed.status_code}")
            if not declared(responses, failed.status_code):
                failures.add(where, f"HTTP {failed.status_code} is not declared")
    return seen


def run(args) -> int:
    with open(args.merchant_private_key) as f, open(args.antom_public_key) as g:
        keys = Keys(f.read(), g.read())
    with open(args.openapi) as f:
        document = json.load(f)
    components = document["components"]["schemas"]
    schema = schemathesis.openapi.from_path(args.openapi)
    session = requests.Session()
    failures = Failures()
    totals: dict[str, int] = {}
    violating: dict[str, int] = {}
    seconds: dict[str, float] = {}

    # Paths are relative to the servers, whose URLs carry the API base; the emulator's default
    # client id is a production one, so the first (production) server's base applies.
    base = urllib.parse.urlparse(document["servers"][0]["url"]).path
    for path, item in sorted(document["paths"].items()):
        request_schema = inline_refs(
            item["post"]["requestBody"]["content"]["application/json"]["schema"], components
        )
        validator = jsonschema_rs.validator_for(request_schema)
        operation = schema[path]["POST"]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            started = time.monotonic()
            make_probe(
                args, keys, session, operation, base + path, mode, validator, failures, totals,
                violating,
            )()
            seconds[f"{mode.value} {base + path}"] = time.monotonic() - started

    answers = check_declared_answers(args, keys, session, document, base, failures)
    print(f"  declared answers: {answers} answers outside the 200 flow (405, 413, injected 5xx)")
    for where, n in sorted(totals.items()):
        extra = f", {violating.get(where, 0)} still violating" if where in violating else ""
        print(
            f"  {where}: {n} examples{extra}, {failures.counts.get(where, 0)} failures,"
            f" {seconds.get(where, 0):.1f} s"
        )
    if failures.items:
        print("conformance failures (first 20):")
        for line in failures.items:
            print(f"  {line}")
        return 1
    print("conformance: every answer conformed and was signed")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openapi", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--merchant-private-key", required=True)
    parser.add_argument("--antom-public-key", required=True)
    parser.add_argument("--examples", type=int, default=200)
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
