"""Antom's message signature, as every interop client computes it: SHA256withRSA over
`POST <path>\\n<Client-Id>.<time>.<exact body bytes>`, base64 then percent-encoded, in
`Signature: algorithm=RSA256,keyVersion=1,signature=...`; and the key files the emulator writes."""

import base64
import pathlib
import urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

KEY_VERSION = "1"


def string_to_sign(path, client_id, time_value, body):
    return f"POST {path}\n{client_id}.{time_value}.".encode() + body


def signature_header(private_key, message):
    raw = private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    encoded = urllib.parse.quote(base64.b64encode(raw).decode(), safe="")
    return f"algorithm=RSA256,keyVersion={KEY_VERSION},signature={encoded}"


def signature_value(header):
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "signature":
            return base64.b64decode(urllib.parse.unquote(value))
    raise ValueError("no signature= in the Signature header")


def verify(public_key, header, message):
    public_key.verify(signature_value(header), message, padding.PKCS1v15(), hashes.SHA256())


def load_keys(merchant_key, antom_key):
    """(merchant private key, Antom public key) from the base64 DER files the emulator writes."""
    private_key = serialization.load_der_private_key(
        base64.b64decode(pathlib.Path(merchant_key).read_text().strip()), password=None
    )
    antom_public_key = serialization.load_der_public_key(
        base64.b64decode(pathlib.Path(antom_key).read_text().strip())
    )
    return private_key, antom_public_key
