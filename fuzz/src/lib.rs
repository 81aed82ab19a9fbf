//! Shared pieces of the fuzz targets: the test keys, the real spec files, and a way to split one
//! fuzz input into several fields.
#![forbid(unsafe_code)]

use std::sync::OnceLock;

use antom_vault::{SigningKey, VerifyingKey};

/// The fuzzing key pair's private half (see `fuzz/keys/README.md`).
pub fn signer() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    KEY.get_or_init(|| {
        SigningKey::parse(include_str!("../keys/signer_pkcs8.pem")).expect("fuzz signer key")
    })
}

/// A public key nobody can sign for: no input may verify against it.
pub fn unsignable() -> &'static VerifyingKey {
    static KEY: OnceLock<VerifyingKey> = OnceLock::new();
    KEY.get_or_init(|| {
        VerifyingKey::parse(include_str!("../keys/other_spki.pem")).expect("fuzz other key")
    })
}

/// The real spec files, by file name, as the generator reads them.
pub const SPEC_FILES: &[(&str, &str)] = &[
    (
        "create_vaulting_session.yaml",
        include_str!("../../spec/create_vaulting_session.yaml"),
    ),
    ("enums.yaml", include_str!("../../spec/enums.yaml")),
    (
        "gateway_codes.yaml",
        include_str!("../../spec/gateway_codes.yaml"),
    ),
    (
        "inquire_vaulting.yaml",
        include_str!("../../spec/inquire_vaulting.yaml"),
    ),
    (
        "notify_vaulting.yaml",
        include_str!("../../spec/notify_vaulting.yaml"),
    ),
    ("objects.yaml", include_str!("../../spec/objects.yaml")),
    (
        "vault_payment_method.yaml",
        include_str!("../../spec/vault_payment_method.yaml"),
    ),
];

/// The spec files with the one at `index % len` replaced by `text`.
pub fn spec_with(index: u8, text: &str) -> Vec<antom_vault_codegen::SourceFile> {
    let replaced = usize::from(index) % SPEC_FILES.len();
    SPEC_FILES
        .iter()
        .enumerate()
        .map(|(i, (name, original))| antom_vault_codegen::SourceFile {
            name: (*name).to_owned(),
            text: if i == replaced {
                text.to_owned()
            } else {
                (*original).to_owned()
            },
        })
        .collect()
}

/// Splits `data` at `0xFF` bytes into at most `n` fields (missing ones are empty). A byte that
/// never appears in UTF-8 keeps the text fields readable to the fuzzer.
pub fn fields(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(n, |&b| b == 0xFF).collect();
    out.resize(n, &[]);
    out
}

/// A field as text, if it is UTF-8.
pub fn text(field: &[u8]) -> Option<&str> {
    std::str::from_utf8(field).ok()
}

/// The signed parts of a message taken from one fuzz input: path, client id, time and
/// `Signature` header as text, then `extra` more raw fields.
pub struct Message<'a> {
    /// The request path (and query).
    pub path: &'a str,
    /// The `client-id` header.
    pub client_id: &'a str,
    /// The time header.
    pub time: &'a str,
    /// The `Signature` header.
    pub signature: &'a str,
    /// The remaining raw fields.
    pub rest: Vec<&'a [u8]>,
}

/// Splits `data` into a [`Message`] with `extra` raw fields; `None` when a text part is not UTF-8.
pub fn message(data: &[u8], extra: usize) -> Option<Message<'_>> {
    let parts = fields(data, 4 + extra);
    Some(Message {
        path: text(parts[0])?,
        client_id: text(parts[1])?,
        time: text(parts[2])?,
        signature: text(parts[3])?,
        rest: parts[4..].to_vec(),
    })
}
