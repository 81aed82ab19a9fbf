//! Notifications signed by a test "Antom", and a second Antom key pair for rotations.

use std::sync::OnceLock;

use antom_vault::SigningKey;
use tempfile::TempDir;

use super::KeySet;

/// The merchant client id the notifications are for.
pub const MERCHANT_ID: &str = "5X00000000000000";

/// A successful notifyVaulting body for `vaulting_request_id`.
pub fn notification_body(vaulting_request_id: &str) -> Vec<u8> {
    format!(
        r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}},"vaultingRequestId":"{vaulting_request_id}","paymentMethodDetail":{{"paymentMethodType":"CARD"}}}}"#
    )
    .into_bytes()
}

/// The headers of a notification to `client_id`, signed by `signer` over `path` (path and query as
/// Antom called it).
pub fn signed_headers(
    signer: &SigningKey,
    path: &str,
    client_id: &str,
    time: &str,
    body: &[u8],
    key_version: Option<u32>,
) -> Vec<(String, String)> {
    let signature = signer
        .sign_request(path, client_id, time, body, key_version)
        .unwrap();
    vec![
        ("Content-Type".into(), "application/json".into()),
        ("client-id".into(), client_id.into()),
        ("request-time".into(), time.into()),
        ("signature".into(), signature.to_string()),
    ]
}

/// Antom's next key pair (the one a rotation moves to), generated once per test binary.
pub fn next_antom_keys() -> &'static KeySet {
    static NEXT: OnceLock<(TempDir, KeySet)> = OnceLock::new();
    &NEXT
        .get_or_init(|| {
            let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
            let set = KeySet::generate(root.path(), "antom-next");
            (root, set)
        })
        .1
}
