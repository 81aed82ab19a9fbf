//! The client against a local HTTP server that checks request signatures and signs its responses
//! like Antom (or deliberately not). Runs on both crypto backends.

mod support;

use std::time::Duration;

use antom_vault::api::{ResultAction, ResultStatus};
use antom_vault::error::{
    ConfigError, Error, ResponseSignatureError, SignatureError, TransportFailure,
};
use antom_vault::retry::RetryPolicy;
use antom_vault::{Client, ClientBuilder, Environment, Region};
use support::api::{
    SessionApi, SessionCode, TestCode, TestRequest, VaultApi, session_request, vault_request,
};
use support::keys;
use support::server::*;

#[tokio::test]
async fn signed_success_is_ok_and_the_request_is_signed_as_documented() {
    let server = Server::start(vec![reply("S", "SUCCESS")]).await;
    let response = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap();
    assert_eq!(response.result.result_code, "SUCCESS");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    let first = &seen[0];
    assert!(
        first.signature_valid,
        "the server could not verify the request signature"
    );
    assert_eq!(
        first.path,
        "/ams/sandbox/api/v1/vaults/createVaultingSession"
    );
    assert_eq!(
        first.header("content-type"),
        "application/json; charset=UTF-8"
    );
    assert_eq!(first.header("client-id"), CLIENT_ID);
    assert_eq!(first.header("request-time"), "1700000000000");
    assert!(
        first
            .header("signature")
            .starts_with("algorithm=RSA256,keyVersion=1,signature=")
    );
    // The body is the single serialization of the request, UTF-8 and unescaped.
    assert_eq!(first.body, serde_json::to_vec(&request()).unwrap());
    assert!(
        String::from_utf8(first.body.clone())
            .unwrap()
            .contains("张伟")
    );
}

/// A definite answer (a verified F) is the resolver's answer too: it never looks the id up, even
/// with look-ups allowed and an inquiry that would answer.
#[tokio::test(start_paused = true)]
async fn a_resolver_returns_a_definite_failure_without_a_look_up() {
    use antom_vault::client::ResolvePolicy;
    let server = Server::start(vec![
        reply("F", "PARAM_ILLEGAL"),
        reply("S", "SUCCESS"),
        reply("S", "SUCCESS"),
    ])
    .await;
    let client = client_for(&server);
    assert_eq!(client.resolver().policy(), &ResolvePolicy::default());
    let policy = ResolvePolicy::default()
        .with_max_lookups(3)
        .with_jitter(false);
    let resolver = client.resolver().with_policy(policy.clone());
    assert_eq!(resolver.policy(), &policy);
    let error = resolver
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Failed(_)), "{error:?}");
    assert_eq!(server.seen().len(), 1, "no look-up after a definite answer");
}

#[tokio::test]
async fn signed_failure_is_an_error_with_the_typed_code() {
    let server = Server::start(vec![reply("F", "PARAM_ILLEGAL")]).await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    let Error::Failed(failure) = &error else {
        panic!("expected Failed, got {error:?}");
    };
    assert_eq!(failure.code(), "PARAM_ILLEGAL");
    assert_eq!(failure.status(), &ResultStatus::Failure);
    assert_eq!(failure.action(), ResultAction::FixRequest);
    assert_eq!(failure.message(), "m-PARAM_ILLEGAL");
    assert!(failure.is_verified());
    assert_eq!(
        error.result_code::<SessionApi>(),
        Some(SessionCode(TestCode::ParamIllegal))
    );
    assert_eq!(server.seen().len(), 1, "an F result is never retried");
}

#[tokio::test]
async fn unknown_then_success_resends_the_same_bytes_with_fresh_times() {
    let server = Server::start(vec![
        reply("U", "UNKNOWN_EXCEPTION"),
        reply("U", "REQUEST_TRAFFIC_EXCEED_LIMIT"),
        reply("S", "SUCCESS"),
    ])
    .await;
    let response = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap();
    assert_eq!(response.result.result_code, "SUCCESS");

    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    for attempt in &seen {
        assert!(attempt.signature_valid);
        assert_eq!(attempt.vaulting_request_id(), "vr-001");
        assert_eq!(
            attempt.body, seen[0].body,
            "every attempt sends identical bytes"
        );
    }
    let times: Vec<&str> = seen.iter().map(|s| s.header("request-time")).collect();
    assert_eq!(times, ["1700000000000", "1700000000001", "1700000000002"]);
    let signatures: std::collections::HashSet<&str> =
        seen.iter().map(|s| s.header("signature")).collect();
    assert_eq!(signatures.len(), 3, "each attempt is re-signed");
}

#[tokio::test]
async fn unknown_until_attempts_run_out_is_undetermined() {
    let server = Server::start(vec![reply("U", "UNKNOWN_EXCEPTION"); 5]).await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    let Error::Undetermined { failure, attempts } = &error else {
        panic!("expected Undetermined, got {error:?}");
    };
    assert_eq!(*attempts, 3);
    assert_eq!(failure.code(), "UNKNOWN_EXCEPTION");
    assert!(error.is_outcome_unknown());
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = Server::start(vec![reply("U", "UNKNOWN_EXCEPTION"), reply("S", "SUCCESS")]).await;
    let client = builder_for(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.execute::<SessionApi>(&request()).await.unwrap_err();
    assert!(
        matches!(error, Error::Undetermined { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn unknown_with_new_id_rule_is_never_resent() {
    let server = Server::start(vec![reply("U", "UNKNOWN_EXCEPTION"), reply("S", "SUCCESS")]).await;
    let error = client_for(&server)
        .execute::<VaultApi>(&request())
        .await
        .unwrap_err();
    let Error::NewIdRequired(failure) = &error else {
        panic!("expected NewIdRequired, got {error:?}");
    };
    assert_eq!(failure.action(), ResultAction::RetryNewId);
    assert!(error.to_string().contains("new vaultingRequestId"));
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn verification_in_process_is_ok_with_the_redirect_url() {
    let body = r#"{"result":{"resultCode":"VERIFICATION_IN_PROCESS","resultStatus":"U","resultMessage":"3ds"},"normalUrl":"https://3ds.example/x?y=1"}"#;
    let server = Server::start(vec![reply("U", "VERIFICATION_IN_PROCESS").body(body)]).await;
    let response = client_for(&server)
        .execute::<VaultApi>(&request())
        .await
        .unwrap();
    assert_eq!(
        response.normal_url.as_deref(),
        Some("https://3ds.example/x?y=1")
    );
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn timeout_is_outcome_unknown() {
    let server = Server::start(vec![reply("S", "SUCCESS").delay(Duration::from_secs(5))]).await;
    let client = builder_for(&server)
        .request_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.execute::<SessionApi>(&request()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown {
                failure: TransportFailure::Timeout,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_outcome_unknown());
}

#[tokio::test]
async fn timeout_on_an_idempotent_api_is_resent_with_the_same_id() {
    let server = Server::start(vec![
        reply("S", "SUCCESS").delay(Duration::from_secs(5)),
        reply("S", "SUCCESS"),
    ])
    .await;
    let client = builder_for(&server)
        .request_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    client.execute::<SessionApi>(&request()).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body, seen[1].body);
}

#[tokio::test]
async fn http_500_is_outcome_unknown_and_retried_only_where_idempotent() {
    let server = Server::start(vec![reply("S", "SUCCESS").http_status(500)]).await;
    let error = client_for(&server)
        .execute::<VaultApi>(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown {
                failure: TransportFailure::HttpStatus(500),
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        server.seen().len(),
        1,
        "vaultPaymentMethod-like APIs are not resent"
    );

    let server = Server::start(vec![
        reply("S", "SUCCESS").http_status(502),
        reply("S", "SUCCESS"),
    ])
    .await;
    client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap();
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn connection_refused_is_outcome_unknown() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder()
        .client_id(CLIENT_ID)
        .environment(Environment::Sandbox)
        .base_url(format!("http://{addr}"))
        .merchant_private_key(keys().merchant.signing_key())
        .antom_public_key(keys().antom.verifying_key())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.execute::<VaultApi>(&request()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::OutcomeUnknown {
                failure: TransportFailure::Connect,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn unsigned_success_is_rejected() {
    let server = Server::start(vec![reply("S", "SUCCESS").signing(Signing::Unsigned)]).await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseSignature {
                reason: ResponseSignatureError::Unsigned,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn unsigned_failure_is_an_unverified_error() {
    let server = Server::start(vec![
        reply("F", "INVALID_SIGNATURE").signing(Signing::Unsigned),
    ])
    .await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    let Error::Unverified(failure) = &error else {
        panic!("expected Unverified, got {error:?}");
    };
    assert_eq!(failure.code(), "INVALID_SIGNATURE");
    assert!(!failure.is_verified());
    assert!(error.to_string().contains("unverified"));
}

#[tokio::test]
async fn unsigned_non_json_is_a_signature_error() {
    let server = Server::start(vec![
        reply("S", "SUCCESS")
            .body("<html>gateway</html>")
            .signing(Signing::Unsigned),
    ])
    .await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseSignature { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn bad_signatures_are_rejected() {
    for (status, code) in [("S", "SUCCESS"), ("F", "PARAM_ILLEGAL")] {
        let server = Server::start(vec![reply(status, code).signing(Signing::WrongKey)]).await;
        let error = client_for(&server)
            .execute::<SessionApi>(&request())
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::ResponseSignature {
                    reason: ResponseSignatureError::Invalid(SignatureError::Mismatch),
                    ..
                }
            ),
            "{status}: {error:?}"
        );
    }
    let server = Server::start(vec![reply("S", "SUCCESS").signing(Signing::HalfSigned)]).await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseSignature {
                reason: ResponseSignatureError::Incomplete {
                    missing: "response-time"
                },
                ..
            }
        ),
        "{error:?}"
    );
    let server = Server::start(vec![reply("S", "SUCCESS").signing(Signing::OtherClientId)]).await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseSignature {
                reason: ResponseSignatureError::ClientIdMismatch,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn signed_but_undecodable_is_a_decode_error() {
    let server = Server::start(vec![reply("S", "SUCCESS").body(r#"{"result":42}"#)]).await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Decode {
                category: "data",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn invalid_requests_never_touch_the_network() {
    let server = Server::start(vec![reply("S", "SUCCESS")]).await;
    let error = client_for(&server)
        .execute::<SessionApi>(&TestRequest::new("", "x"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidRequest {
                api: "createVaultingSession",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn production_paths_are_not_rewritten() {
    let server = Server::start(vec![reply("S", "SUCCESS")]).await;
    let client = builder_for(&server)
        .client_id("5X00000000000000")
        .environment(Environment::Production)
        .build()
        .unwrap();
    // The server signs with the sandbox client id; only the path matters here.
    let _ = client.execute::<SessionApi>(&request()).await;
    let seen = server.seen();
    assert_eq!(seen[0].path, "/ams/api/v1/vaults/createVaultingSession");
    assert!(seen[0].signature_valid);
}

#[test]
fn configuration_errors_are_typed() {
    let keys = keys();
    let complete = || {
        Client::builder()
            .client_id(CLIENT_ID)
            .environment(Environment::Sandbox)
            .region(Region::Asia)
            .merchant_private_key(keys.merchant.signing_key())
            .antom_public_key(keys.antom.verifying_key())
    };
    let config_error = |builder: ClientBuilder| match builder.build() {
        Err(Error::Config(e)) => e,
        other => panic!("expected a config error, got {other:?}"),
    };
    let client = complete().build().unwrap();
    assert_eq!(client.base_url(), "https://open-sea-global.alipay.com");
    assert_eq!(
        config_error(complete().environment(Environment::Production)),
        ConfigError::EnvironmentMismatch {
            environment: Environment::Production
        }
    );
    assert_eq!(
        config_error(
            complete()
                .client_id("5X00")
                .environment(Environment::Sandbox)
        ),
        ConfigError::EnvironmentMismatch {
            environment: Environment::Sandbox
        }
    );
    assert_eq!(
        config_error(complete().antom_public_key(keys.merchant.verifying_key())),
        ConfigError::AntomKeyIsMerchantKey
    );
    assert!(matches!(
        config_error(complete().base_url("http://antom.example")),
        ConfigError::InvalidBaseUrl(_)
    ));
    assert_eq!(
        config_error(complete().client_id("")),
        ConfigError::InvalidClientId
    );
    assert_eq!(
        config_error(complete().client_id("SANDBOX_a b")),
        ConfigError::InvalidClientId
    );
    assert!(matches!(
        config_error(complete().retry_policy(RetryPolicy::default().with_max_attempts(0))),
        ConfigError::InvalidRetryPolicy(_)
    ));
    assert_eq!(
        config_error(Client::builder().client_id(CLIENT_ID)),
        ConfigError::Missing("environment")
    );
    // Debug shows the configuration but no key material.
    let debug = format!("{client:?}");
    assert!(
        debug.contains("open-sea-global") && !debug.contains("BEGIN"),
        "{debug}"
    );
}

#[test]
fn client_is_send_sync_clone() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<Client>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    assert_error::<antom_vault::error::KeyError>();
    assert_error::<antom_vault::webhook::WebhookError>();
}

// ------------------------------------------------- the generated APIs, driven by the spec

#[tokio::test]
async fn generated_vault_payment_method_redirect_is_ok() {
    let body = r#"{"result":{"resultCode":"VERIFICATION_IN_PROCESS","resultStatus":"U","resultMessage":"verify"},"vaultingRequestId":"vr-3ds","normalUrl":"https://3ds.example/a","applinkUrl":"https://app.example/b"}"#;
    let server = Server::start(vec![reply("U", "VERIFICATION_IN_PROCESS").body(body)]).await;
    let response = client_for(&server)
        .vault_payment_method(&vault_request("vr-3ds", CARD_NUMBER, "Zoë"))
        .await
        .unwrap();
    assert!(response.is_verification_in_process());
    let redirect = response.redirect().unwrap();
    assert_eq!(redirect.for_browser(), Some("https://3ds.example/a"));
    assert_eq!(redirect.for_app(), Some("https://app.example/b"));
    let seen = server.seen();
    assert_eq!(
        seen[0].path,
        "/ams/sandbox/api/v1/vaults/vaultPaymentMethod"
    );
    assert!(seen[0].signature_valid);
    assert_eq!(seen[0].vaulting_request_id(), "vr-3ds");
}

#[tokio::test]
async fn generated_vault_payment_method_unknown_needs_a_new_id() {
    let server = Server::start(vec![reply("U", "UNKNOWN_EXCEPTION"), reply("S", "SUCCESS")]).await;
    let error = client_for(&server)
        .vault_payment_method(&vault_request("vr-u", CARD_NUMBER, "Zoë"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NewIdRequired(_)), "{error:?}");
    assert_eq!(
        error.result_code::<antom_vault::VaultPaymentMethod>(),
        Some(antom_vault::VaultPaymentMethodResultCode::UnknownException)
    );
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn generated_create_vaulting_session_unknown_is_resent() {
    let body = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"vaultingSessionData":"abc&&SG&&188&&e30=","vaultingSessionId":"sess-1","vaultingSessionExpiryTime":"2026-11-21T12:01:01+08:00"}"#;
    let server = Server::start(vec![
        reply("U", "UNKNOWN_EXCEPTION"),
        reply("S", "SUCCESS").body(body),
    ])
    .await;
    let response = client_for(&server)
        .create_vaulting_session(&session_request("vr-s"))
        .await
        .unwrap();
    assert_eq!(response.vaulting_session_id.as_deref(), Some("sess-1"));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body, seen[1].body);
}

#[tokio::test]
async fn generated_invalid_request_is_not_sent_and_names_the_path() {
    let server = Server::start(vec![reply("S", "SUCCESS")]).await;
    let too_long = "Ä".repeat(33);
    let error = client_for(&server)
        .vault_payment_method(&vault_request("vr-bad", CARD_NUMBER, &too_long))
        .await
        .unwrap_err();
    let Error::InvalidRequest { errors, .. } = &error else {
        panic!("expected InvalidRequest, got {error:?}");
    };
    assert!(
        errors
            .at("paymentMethodDetail.card.cardholderName.firstName")
            .is_some(),
        "{errors}"
    );
    assert!(server.seen().is_empty());
    assert!(!format!("{error} {error:?}").contains(CARD_NUMBER));
}

#[tokio::test]
async fn unsigned_unknown_with_same_id_rule_is_resent() {
    let server = Server::start(vec![
        reply("U", "REQUEST_TRAFFIC_EXCEED_LIMIT").signing(Signing::Unsigned),
        reply("S", "SUCCESS"),
    ])
    .await;
    client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap();
    assert_eq!(server.seen().len(), 2);

    // When attempts run out, the last unsigned answer is reported as unverified.
    let server = Server::start(vec![
        reply("U", "UNKNOWN_EXCEPTION")
            .signing(Signing::Unsigned);
        3
    ])
    .await;
    let error = client_for(&server)
        .execute::<SessionApi>(&request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unverified(_)), "{error:?}");
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn sign_and_verify_response_expose_the_same_pipeline() {
    let server = Server::start(vec![]).await;
    let client = client_for(&server);
    let signed = client
        .sign::<antom_vault::VaultPaymentMethod>(&vault_request("vr-sign", CARD_NUMBER, "Zoë"))
        .unwrap();
    assert_eq!(signed.path, "/ams/sandbox/api/v1/vaults/vaultPaymentMethod");
    assert_eq!(
        signed.url,
        format!(
            "{}ams/sandbox/api/v1/vaults/vaultPaymentMethod",
            server.base_url
        )
    );
    let [content_type, client_id, time, signature] = signed.headers();
    assert_eq!(
        content_type,
        ("Content-Type", "application/json; charset=UTF-8".into())
    );
    assert_eq!(client_id.1, CLIENT_ID);
    keys()
        .merchant
        .verifying_key()
        .verify_request_header(&signed.path, CLIENT_ID, &time.1, &signed.body, &signature.1)
        .unwrap();
    assert!(
        !format!("{signed:?}").contains(CARD_NUMBER),
        "Debug must not show the body"
    );

    // A response signed by Antom's key verifies; the same bytes altered do not.
    let body = br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"ok"}}"#;
    let header = keys()
        .antom
        .signing_key()
        .sign_request(&signed.path, CLIENT_ID, "t-1", body, Some(1))
        .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("Client-Id", CLIENT_ID.parse().unwrap());
    headers.insert("Response-Time", "t-1".parse().unwrap());
    headers.insert("SIGNATURE", header.to_string().parse().unwrap());
    client
        .verify_response::<antom_vault::VaultPaymentMethod>(&headers, body)
        .unwrap();
    let altered = String::from_utf8_lossy(body).replace("ok", "OK");
    assert!(matches!(
        client.verify_response::<antom_vault::VaultPaymentMethod>(&headers, altered.as_bytes()),
        Err(Error::ResponseSignature { .. })
    ));
}

#[test]
fn regions_name_the_documented_hosts() {
    assert_eq!(
        Region::NorthAmerica.base_url(),
        "https://open-na-global.alipay.com"
    );
    assert_eq!(
        Region::Asia.base_url(),
        "https://open-sea-global.alipay.com"
    );
    assert_eq!(
        Region::Europe.base_url(),
        "https://open-de-global.alipay.com"
    );
    assert_eq!(
        Region::UsMerchants.base_url(),
        "https://open.antglobal-us.com"
    );
}

/// Look-ups on tokio's paused clock, each one request (the client itself does not resend): when
/// they start, how many, and what ends them.
mod look_ups {
    use std::time::Duration;

    use antom_vault::client::ResolvePolicy;
    use antom_vault::client::resolve::Found;
    use antom_vault::retry::RetryPolicy;
    use antom_vault::{Client, Error};
    use tokio::time::Instant;

    use super::support::server::{Server, builder_for, reply};

    fn client(server: &Server) -> Client {
        builder_for(server)
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
    }

    /// Up to `max` look-ups, the first after 1 s, then every 2 s.
    fn policy(max: u32) -> ResolvePolicy {
        ResolvePolicy::default()
            .with_max_lookups(max)
            .with_first_delay(Duration::from_secs(1))
            .with_backoff(Duration::from_secs(2), Duration::from_secs(2))
            .with_jitter(false)
    }

    async fn look_up(
        replies: Vec<super::support::server::Reply>,
        policy: ResolvePolicy,
    ) -> (Result<Found, Error>, Duration, usize) {
        let server = Server::start(replies).await;
        let started = Instant::now();
        let found = client(&server)
            .resolver()
            .with_policy(policy)
            .look_up("vr-001")
            .await;
        (found, started.elapsed(), server.seen().len())
    }

    #[tokio::test(start_paused = true)]
    async fn not_found_is_confirmed_by_as_many_answers_as_the_policy_asks() {
        let not_exist = || reply("F", "VAULTING_NOT_EXIST");
        let (found, took, sent) = look_up(vec![not_exist(), not_exist()], policy(4)).await;
        assert!(matches!(found, Ok(Found::NotFound)), "{found:?}");
        assert_eq!((took, sent), (Duration::from_secs(3), 2));

        let once = policy(4).with_not_found_confirmations(1);
        let (found, took, sent) = look_up(vec![not_exist()], once).await;
        assert!(matches!(found, Ok(Found::NotFound)), "{found:?}");
        assert_eq!((took, sent), (Duration::from_secs(1), 1));
    }

    #[tokio::test(start_paused = true)]
    async fn unknown_answers_use_up_the_budget_and_then_the_last_error_is_returned() {
        let unknown = || reply("U", "UNKNOWN_EXCEPTION");
        let (found, took, sent) = look_up(vec![unknown(); 5], policy(2)).await;
        assert!(
            matches!(found, Err(Error::Undetermined { .. })),
            "{found:?}"
        );
        assert_eq!((took, sent), (Duration::from_secs(3), 2));
    }

    #[tokio::test(start_paused = true)]
    async fn a_definite_refusal_of_the_inquiry_ends_the_look_ups() {
        let (found, took, sent) = look_up(vec![reply("F", "PARAM_ILLEGAL"); 3], policy(3)).await;
        assert!(matches!(found, Err(Error::Failed(_))), "{found:?}");
        assert_eq!((took, sent), (Duration::from_secs(1), 1));
    }

    #[tokio::test(start_paused = true)]
    async fn without_budget_or_time_nothing_is_sent() {
        let nothing_sent = |found: &Result<Found, Error>| {
            matches!(found, Err(Error::OutcomeUnknown { attempts: 0, .. }))
        };
        let (found, took, sent) = look_up(vec![reply("S", "SUCCESS")], ResolvePolicy::none()).await;
        assert!(nothing_sent(&found), "{found:?}");
        assert_eq!((took, sent), (Duration::ZERO, 0));
        // A first look-up that could only start after the deadline is not waited for.
        let late = policy(3)
            .with_first_delay(Duration::from_secs(10))
            .with_deadline(Duration::from_secs(5));
        let (found, took, sent) = look_up(vec![reply("S", "SUCCESS")], late).await;
        assert!(nothing_sent(&found), "{found:?}");
        assert_eq!((took, sent), (Duration::ZERO, 0));
    }

    #[tokio::test(start_paused = true)]
    async fn an_answer_is_found_after_the_first_delay() {
        let (found, took, sent) = look_up(vec![reply("S", "SUCCESS")], policy(3)).await;
        // The scripted answer has no vaultingStatus: a verified answer this version cannot sort.
        assert!(matches!(found, Ok(Found::Unrecognized(_))), "{found:?}");
        assert_eq!((took, sent), (Duration::from_secs(1), 1));
        let at_once = policy(3).with_first_delay(Duration::ZERO);
        let (found, took, _) = look_up(vec![reply("S", "SUCCESS")], at_once).await;
        assert!(found.is_ok(), "{found:?}");
        assert_eq!(took, Duration::ZERO);
    }
}
