//! The emulator's gateway behaviour over raw HTTP: what other clients send (native JSON values,
//! pretty-printed bodies, `\u` escapes, ISO 8601 times) and what a broken client sends (bad
//! signatures, wrong client ids, unknown key versions, missing fields, reused ids).

mod common;

use antom_vault::client::Environment;
use antom_vault::{CreateVaultingSession, InquireVaulting, MerchantApi, VaultPaymentMethod};
use antom_vault_mock::Emulator;
use antom_vault_mock::sig::{Signer, Verifier};
use serde_json::{Value, json};

const VAULT: &str = <VaultPaymentMethod as MerchantApi>::PATH;
const SESSION: &str = <CreateVaultingSession as MerchantApi>::PATH;
const INQUIRE: &str = <InquireVaulting as MerchantApi>::PATH;

struct Raw {
    emulator: Emulator,
    signer: Signer,
    antom: Verifier,
    http: reqwest::Client,
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
    fn code(&self) -> String {
        self.json()["result"]["resultCode"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
    fn message(&self) -> String {
        self.json()["result"]["resultMessage"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
    fn is_signed(&self) -> bool {
        self.headers.contains_key("signature") && self.headers.contains_key("response-time")
    }
}

impl Raw {
    async fn start() -> Raw {
        let emulator = Emulator::start(common::config()).await.expect("start");
        let signer =
            Signer::from_text(&common::keys().merchant.private_pkcs8_base64, 1).expect("key");
        let antom = Verifier::from_text(emulator.antom_public_key(), 1).expect("key");
        Raw {
            emulator,
            signer,
            antom,
            http: reqwest::Client::new(),
        }
    }

    async fn send_with(
        &self,
        path: &str,
        client_id: &str,
        time: &str,
        body: &[u8],
        signature: Option<String>,
    ) -> Answer {
        let mut request = self
            .http
            .post(format!("{}{path}", self.emulator.base_url()))
            .header("Content-Type", "application/json; charset=UTF-8")
            .header("Client-Id", client_id)
            .header("Request-Time", time)
            .body(body.to_vec());
        if let Some(s) = signature {
            request = request.header("Signature", s);
        }
        let response = request.send().await.expect("send");
        Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.bytes().await.expect("body").to_vec(),
        }
    }

    async fn send(&self, path: &str, body: &[u8]) -> Answer {
        let client_id = self.emulator.client_id().to_owned();
        let time = "1685599933871";
        let signature = self.signer.header(path, &client_id, time, body);
        let answer = self
            .send_with(path, &client_id, time, body, Some(signature))
            .await;
        if answer.is_signed() {
            let header = |n: &str| {
                answer
                    .headers
                    .get(n)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            self.antom
                .verify(
                    path,
                    &header("client-id"),
                    &header("response-time"),
                    &answer.body,
                    &header("signature"),
                )
                .expect("emulator response signature verifies");
        }
        answer
    }
}

fn vault_body(id: &str, card: &str) -> Value {
    json!({
        "vaultingRequestId": id,
        "vaultingNotificationUrl": "http://127.0.0.1:9/notify",
        "redirectUrl": "https://merchant.example/back",
        "paymentMethodDetail": {
            "paymentMethodType": "CARD",
            "card": {"cardNo": card, "expiryYear": "49", "expiryMonth": "12", "cvv": "123", "brand": "VISA"}
        },
        "env": {"terminalType": "WEB"}
    })
}

#[tokio::test]
async fn signature_failures_are_unsigned_gateway_errors() {
    let raw = Raw::start().await;
    let body = serde_json::to_vec(&vault_body("sig-1", "4111111111111111")).expect("json");
    let client_id = raw.emulator.client_id().to_owned();
    let good = raw.signer.header(VAULT, &client_id, "1", &body);

    // Signed over other bytes.
    let mut other = body.clone();
    other.push(b' ');
    let answer = raw
        .send_with(VAULT, &client_id, "1", &other, Some(good.clone()))
        .await;
    assert_eq!(
        (answer.status, answer.code().as_str(), answer.is_signed()),
        (200, "INVALID_SIGNATURE", false)
    );

    // No Signature header.
    let answer = raw.send_with(VAULT, &client_id, "1", &body, None).await;
    assert_eq!(
        (answer.code().as_str(), answer.is_signed()),
        ("INVALID_SIGNATURE", false)
    );

    // Unknown key version.
    let v2 = good.replace("keyVersion=1", "keyVersion=2");
    let answer = raw.send_with(VAULT, &client_id, "1", &body, Some(v2)).await;
    assert_eq!(
        (answer.code().as_str(), answer.is_signed()),
        ("KEY_NOT_FOUND", false)
    );

    // Another client id.
    let answer = raw
        .send_with(VAULT, "SOMEONE_ELSE", "1", &body, Some(good.clone()))
        .await;
    assert_eq!(
        (answer.code().as_str(), answer.is_signed()),
        ("CLIENT_INVALID", false)
    );

    // A production client id on the sandbox path.
    let sandbox = VAULT.replace("/ams/api", "/ams/sandbox/api");
    let signed = raw.signer.header(&sandbox, &client_id, "1", &body);
    let answer = raw
        .send_with(&sandbox, &client_id, "1", &body, Some(signed))
        .await;
    assert_eq!(answer.code(), "CLIENT_INVALID");

    // A bad Request-Time.
    let answer = raw
        .send_with(VAULT, &client_id, "yesterday", &body, Some(good))
        .await;
    assert_eq!(answer.code(), "PARAM_ILLEGAL");
    assert!(answer.message().contains("Request-Time"));
    assert!(
        raw.emulator.vaultings().is_empty(),
        "nothing is vaulted by refused requests"
    );
}

#[tokio::test]
async fn sandbox_client_ids_use_sandbox_paths() {
    let emulator = Emulator::start(common::config().client_id("SANDBOX_5X00000000000000"))
        .await
        .expect("start");
    let signer = Signer::from_text(&common::keys().merchant.private_pkcs8_base64, 1).expect("key");
    let path = "/ams/sandbox/api/v1/vaults/inquireVaulting";
    let body = br#"{"vaultingRequestId":"nobody"}"#;
    let time = "2024-06-01T08:00:00+00:00";
    let response = reqwest::Client::new()
        .post(format!("{}{path}", emulator.base_url()))
        .header("client-id", emulator.client_id())
        .header("request-time", time)
        .header(
            "signature",
            signer.header(path, emulator.client_id(), time, body),
        )
        .body(body.to_vec())
        .send()
        .await
        .expect("send");
    let json: Value = serde_json::from_slice(&response.bytes().await.expect("body")).expect("json");
    assert_eq!(json["result"]["resultCode"], "VAULTING_NOT_EXIST");
}

#[tokio::test]
async fn other_clients_wire_forms_are_accepted() {
    let raw = Raw::start().await;
    // Pretty-printed, native boolean, \u escapes in the name, ISO 8601 Request-Time.
    let body = "{\n   \"vaultingRequestId\": \"wire-1\",\n   \"vaultingNotificationUrl\": \"http://127.0.0.1:9/n\",\n   \"redirectUrl\": \"https://m.example/r\",\n   \"paymentMethodDetail\": {\n      \"paymentMethodType\": \"CARD\",\n      \"card\": {\"cardNo\": \"5555555555554444\", \"expiryYear\": \"49\", \"expiryMonth\": \"12\", \"is3DSAuthentication\": false,\n         \"cardholderName\": {\"firstName\": \"Jos\\u00e9\", \"lastName\": \"\\u5f20\"}}\n   },\n   \"env\": {\"terminalType\": \"APP\", \"timeZoneOffset\": -120}\n}";
    let client_id = raw.emulator.client_id().to_owned();
    let time = "2019-05-28T12:12:12+08:00";
    let signature = raw.signer.header(VAULT, &client_id, time, body.as_bytes());
    let answer = raw
        .send_with(VAULT, &client_id, time, body.as_bytes(), Some(signature))
        .await;
    assert_eq!(
        answer.code(),
        "SUCCESS",
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(
        answer.json()["paymentMethodDetail"]["card"]["brand"],
        "MASTERCARD"
    );
    assert_eq!(
        answer.json()["paymentMethodDetail"]["card"]["maskedCardNo"],
        "************4444"
    );
}

#[tokio::test]
async fn missing_and_overlong_fields_are_param_illegal_naming_the_field() {
    let raw = Raw::start().await;
    let mut body = vault_body("param-1", "4111111111111111");
    body["paymentMethodDetail"]["card"]
        .as_object_mut()
        .expect("card")
        .remove("cardNo");
    let answer = raw
        .send(VAULT, &serde_json::to_vec(&body).expect("json"))
        .await;
    assert_eq!(answer.code(), "PARAM_ILLEGAL");
    assert!(answer.message().contains("cardNo"), "{}", answer.message());
    assert!(answer.is_signed());

    let long = "x".repeat(65);
    let answer = raw
        .send(
            INQUIRE,
            &serde_json::to_vec(&json!({"vaultingRequestId": long})).expect("json"),
        )
        .await;
    assert_eq!(answer.code(), "PARAM_ILLEGAL");
    assert!(
        answer.message().contains("vaultingRequestId"),
        "{}",
        answer.message()
    );

    let answer = raw.send(INQUIRE, b"{not json").await;
    assert_eq!(answer.code(), "PARAM_ILLEGAL");
}

#[tokio::test]
async fn repeats_replay_identical_bytes_and_changed_content_is_inconsistent() {
    let raw = Raw::start().await;
    let body = serde_json::to_vec(&vault_body("repeat-1", "4111111111111111")).expect("json");
    let first = raw.send(VAULT, &body).await;
    assert_eq!(first.code(), "SUCCESS");
    // The same content, pretty-printed this time.
    let pretty =
        serde_json::to_vec_pretty(&vault_body("repeat-1", "4111111111111111")).expect("json");
    let second = raw.send(VAULT, &pretty).await;
    assert_eq!(
        first.body, second.body,
        "a repeat after S answers the identical bytes"
    );

    let changed = serde_json::to_vec(&vault_body("repeat-1", "5555555555554444")).expect("json");
    assert_eq!(
        raw.send(VAULT, &changed).await.code(),
        "REPEAT_REQ_INCONSISTENT"
    );

    // The id belongs to vaultPaymentMethod; a session with it is inconsistent too.
    let session = json!({"paymentMethodType": "CARD", "vaultingRequestId": "repeat-1", "vaultingNotificationUrl": "http://127.0.0.1:9/n"});
    assert_eq!(
        raw.send(SESSION, &serde_json::to_vec(&session).expect("json"))
            .await
            .code(),
        "REPEAT_REQ_INCONSISTENT"
    );

    // A decline is final too.
    let declined = serde_json::to_vec(&vault_body("repeat-2", "4000000000000069")).expect("json");
    let a = raw.send(VAULT, &declined).await;
    let b = raw.send(VAULT, &declined).await;
    assert_eq!(a.code(), "VERIFICATION_FAIL");
    assert_eq!(a.body, b.body);
    assert_eq!(
        raw.emulator.vaultings().len(),
        2,
        "repeats vault nothing twice"
    );
}

#[tokio::test]
async fn unknown_paths_are_no_interface_def() {
    let raw = Raw::start().await;
    assert_eq!(
        raw.send("/ams/api/v1/vaults/deleteEverything", b"{}")
            .await
            .code(),
        "NO_INTERFACE_DEF"
    );
}

#[tokio::test]
async fn methods_other_than_post_get_405_with_allow_post() {
    let raw = Raw::start().await;
    for path in [SESSION, VAULT, INQUIRE] {
        for env in [Environment::Production, Environment::Sandbox] {
            for method in ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD"] {
                let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
                let url = format!("{}{}", raw.emulator.base_url(), env.path(path));
                let response = raw
                    .http
                    .request(method.clone(), url)
                    .send()
                    .await
                    .expect("answer");
                assert_eq!(response.status().as_u16(), 405, "{method} {path}");
                assert_eq!(
                    response
                        .headers()
                        .get("allow")
                        .and_then(|v| v.to_str().ok()),
                    Some("POST"),
                    "{method} {path}"
                );
            }
        }
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_413_and_vault_nothing() {
    let raw = Raw::start().await;
    let mut body = serde_json::to_vec(&vault_body("big-1", "4111111111111111")).expect("json");
    body.pop();
    body.extend_from_slice(b",\"padding\":\"");
    body.extend(std::iter::repeat_n(b'x', antom_vault_mock::MAX_BODY_BYTES));
    body.extend_from_slice(b"\"}");
    let answer = raw.send(VAULT, &body).await;
    assert_eq!(answer.status, 413);
    assert!(raw.emulator.vaultings().is_empty());
    assert!(raw.emulator.received().is_empty());
}
