//! Webhook verify-then-parse with a correctly signed fuzzed body: the signature passes, so the
//! only possible failure is a decode error; an accepted body is exactly what the parser reads.
#![no_main]

use antom_vault::webhook::{WebhookError, WebhookVerifier};
use antom_vault::{NotifyVaulting, VaultingNotification};
use antom_vault_fuzz::signer;
use libfuzzer_sys::fuzz_target;

const PATH: &str = "/hooks/antom?shop=1";
const CLIENT_ID: &str = "SANDBOX_FUZZ";
const TIME: &str = "2026-12-01T00:00:00Z";

fuzz_target!(|body: &[u8]| {
    let signature = signer()
        .sign_request(PATH, CLIENT_ID, TIME, body, Some(1))
        .expect("signs")
        .to_string();
    let headers = [
        ("client-id", CLIENT_ID),
        ("request-time", TIME),
        ("signature", signature.as_str()),
    ];
    let verifier =
        WebhookVerifier::new(signer().verifying_key().clone()).expect_client_id(CLIENT_ID);
    match verifier.verify::<NotifyVaulting, _>("POST", PATH, &headers[..], body) {
        Ok(notification) => {
            let direct: VaultingNotification =
                serde_json::from_slice(body).expect("the parser accepts what the verifier did");
            assert_eq!(
                serde_json::to_vec(&notification.notification).expect("encodes"),
                serde_json::to_vec(&direct).expect("encodes")
            );
        }
        Err(WebhookError::Decode { line, column, .. }) => {
            assert!(line >= 1 || column == 0, "located decode error");
            assert!(serde_json::from_slice::<VaultingNotification>(body).is_err());
        }
        Err(other) => panic!("a correctly signed body was refused: {other}"),
    }
});
