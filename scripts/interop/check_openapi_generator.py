"""The Python client of openapi-generator (generator `python`, no options), unedited, vaults a card
against our emulator.

Usage: check_openapi_generator.py <generated client dir> <openapi.json> <fixtures dir>
       <emulator base URL> <client id> <merchant private key file> <Antom public key file>

Signing goes through the client's transport hook: every request leaves the generated code through
`rest_client.pool_manager.request(method, url, body=..., headers=...)` with the exact body text,
so a wrapper around that pool manager signs those bytes (the document's `AntomSignature` security
scheme names the header, and no call passes a placeholder) and verifies Antom's signature over
the exact answer bytes before the generated code parses them.
"""

import importlib
import json
import pathlib
import sys
import time
import urllib.parse
import uuid

from interop_common import report, scalars_are_strings
from interop_signing import load_keys, signature_header, string_to_sign, verify


class SigningPoolManager:
    """Wraps a urllib3 pool manager: signs each request body as sent, verifies each answer."""

    def __init__(self, inner, client_id, private_key, antom_public_key):
        self.inner = inner
        self.client_id = client_id
        self.private_key = private_key
        self.antom_public_key = antom_public_key
        self.sent = []

    def request(self, method, url, body=None, headers=None, **kwargs):
        raw = body.encode() if isinstance(body, str) else (body or b"")
        path = urllib.parse.urlsplit(url).path
        headers = dict(headers or {})
        headers["Signature"] = signature_header(
            self.private_key, string_to_sign(path, self.client_id, headers["Request-Time"], raw)
        )
        self.sent.append(raw)
        response = self.inner.request(method, url, body=raw, headers=headers, **kwargs)
        verify(
            self.antom_public_key,
            response.headers["Signature"],
            string_to_sign(path, self.client_id, response.headers["Response-Time"], response.data),
        )
        return response


def main():
    client_dir, openapi_path, fixtures, base_url, client_id, merchant_key, antom_key = sys.argv[1:8]
    client_dir = pathlib.Path(client_dir)
    sys.path.insert(0, str(client_dir))
    package = importlib.import_module("openapi_client")
    document = json.loads(pathlib.Path(openapi_path).read_text())
    failures = []

    api_modules = sorted(p.stem for p in (client_dir / "openapi_client" / "api").glob("*_api.py"))
    vaulting = importlib.import_module("openapi_client.api.vaulting_api").VaultingApi
    methods = sorted(n for n in dir(vaulting) if not n.startswith("_") and not n.endswith(("_with_http_info", "_without_preload_content")) and n != "api_client")
    expected = sorted(
        "".join("_" + c.lower() if c.isupper() else c for c in op["post"]["operationId"])
        for op in document["paths"].values()
    )
    if methods != expected:
        failures.append(f"VaultingApi has {methods}, expected {expected}")
    print(f"interop: openapi-generator python: API modules {api_modules}; VaultingApi: {', '.join(methods)}")

    sandbox = [s for s in document["servers"] if "sandbox" in s["url"]]
    base_path = urllib.parse.urlparse(sandbox[0]["url"]).path
    private_key, antom_public_key = load_keys(merchant_key, antom_key)
    configuration = package.Configuration(host=base_url + base_path)
    api_client = package.ApiClient(configuration)
    signer = SigningPoolManager(api_client.rest_client.pool_manager, client_id, private_key, antom_public_key)
    api_client.rest_client.pool_manager = signer
    api = vaulting(api_client)

    def now():
        return str(int(time.time() * 1000))

    fixtures = pathlib.Path(fixtures)
    notify_url = "http://127.0.0.1:9/notify"
    session = json.loads((fixtures / "create_vaulting_session" / "request.json").read_text())
    session.update(vaultingRequestId=f"ogen-session-{uuid.uuid4().hex[:12]}", vaultingNotificationUrl=notify_url)
    created = api.create_vaulting_session(
        client_id, now(), package.CreateVaultingSessionRequest.from_dict(session)
    )
    # Open enumerations are plain strings: the model's value compares equal to "S".
    if not (isinstance(created.result.result_status, str) and created.result.result_status == "S"):
        failures.append(f"createVaultingSession: resultStatus {created.result.result_status!r} is not the string S")
    if not created.vaulting_session_id:
        failures.append("createVaultingSession: no vaultingSessionId")

    vault = json.loads((fixtures / "vault_payment_method" / "request.json").read_text())
    vault_id = f"ogen-vault-{uuid.uuid4().hex[:12]}"
    vault.update(vaultingRequestId=vault_id, vaultingNotificationUrl=notify_url)
    vaulted = api.vault_payment_method(client_id, now(), package.VaultPaymentMethodRequest.from_dict(vault))
    token = vaulted.payment_method_detail.card.card_token if vaulted.payment_method_detail else None
    if vaulted.result.result_status != "S" or not token:
        failures.append(f"vaultPaymentMethod: {vaulted.result.result_code}")

    inquired = api.inquire_vaulting(
        client_id, now(), package.InquireVaultingRequest.from_dict({"vaultingRequestId": vault_id})
    )
    if inquired.result.result_status != "S" or inquired.vaulting_status != "SUCCESS":
        failures.append(f"inquireVaulting: {inquired.result.result_code} {inquired.vaulting_status!r}")
    elif inquired.payment_method_detail.card.card_token != token:
        failures.append("inquireVaulting returned another card token")
    for body in signer.sent:
        if not scalars_are_strings(json.loads(body)):
            failures.append("a request body has a non-string scalar")
    print(
        f"interop: openapi-generator python client: session created, card vaulted and inquired "
        f"(token matches), {len(signer.sent)} signed requests, answers verified, resultStatus == 'S'"
    )
    return report(failures)


if __name__ == "__main__":
    sys.exit(main())
