//! What a service needs from notification verification and from its Antom keys: the signed path
//! taken from the configured notification URL, the verified sender, several merchants on one
//! endpoint, and a key rotation walked through on a verifier and on a client.

mod support;

use antom_vault::error::{ConfigError, SignatureError};
use antom_vault::keys::AntomKeys;
use antom_vault::webhook::{WebhookError, WebhookVerifier};
use antom_vault::{Error, NotifyVaulting};
use support::keys;
use support::notify::{MERCHANT_ID, next_antom_keys, notification_body, signed_headers};
use support::server::{Server, Signing, builder_for, reply, request};

const PUBLIC_URL: &str = "https://shop.example/payments/antom/notify?shop=7";
const SIGNED_PATH: &str = "/payments/antom/notify?shop=7";
const TIME: &str = "1700000000000";

fn verify(
    verifier: &WebhookVerifier,
    received_path: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<
    antom_vault::webhook::VerifiedNotification<antom_vault::VaultingNotification>,
    WebhookError,
> {
    verifier.verify::<NotifyVaulting, _>("POST", received_path, headers, body)
}

/// A notification to `client_id` signed over [`SIGNED_PATH`] by `signer`.
fn notification(
    signer: &antom_vault::SigningKey,
    client_id: &str,
) -> (Vec<(String, String)>, Vec<u8>) {
    let body = notification_body("visa-1796334024466-1");
    let headers = signed_headers(signer, SIGNED_PATH, client_id, TIME, &body, Some(1));
    (headers, body)
}

#[test]
fn the_configured_notification_url_is_signed_whatever_path_the_request_reports() {
    let (headers, body) = notification(&keys().antom.signing_key(), MERCHANT_ID);
    let verifier = WebhookVerifier::new(keys().antom.verifying_key())
        .notification_url(PUBLIC_URL)
        .unwrap();
    for received in ["/antom/notify", "/notify", "/", SIGNED_PATH] {
        let verified = verify(&verifier, received, &headers, &body).unwrap();
        assert_eq!(verified.signed_path, SIGNED_PATH);
    }
    // A path alone configures the same.
    let by_path = WebhookVerifier::new(keys().antom.verifying_key())
        .notification_url(SIGNED_PATH)
        .unwrap();
    verify(&by_path, "/notify", &headers, &body).unwrap();
    // Several URLs: the one that Antom signed verifies.
    let several = WebhookVerifier::new(keys().antom.verifying_key())
        .notification_url("https://shop.example/other")
        .unwrap()
        .notification_url(PUBLIC_URL)
        .unwrap();
    assert_eq!(
        verify(&several, "/other", &headers, &body)
            .unwrap()
            .signed_path,
        SIGNED_PATH
    );
}

#[test]
fn a_failed_signature_at_another_path_names_both_paths_without_queries() {
    let (headers, body) = notification(&keys().antom.signing_key(), MERCHANT_ID);
    let wrong_url = WebhookVerifier::new(keys().antom.verifying_key())
        .notification_url("https://shop.example/antom/notify?secret=s3cr3t")
        .unwrap();
    let error = verify(&wrong_url, "/notify?secret=s3cr3t", &headers, &body).unwrap_err();
    assert_eq!(
        error,
        WebhookError::SignatureAtOtherPath {
            configured: "/antom/notify?…".into(),
            received: "/notify?…".into(),
        }
    );
    let text = error.to_string();
    assert!(
        text.contains("/antom/notify") && text.contains("/notify"),
        "{text}"
    );
    assert!(!text.contains("s3cr3t"), "{text}");
    // At the configured path itself, a failure is a plain mismatch.
    assert_eq!(
        verify(&wrong_url, "/antom/notify?secret=s3cr3t", &headers, &body).unwrap_err(),
        WebhookError::Signature(SignatureError::Mismatch)
    );
    // Without a configured URL nothing is known about the path.
    let unconfigured = WebhookVerifier::new(keys().antom.verifying_key());
    assert_eq!(
        verify(&unconfigured, "/notify", &headers, &body).unwrap_err(),
        WebhookError::Signature(SignatureError::Mismatch)
    );
}

#[test]
fn unusable_notification_urls_are_refused_with_the_rule() {
    for (url, rule) in [
        ("", "it must be non-empty visible ASCII, without spaces"),
        (
            "https://shop.example/a b",
            "it must be non-empty visible ASCII, without spaces",
        ),
        (
            "ftp://shop.example/notify",
            "it must be an http(s) URL or a path starting with `/`",
        ),
        (
            "shop.example/notify",
            "it must be an http(s) URL or a path starting with `/`",
        ),
        ("https:///notify", "it has no host"),
        (
            "https://user:pw@shop.example/notify",
            "it must not carry credentials",
        ),
    ] {
        assert_eq!(
            WebhookVerifier::new(keys().antom.verifying_key())
                .notification_url(url)
                .unwrap_err(),
            ConfigError::InvalidNotificationUrl(rule),
            "{url}"
        );
    }
    let (headers, body) = {
        let body = notification_body("vr-1");
        let path = "/?x=1";
        (
            signed_headers(
                &keys().antom.signing_key(),
                path,
                MERCHANT_ID,
                TIME,
                &body,
                None,
            ),
            body,
        )
    };
    // A URL without a path signs `/`, and a fragment is never sent.
    let bare = WebhookVerifier::new(keys().antom.verifying_key())
        .notification_url("https://shop.example?x=1#part")
        .unwrap();
    assert_eq!(
        verify(&bare, "/n", &headers, &body).unwrap().signed_path,
        "/?x=1"
    );
}

#[test]
fn verification_returns_the_client_id_and_time_it_verified() {
    let (headers, body) = notification(&keys().antom.signing_key(), MERCHANT_ID);
    let verified = verify(
        &WebhookVerifier::new(keys().antom.verifying_key()),
        SIGNED_PATH,
        &headers,
        &body,
    )
    .unwrap();
    assert_eq!(verified.client_id, MERCHANT_ID);
    assert_eq!(verified.request_time, TIME);
    assert_eq!(verified.key_version, Some(1));
    assert_eq!(verified.vaulting_request_id, "visa-1796334024466-1");
    assert_eq!(
        verified.into_notification().vaulting_request_id,
        "visa-1796334024466-1"
    );
}

#[test]
fn one_verifier_serves_several_merchants_each_with_its_own_keys() {
    const SHOP_B: &str = "5X00000000000002";
    let next = next_antom_keys();
    let verifier = WebhookVerifier::for_merchants()
        .merchant(MERCHANT_ID, keys().antom.verifying_key())
        .merchant(SHOP_B, next.verifying_key());
    let (a_headers, a_body) = notification(&keys().antom.signing_key(), MERCHANT_ID);
    assert_eq!(
        verify(&verifier, SIGNED_PATH, &a_headers, &a_body)
            .unwrap()
            .client_id,
        MERCHANT_ID
    );
    let (b_headers, b_body) = notification(&next.signing_key(), SHOP_B);
    assert_eq!(
        verify(&verifier, SIGNED_PATH, &b_headers, &b_body)
            .unwrap()
            .client_id,
        SHOP_B
    );
    // Shop B's notification signed with shop A's key: refused.
    let (crossed, crossed_body) = notification(&keys().antom.signing_key(), SHOP_B);
    assert_eq!(
        verify(&verifier, SIGNED_PATH, &crossed, &crossed_body).unwrap_err(),
        WebhookError::Signature(SignatureError::Mismatch)
    );
    // A client id the verifier does not serve.
    let (other, other_body) = notification(&keys().antom.signing_key(), "5X00000000000009");
    assert_eq!(
        verify(&verifier, SIGNED_PATH, &other, &other_body).unwrap_err(),
        WebhookError::ClientIdMismatch
    );
}

#[test]
fn a_verifier_walks_an_antom_key_rotation_without_a_restart() {
    let old = &keys().antom;
    let new = next_antom_keys();
    let set = AntomKeys::new(old.verifying_key());
    let verifier = WebhookVerifier::new(set.clone()).expect_client_id(MERCHANT_ID);
    let (by_old, old_body) = notification(&old.signing_key(), MERCHANT_ID);
    let (by_new, new_body) = notification(&new.signing_key(), MERCHANT_ID);
    let mismatch = WebhookError::Signature(SignatureError::Mismatch);

    // 1. Old key only.
    verify(&verifier, SIGNED_PATH, &by_old, &old_body).unwrap();
    assert_eq!(
        verify(&verifier, SIGNED_PATH, &by_new, &new_body).unwrap_err(),
        mismatch
    );
    // 2. Both, added through a clone of the set while the verifier is in use.
    set.add(new.verifying_key());
    verify(&verifier, SIGNED_PATH, &by_old, &old_body).unwrap();
    verify(&verifier, SIGNED_PATH, &by_new, &new_body).unwrap();
    // 3. New key only: the old one is refused.
    assert!(set.remove(&old.verifying_key()));
    verify(&verifier, SIGNED_PATH, &by_new, &new_body).unwrap();
    assert_eq!(
        verify(&verifier, SIGNED_PATH, &by_old, &old_body).unwrap_err(),
        mismatch
    );
}

#[test]
fn a_key_version_in_the_header_selects_the_keys_labelled_with_it() {
    let old = &keys().antom;
    let new = next_antom_keys();
    let set = AntomKeys::empty();
    set.add_version(1, old.verifying_key());
    set.add_version(2, new.verifying_key());
    let verifier = WebhookVerifier::new(set.clone());
    let body = notification_body("vr-versions");
    let signed = |key: &antom_vault::SigningKey, version| {
        signed_headers(key, SIGNED_PATH, MERCHANT_ID, TIME, &body, version)
    };
    verify(
        &verifier,
        SIGNED_PATH,
        &signed(&new.signing_key(), Some(2)),
        &body,
    )
    .unwrap();
    verify(
        &verifier,
        SIGNED_PATH,
        &signed(&old.signing_key(), Some(1)),
        &body,
    )
    .unwrap();
    // The new key's signature announced as version 1 is checked with version 1's key only.
    assert_eq!(
        verify(
            &verifier,
            SIGNED_PATH,
            &signed(&new.signing_key(), Some(1)),
            &body
        )
        .unwrap_err(),
        WebhookError::Signature(SignatureError::Mismatch)
    );
    // No version, or one no key is labelled with: every key is tried.
    verify(
        &verifier,
        SIGNED_PATH,
        &signed(&new.signing_key(), None),
        &body,
    )
    .unwrap();
    verify(
        &verifier,
        SIGNED_PATH,
        &signed(&new.signing_key(), Some(9)),
        &body,
    )
    .unwrap();
    assert_eq!(set.len(), 2);
}

#[tokio::test]
async fn a_client_walks_an_antom_key_rotation_without_a_restart() {
    let old = keys().antom.verifying_key();
    let new = next_antom_keys().verifying_key();
    let set = AntomKeys::new(old.clone());
    let server = Server::start(vec![
        reply("S", "SUCCESS"),
        reply("S", "SUCCESS").signing(Signing::NextAntom),
        reply("S", "SUCCESS"),
        reply("S", "SUCCESS").signing(Signing::NextAntom),
        reply("S", "SUCCESS").signing(Signing::NextAntom),
        reply("S", "SUCCESS"),
    ])
    .await;
    let client = builder_for(&server)
        .antom_public_keys(set.clone())
        .retry_policy(antom_vault::retry::RetryPolicy::none())
        .build()
        .unwrap();
    let request = request();
    let call = || client.execute::<support::api::SessionApi>(&request);
    let refused = |result: Result<_, Error>| matches!(result, Err(Error::ResponseSignature { .. }));
    // 1. Old key only.
    call().await.unwrap();
    assert!(refused(call().await), "the new key is not trusted yet");
    // 2. Both, through the client's own handle of the shared set.
    client.antom_keys().add(new.clone());
    call().await.unwrap();
    call().await.unwrap();
    // 3. New key only.
    set.remove(&old);
    call().await.unwrap();
    assert!(refused(call().await), "the old key is no longer trusted");
    // The verifier the client hands out follows the same set.
    assert_eq!(client.antom_keys().keys(), vec![new]);
}

#[test]
fn a_client_refuses_an_empty_key_set_and_one_holding_the_merchant_key() {
    let empty = antom_vault::Client::builder()
        .client_id(MERCHANT_ID)
        .environment(antom_vault::Environment::Production)
        .base_url("http://127.0.0.1:9")
        .merchant_private_key(keys().merchant.signing_key())
        .antom_public_keys(AntomKeys::empty());
    assert!(matches!(
        empty.build(),
        Err(Error::Config(ConfigError::Missing("Antom public key")))
    ));
    let with_merchant = AntomKeys::new(keys().antom.verifying_key());
    with_merchant.add(keys().merchant.verifying_key());
    let mixed = antom_vault::Client::builder()
        .client_id(MERCHANT_ID)
        .environment(antom_vault::Environment::Production)
        .base_url("http://127.0.0.1:9")
        .merchant_private_key(keys().merchant.signing_key())
        .antom_public_keys(with_merchant);
    assert!(matches!(
        mixed.build(),
        Err(Error::Config(ConfigError::AntomKeyIsMerchantKey))
    ));
}
