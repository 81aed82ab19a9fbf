//! Decoding every response and notification type: whatever decodes encodes and decodes back to
//! the same value, the fast path (`wire::fast`) only ever returns what serde decodes, and no
//! response without a signature is ever `Ok` from the client.
#![no_main]

use std::sync::OnceLock;

use antom_vault::api::MerchantApi;
use antom_vault::wire::fast::{self, FastDecode};
use antom_vault::{
    Client, CreateVaultingSession, CreateVaultingSessionResponse, Environment, InquireVaulting,
    InquireVaultingResponse, VaultPaymentMethod, VaultPaymentMethodResponse,
    VaultingAcknowledgement, VaultingNotification,
};
use antom_vault_fuzz::{signer, unsignable};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn client() -> &'static Client {
    static CLIENT: OnceLock<Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        Client::builder()
            .client_id("SANDBOX_FUZZ")
            .environment(Environment::Sandbox)
            .base_url("http://127.0.0.1:9")
            .merchant_private_key(signer().clone())
            .antom_public_key(unsignable().clone())
            .build()
            .expect("client")
    })
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(body: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(body) {
        let encoded = serde_json::to_vec(&value).expect("a decoded value encodes");
        let again: T = serde_json::from_slice(&encoded).expect("and decodes again");
        assert_eq!(again, value, "decode -> encode -> decode is the identity");
    }
}

/// Whenever the fast path returns a message, serde decodes the same text to an equal one.
fn fast_agrees<T: FastDecode + DeserializeOwned + PartialEq + std::fmt::Debug>(body: &[u8]) {
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    if let Some(message) = fast::decode::<T>(text) {
        let reference =
            serde_json::from_str::<T>(text).expect("serde decodes what the fast path read");
        assert_eq!(message, reference, "the fast path and serde disagree");
    }
}

fn never_ok_unsigned<A: MerchantApi>(body: &[u8]) {
    let headers = reqwest::header::HeaderMap::new();
    assert!(
        client().verify_response::<A>(&headers, body).is_err(),
        "an unsigned response was accepted"
    );
}

fuzz_target!(|body: &[u8]| {
    round_trip::<CreateVaultingSessionResponse>(body);
    round_trip::<VaultPaymentMethodResponse>(body);
    round_trip::<InquireVaultingResponse>(body);
    round_trip::<VaultingNotification>(body);
    round_trip::<VaultingAcknowledgement>(body);
    fast_agrees::<CreateVaultingSessionResponse>(body);
    fast_agrees::<VaultPaymentMethodResponse>(body);
    fast_agrees::<InquireVaultingResponse>(body);
    fast_agrees::<VaultingNotification>(body);
    never_ok_unsigned::<CreateVaultingSession>(body);
    never_ok_unsigned::<VaultPaymentMethod>(body);
    never_ok_unsigned::<InquireVaulting>(body);
});
