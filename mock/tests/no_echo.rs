//! Card data sent in every wrong shape never comes back: not in the HTTP answer, not in the
//! emulator's logs, not in the client's `Display` or `Debug` of the resulting error.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use antom_vault::client::Client;
use antom_vault::{MerchantApi, VaultPaymentMethod};
use antom_vault_mock::sig::Signer;
use serde_json::{Value, json};

const PAN: &str = "4111111111111111";
const CVV: &str = "8462";
const MONTH: &str = "07";
const YEAR: &str = "2031";

/// Digit runs that would give the card away (the PAN's first six and last four are enough).
const SECRETS: [&str; 6] = ["411111", "1111111", CVV, YEAR, "07/31", "0731"];

fn leaks(text: &str) -> Vec<&'static str> {
    SECRETS
        .iter()
        .copied()
        .filter(|s| text.contains(s))
        .collect()
}

/// A log sink shared by the subscriber and the test.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|p| p.into_inner())).into_owned()
    }
}

fn envelope(card: Value) -> Value {
    json!({
        "vaultingRequestId": "echo-1",
        "vaultingNotificationUrl": "http://127.0.0.1:9/n",
        "redirectUrl": "https://merchant.example/back",
        "paymentMethodDetail": {"paymentMethodType": "CARD", "card": card},
        "env": {"terminalType": "WEB"},
    })
}

/// Every wrong shape of card data we could think of, as raw bodies.
fn wrong_shapes() -> Vec<(&'static str, Vec<u8>)> {
    let together = format!("{PAN} {CVV} {MONTH}/31");
    let pan_number: Value = serde_json::from_str(PAN).expect("number");
    let good_card = json!({"cardNo": PAN, "expiryMonth": MONTH, "expiryYear": YEAR, "cvv": CVV});
    let mut shapes: Vec<(&'static str, Value)> = vec![
        ("card as a string", envelope(json!(together))),
        ("card as a number", envelope(pan_number.clone())),
        ("card as an array", envelope(json!([PAN, CVV, MONTH, YEAR]))),
        (
            "card fields as numbers",
            envelope(
                json!({"cardNo": pan_number, "cvv": 8462, "expiryMonth": 7, "expiryYear": 2031}),
            ),
        ),
        (
            "card number as an object",
            envelope(
                json!({"cardNo": {"n": PAN}, "cvv": CVV, "expiryMonth": MONTH, "expiryYear": YEAR}),
            ),
        ),
        (
            "card number as an array",
            envelope(
                json!({"cardNo": [PAN], "cvv": [CVV], "expiryMonth": MONTH, "expiryYear": YEAR}),
            ),
        ),
        (
            "card data as object keys",
            envelope(json!({PAN: CVV, "0731": YEAR, "cvv": {CVV: true}})),
        ),
        (
            "card nested in an unknown field, card missing",
            json!({
                "vaultingRequestId": "echo-2",
                "vaultingNotificationUrl": "http://127.0.0.1:9/n",
                "redirectUrl": "https://merchant.example/back",
                "paymentMethodDetail": {"paymentMethodType": "CARD", "extra": {"card": good_card.clone()}},
                "env": {"terminalType": "WEB"},
            }),
        ),
        (
            "card number too long, expiry not allowed",
            envelope(
                json!({"cardNo": PAN.repeat(4), "cvv": CVV.repeat(3), "expiryMonth": YEAR, "expiryYear": together}),
            ),
        ),
        (
            "card with nulls",
            envelope(
                json!({"cardNo": PAN, "cvv": null, "expiryMonth": MONTH, "expiryYear": YEAR, "brand": null}),
            ),
        ),
        (
            "payment method as a string",
            json!({
                "vaultingRequestId": "echo-3",
                "vaultingNotificationUrl": "http://127.0.0.1:9/n",
                "redirectUrl": "https://merchant.example/back",
                "paymentMethodDetail": together,
                "env": {"terminalType": "WEB"},
            }),
        ),
        ("the whole body as a string", json!(together)),
    ];
    let mut raw: Vec<(&'static str, Vec<u8>)> = shapes
        .drain(..)
        .map(|(name, v)| (name, serde_json::to_vec(&v).expect("json")))
        .collect();
    raw.push((
        "truncated JSON after the card number",
        format!(r#"{{"paymentMethodDetail":{{"card":{{"cardNo":"{PAN}","cvv":"{CVV}"#).into_bytes(),
    ));
    raw.push((
        "a bad escape inside the card number",
        format!(r#"{{"paymentMethodDetail":{{"card":{{"cardNo":"{PAN}\q{CVV}"}}}}}}"#).into_bytes(),
    ));
    raw.push((
        "a control character after the card number",
        format!("{{\"cardNo\":\"{PAN}\u{1}{CVV}\"}}").into_bytes(),
    ));
    raw
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn card_data_in_any_wrong_shape_is_never_echoed() {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer({
            let logs = logs.clone();
            move || logs.clone()
        })
        .with_ansi(false)
        // Timestamps are digit runs too: leave them out so only what was logged is checked.
        .without_time()
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("one subscriber per test binary");

    let emulator = common::emulator().await;
    let client: Client = common::client(&emulator);
    let signer = Signer::from_text(&common::keys().merchant.private_pkcs8_base64, 1).expect("key");
    let http = reqwest::Client::new();
    let path = <VaultPaymentMethod as MerchantApi>::PATH;
    for (shape, body) in wrong_shapes() {
        let time = "1685599933871";
        let signature = signer.header(path, emulator.client_id(), time, &body);
        let response = http
            .post(format!("{}{path}", emulator.base_url()))
            .header("Content-Type", "application/json; charset=UTF-8")
            .header("Client-Id", emulator.client_id())
            .header("Request-Time", time)
            .header("Signature", signature)
            .body(body)
            .send()
            .await
            .expect("answer");
        let headers = response.headers().clone();
        let answer = response.bytes().await.expect("body");
        let text = String::from_utf8_lossy(&answer);
        assert!(
            leaks(&text).is_empty(),
            "{shape}: answer leaks {:?}: {text}",
            leaks(&text)
        );
        for (name, value) in &headers {
            if name != "signature" && name != "response-time" {
                let value = value.to_str().unwrap_or_default();
                assert!(leaks(value).is_empty(), "{shape}: header {name} leaks");
            }
        }
        let json: Value = serde_json::from_slice(&answer).expect("a JSON answer");
        assert_eq!(
            json["result"]["resultCode"], "PARAM_ILLEGAL",
            "{shape}: {text}"
        );
        let error = client
            .verify_response::<VaultPaymentMethod>(&headers, &answer)
            .expect_err("an F answer is an error");
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(
                leaks(&shown).is_empty(),
                "{shape}: client error leaks: {shown}"
            );
        }
    }
    assert!(emulator.vaultings().is_empty(), "nothing was vaulted");
    let logged = logs.text();
    assert!(
        logged.contains("request refused"),
        "the refusals were logged: {logged}"
    );
    assert!(
        leaks(&logged).is_empty(),
        "logs leak {:?}: {logged}",
        leaks(&logged)
    );
}
