//! The tamper matrix: from validly signed responses and notifications, every change an attacker or
//! a broken proxy could make is refused, and every legitimate variant Antom's SDKs produce is
//! accepted.
//!
//! Decisions recorded here:
//! - **Repeated signed headers** (`signature`, `response-time` / `request-time`, `client-id`) are
//!   refused, even when both copies are identical: Antom sends each once, and with two the
//!   verified one would be a guess.
//! - **A verifier without an expected client id** accepts a notification for any client id whose
//!   signature verifies (the signature binds the id, so it cannot be swapped); a receiver for one
//!   merchant uses `expect_client_id`, as `Client::webhook_verifier` does.
//! - **`keyVersion` is not signed.** A malformed or repeated one is refused; another well-formed
//!   number on a valid signature verifies, because the signature alone says which key signed.
//! - **A response without `client-id`** verifies against the client's own id: the signature
//!   covers it, so nothing is taken on trust. Notifications must carry it.

mod support;

use std::path::Path;

use antom_vault::signing::header;
use antom_vault::webhook::{WebhookError, WebhookVerifier};
use antom_vault::{Client, Environment, InquireVaulting, NotifyVaulting, VaultPaymentMethod};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use support::{b64, keys};

const CLIENT_ID: &str = support::server::CLIENT_ID;
const OTHER_CLIENT_ID: &str = "SANDBOX_5X00000000000009";
const NOTIFY_PATH: &str = "/antom/notify?shop=7";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .expect("fixture")
}

fn client() -> Client {
    Client::builder()
        .client_id(CLIENT_ID)
        .environment(Environment::Sandbox)
        .base_url("http://127.0.0.1:9")
        .merchant_private_key(keys().merchant.signing_key())
        .antom_public_key(keys().antom.verifying_key())
        .build()
        .expect("client")
}

/// The raw signature bytes over one message.
fn raw_signature(
    key: &antom_vault::SigningKey,
    path: &str,
    client_id: &str,
    time: &str,
    body: &[u8],
) -> Vec<u8> {
    key.sign_request(path, client_id, time, body, None)
        .expect("sign")
        .signature()
        .to_vec()
}

/// Percent-encodes base64 as Antom documents it, written independently of the crate.
fn percent(base64: &str) -> String {
    base64
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

fn signature_value(signature: &[u8]) -> String {
    format!(
        "algorithm=RSA256,keyVersion=1,signature={}",
        percent(&b64(signature))
    )
}

/// A time whose signature over `body` has `+` or `/` in its base64, so that escapes matter.
fn time_with_escapes(path: &str, body: &[u8]) -> String {
    let antom = keys().antom.signing_key();
    (0..256)
        .map(|n| format!("2026-11-21T03:00:{:02}.{n:03}+08:00", n % 60))
        .find(|time| {
            let encoded = b64(&raw_signature(&antom, path, CLIENT_ID, time, body));
            encoded.contains('+') && encoded.contains('/')
        })
        .expect("a signature with + and / in 256 tries")
}

/// The legitimate ways an SDK may write the same `Signature` header.
fn legitimate_signature_headers(signature: &[u8]) -> Vec<(&'static str, String)> {
    let encoded = percent(&b64(signature));
    let lower_escapes = lowercase_escapes(&encoded);
    assert_ne!(lower_escapes, encoded, "the signature has escapes");
    vec![
        ("canonical", signature_value(signature)),
        (
            "lower-case percent escapes",
            format!("algorithm=RSA256,keyVersion=1,signature={lower_escapes}"),
        ),
        (
            "raw base64",
            format!("algorithm=RSA256,keyVersion=1,signature={}", b64(signature)),
        ),
        (
            "whitespace after commas",
            format!("algorithm=RSA256, keyVersion=1, signature={encoded}"),
        ),
        (
            "keyVersion absent",
            format!("algorithm=RSA256,signature={encoded}"),
        ),
        (
            "keyVersion first",
            format!("keyVersion=1,algorithm=RSA256,signature={encoded}"),
        ),
    ]
}

fn lowercase_escapes(encoded: &str) -> String {
    let mut out = String::new();
    let mut rest = encoded;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let escape = rest.get(at..at + 3).expect("complete escape");
        out.push_str(&escape.to_ascii_lowercase());
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// Forged `Signature` header values over an otherwise valid message: malformed, truncated,
/// padded, from another key, over another body, with bad algorithm or keyVersion parts.
fn forged_signature_headers(
    signature: &[u8],
    path: &str,
    time: &str,
    body: &[u8],
) -> Vec<(String, String)> {
    let encoded = percent(&b64(signature));
    let merchant = keys().merchant.signing_key();
    let antom = keys().antom.signing_key();
    let mut other_body = body.to_vec();
    other_body.extend_from_slice(b" ");
    let mut cases: Vec<(String, String)> = vec![
        ("empty".into(), String::new()),
        ("blank".into(), "   ".into()),
        (
            "no signature part".into(),
            "algorithm=RSA256,keyVersion=1".into(),
        ),
        (
            "empty signature part".into(),
            "algorithm=RSA256,keyVersion=1,signature=".into(),
        ),
        (
            "another key".into(),
            signature_value(&raw_signature(&merchant, path, CLIENT_ID, time, body)),
        ),
        (
            "over another body".into(),
            signature_value(&raw_signature(&antom, path, CLIENT_ID, time, &other_body)),
        ),
        (
            "over another path".into(),
            signature_value(&raw_signature(&antom, "/other", CLIENT_ID, time, body)),
        ),
        (
            "over another time".into(),
            signature_value(&raw_signature(&antom, path, CLIENT_ID, "1", body)),
        ),
        (
            "over another client id".into(),
            signature_value(&raw_signature(&antom, path, OTHER_CLIENT_ID, time, body)),
        ),
        (
            "signature part repeated".into(),
            format!("algorithm=RSA256,keyVersion=1,signature={encoded},signature={encoded}"),
        ),
        (
            "form-decoded plus".into(),
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                b64(signature).replace('+', " ")
            ),
        ),
        (
            "double percent-encoded".into(),
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                encoded.replace('%', "%25")
            ),
        ),
    ];
    for algorithm in ["RSA1", "rsa256", "RSA2048", "SHA256withRSA", ""] {
        cases.push((
            format!("algorithm {algorithm:?}"),
            format!("algorithm={algorithm},keyVersion=1,signature={encoded}"),
        ));
    }
    cases.push((
        "algorithm missing".into(),
        format!("keyVersion=1,signature={encoded}"),
    ));
    cases.push((
        "algorithm repeated".into(),
        format!("algorithm=RSA1,algorithm=RSA256,signature={encoded}"),
    ));
    for version in ["x", "", "-1", "1.0", "99999999999999999999", "0x1"] {
        cases.push((
            format!("keyVersion {version:?}"),
            format!("algorithm=RSA256,keyVersion={version},signature={encoded}"),
        ));
    }
    cases.push((
        "keyVersion repeated".into(),
        format!("algorithm=RSA256,keyVersion=1,keyVersion=1,signature={encoded}"),
    ));
    for cut in [1, 2, 3, 4, 8, encoded.len() / 2, encoded.len() - 1] {
        cases.push((
            format!("truncated by {cut}"),
            format!(
                "algorithm=RSA256,keyVersion=1,signature={}",
                &encoded[..encoded.len() - cut]
            ),
        ));
    }
    for pad in ["A", "AAAA", "%3D", "==", "%00", "%2", "AA%3D%3D"] {
        cases.push((
            format!("padded with {pad:?}"),
            format!("algorithm=RSA256,keyVersion=1,signature={encoded}{pad}"),
        ));
    }
    let mut flipped = signature.to_vec();
    for i in [0, signature.len() / 2, signature.len() - 1] {
        flipped[i] ^= 0x01;
        cases.push((
            format!("signature byte {i} flipped"),
            signature_value(&flipped),
        ));
        flipped[i] ^= 0x01;
    }
    cases.push((
        "signature bytes doubled".into(),
        signature_value(&[signature, signature].concat()),
    ));
    cases
}

/// Every single-byte change of the body: three bit classes per byte (low bit, ASCII case / space
/// bit, high bit), a space inserted before each byte, and each byte deleted.
fn tampered_bodies(body: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for i in 0..body.len() {
        for mask in [0x01u8, 0x20, 0x80] {
            let mut b = body.to_vec();
            b[i] ^= mask;
            out.push((format!("byte {i} ^ {mask:#04x}"), b));
        }
        let mut inserted = body.to_vec();
        inserted.insert(i, b' ');
        out.push((format!("space before byte {i}"), inserted));
        let mut deleted = body.to_vec();
        deleted.remove(i);
        out.push((format!("byte {i} deleted"), deleted));
    }
    out.push(("CRLF line ends".into(), crlf(body)));
    out.push(("trailing newline".into(), [body, b"\n"].concat()));
    out.push(("byte order mark".into(), [b"\xEF\xBB\xBF", body].concat()));
    out.push(("empty".into(), Vec::new()));
    out
}

fn crlf(body: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(body)
        .replace('\n', "\r\n")
        .into_bytes()
}

// ---------------------------------------------------------------------------------- responses

/// A response's headers: `(name, value)` pairs, names as written (any case).
type Pairs = Vec<(String, String)>;

fn header_map(pairs: &Pairs) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("name"),
            HeaderValue::from_str(value).expect("value"),
        );
    }
    map
}

fn response_headers(time: &str, signature: &str) -> Pairs {
    vec![
        ("content-type".into(), "application/json".into()),
        (header::CLIENT_ID.into(), CLIENT_ID.into()),
        (header::RESPONSE_TIME.into(), time.into()),
        (header::SIGNATURE.into(), signature.into()),
    ]
}

fn replace(pairs: &Pairs, name: &str, value: Option<&str>) -> Pairs {
    let mut out: Pairs = pairs
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
        .cloned()
        .collect();
    if let Some(value) = value {
        out.push((name.into(), value.into()));
    }
    out
}

fn repeated(pairs: &Pairs, name: &str, extra: &str) -> Pairs {
    let mut out = pairs.clone();
    out.push((name.into(), extra.into()));
    out
}

struct ResponseMatrix {
    client: Client,
    body: Vec<u8>,
    time: String,
    signature: Vec<u8>,
    headers: Pairs,
}

impl ResponseMatrix {
    fn new() -> Self {
        let client = client();
        let path = client.path_of::<VaultPaymentMethod>();
        let body = fixture("vault_payment_method/response_success.json");
        let time = time_with_escapes(&path, &body);
        let signature = raw_signature(&keys().antom.signing_key(), &path, CLIENT_ID, &time, &body);
        let headers = response_headers(&time, &signature_value(&signature));
        ResponseMatrix {
            client,
            body,
            time,
            signature,
            headers,
        }
    }

    fn accepts(&self, headers: &Pairs, body: &[u8]) -> bool {
        self.client
            .verify_response::<VaultPaymentMethod>(&header_map(headers), body)
            .is_ok()
    }
}

#[test]
fn a_validly_signed_response_and_its_legitimate_variants_are_accepted() {
    let m = ResponseMatrix::new();
    assert!(m.accepts(&m.headers, &m.body), "the original");
    for (name, value) in legitimate_signature_headers(&m.signature) {
        let headers = replace(&m.headers, header::SIGNATURE, Some(&value));
        assert!(m.accepts(&headers, &m.body), "{name}");
    }
    let shouting: Pairs = m
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_uppercase(), v.clone()))
        .collect();
    assert!(m.accepts(&shouting, &m.body), "upper-case header names");
    let capitalised = vec![
        ("Client-Id".into(), CLIENT_ID.into()),
        ("Response-Time".into(), m.time.clone()),
        ("Signature".into(), signature_value(&m.signature)),
    ];
    assert!(m.accepts(&capitalised, &m.body), "capitalised header names");
    let without_client_id = replace(&m.headers, header::CLIENT_ID, None);
    assert!(
        m.accepts(&without_client_id, &m.body),
        "no client-id: the signature covers the client's own id"
    );
    let other_version = replace(
        &m.headers,
        header::SIGNATURE,
        Some(&signature_value(&m.signature).replace("keyVersion=1", "keyVersion=2")),
    );
    assert!(
        m.accepts(&other_version, &m.body),
        "keyVersion is not signed; the signature decides"
    );
}

#[test]
fn no_tampered_response_is_accepted() {
    let m = ResponseMatrix::new();
    let mut cases: Vec<(String, Pairs, Vec<u8>)> = Vec::new();
    for (name, body) in tampered_bodies(&m.body) {
        cases.push((format!("body: {name}"), m.headers.clone(), body));
    }
    let path = m.client.path_of::<VaultPaymentMethod>();
    for (name, value) in forged_signature_headers(&m.signature, &path, &m.time, &m.body) {
        let headers = replace(&m.headers, header::SIGNATURE, Some(&value));
        cases.push((format!("signature: {name}"), headers, m.body.clone()));
    }
    // The same body signed for another API's path, or for the production path.
    let antom = keys().antom.signing_key();
    for other in [
        m.client.path_of::<InquireVaulting>(),
        path.replacen("/sandbox", "", 1),
        format!("{path}/"),
        format!("{path}?x=1"),
        path.to_ascii_lowercase(),
    ] {
        let sig = raw_signature(&antom, &other, CLIENT_ID, &m.time, &m.body);
        let headers = replace(&m.headers, header::SIGNATURE, Some(&signature_value(&sig)));
        cases.push((format!("path {other}"), headers, m.body.clone()));
    }
    for time in ["1700000000000", "", " ", "2026-11-21T03:00:00+08:00"] {
        let headers = replace(&m.headers, header::RESPONSE_TIME, Some(time));
        cases.push((format!("time {time:?}"), headers, m.body.clone()));
    }
    let other_sig = raw_signature(&antom, &path, OTHER_CLIENT_ID, &m.time, &m.body);
    let for_other = replace(
        &replace(&m.headers, header::CLIENT_ID, Some(OTHER_CLIENT_ID)),
        header::SIGNATURE,
        Some(&signature_value(&other_sig)),
    );
    cases.push((
        "signed for another client id".into(),
        for_other,
        m.body.clone(),
    ));
    cases.push((
        "client-id header changed".into(),
        replace(&m.headers, header::CLIENT_ID, Some(OTHER_CLIENT_ID)),
        m.body.clone(),
    ));
    // Missing, half-signed and unsigned.
    cases.push((
        "signature missing".into(),
        replace(&m.headers, header::SIGNATURE, None),
        m.body.clone(),
    ));
    cases.push((
        "response-time missing".into(),
        replace(&m.headers, header::RESPONSE_TIME, None),
        m.body.clone(),
    ));
    let unsigned = replace(
        &replace(&m.headers, header::SIGNATURE, None),
        header::RESPONSE_TIME,
        None,
    );
    cases.push(("unsigned success".into(), unsigned.clone(), m.body.clone()));
    cases.push((
        "unsigned failure".into(),
        unsigned,
        fixture("vault_payment_method/response_gateway_error.json"),
    ));
    // Repeated signed headers, whichever copy is the good one.
    let bad = signature_value(&raw_signature(
        &keys().merchant.signing_key(),
        &path,
        CLIENT_ID,
        &m.time,
        &m.body,
    ));
    let good = signature_value(&m.signature);
    cases.push((
        "signature repeated (identical)".into(),
        repeated(&m.headers, "Signature", &good),
        m.body.clone(),
    ));
    cases.push((
        "signature repeated (bad second)".into(),
        repeated(&m.headers, header::SIGNATURE, &bad),
        m.body.clone(),
    ));
    cases.push((
        "signature repeated (bad first)".into(),
        repeated(
            &replace(&m.headers, header::SIGNATURE, Some(&bad)),
            header::SIGNATURE,
            &good,
        ),
        m.body.clone(),
    ));
    cases.push((
        "response-time repeated".into(),
        repeated(&m.headers, header::RESPONSE_TIME, &m.time),
        m.body.clone(),
    ));
    cases.push((
        "client-id repeated".into(),
        repeated(&m.headers, header::CLIENT_ID, CLIENT_ID),
        m.body.clone(),
    ));

    let accepted: Vec<&str> = cases
        .iter()
        .filter(|(_, headers, body)| m.accepts(headers, body))
        .map(|(name, _, _)| name.as_str())
        .collect();
    assert!(cases.len() > 1000, "{} cases", cases.len());
    assert!(accepted.is_empty(), "accepted forgeries: {accepted:?}");

    // Non-text header bytes are refused too.
    let mut map = header_map(&m.headers);
    map.insert(
        header::SIGNATURE,
        HeaderValue::from_bytes(&[signature_value(&m.signature).as_bytes(), b"\xff"].concat())
            .expect("value"),
    );
    assert!(
        m.client
            .verify_response::<VaultPaymentMethod>(&map, &m.body)
            .is_err()
    );
}

// ------------------------------------------------------------------------------ notifications

struct NotificationMatrix {
    body: Vec<u8>,
    time: String,
    signature: Vec<u8>,
    headers: Pairs,
}

fn notification_headers(client_id: &str, time: &str, signature: &str) -> Pairs {
    vec![
        (
            "content-type".into(),
            "application/json; charset=UTF-8".into(),
        ),
        (header::CLIENT_ID.into(), client_id.into()),
        (header::REQUEST_TIME.into(), time.into()),
        (header::SIGNATURE.into(), signature.into()),
    ]
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(keys().antom.verifying_key()).expect_client_id(CLIENT_ID)
}

impl NotificationMatrix {
    fn new() -> Self {
        let body = fixture("notify_vaulting/notification_success.json");
        let time = time_with_escapes(NOTIFY_PATH, &body);
        let signature = raw_signature(
            &keys().antom.signing_key(),
            NOTIFY_PATH,
            CLIENT_ID,
            &time,
            &body,
        );
        let headers = notification_headers(CLIENT_ID, &time, &signature_value(&signature));
        NotificationMatrix {
            body,
            time,
            signature,
            headers,
        }
    }

    fn verdict(
        verifier: &WebhookVerifier,
        method: &str,
        path: &str,
        headers: &Pairs,
        body: &[u8],
    ) -> Result<(), WebhookError> {
        verifier
            .verify::<NotifyVaulting, _>(method, path, headers, body)
            .map(|_| ())
    }

    fn accepts(&self, path: &str, headers: &Pairs, body: &[u8]) -> bool {
        Self::verdict(&verifier(), "POST", path, headers, body).is_ok()
    }
}

#[test]
fn a_validly_signed_notification_and_its_legitimate_variants_are_accepted() {
    let m = NotificationMatrix::new();
    assert!(m.accepts(NOTIFY_PATH, &m.headers, &m.body), "the original");
    for (name, value) in legitimate_signature_headers(&m.signature) {
        let headers = replace(&m.headers, header::SIGNATURE, Some(&value));
        assert!(m.accepts(NOTIFY_PATH, &headers, &m.body), "{name}");
    }
    for case in [str::to_ascii_uppercase, capitalise] {
        let renamed: Pairs = m
            .headers
            .iter()
            .map(|(n, v)| (case(n), v.clone()))
            .collect();
        assert!(m.accepts(NOTIFY_PATH, &renamed, &m.body), "{renamed:?}");
        let map = header_map(&renamed);
        assert!(
            verifier()
                .verify::<NotifyVaulting, _>("post", NOTIFY_PATH, &map, &m.body)
                .is_ok(),
            "as an http HeaderMap, lower-case method"
        );
    }
}

fn capitalise(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[test]
fn no_tampered_notification_is_accepted() {
    let m = NotificationMatrix::new();
    let mut cases: Vec<(String, String, Pairs, Vec<u8>)> = Vec::new();
    let path = NOTIFY_PATH.to_owned();
    for (name, body) in tampered_bodies(&m.body) {
        cases.push((
            format!("body: {name}"),
            path.clone(),
            m.headers.clone(),
            body,
        ));
    }
    for (name, value) in forged_signature_headers(&m.signature, NOTIFY_PATH, &m.time, &m.body) {
        let headers = replace(&m.headers, header::SIGNATURE, Some(&value));
        cases.push((
            format!("signature: {name}"),
            path.clone(),
            headers,
            m.body.clone(),
        ));
    }
    for other in [
        "/antom/notify?shop=8",
        "/antom/notify",
        "/antom/notify?shop=7&x=1",
        "/antom/notify/?shop=7",
        "/ANTOM/notify?shop=7",
        "https://shop.example/antom/notify?shop=7",
        "antom/notify?shop=7",
        "",
    ] {
        cases.push((
            format!("path {other:?}"),
            other.to_owned(),
            m.headers.clone(),
            m.body.clone(),
        ));
    }
    for time in ["1700000000000", "", " ", "2026-11-21T03:00:00+08:00"] {
        cases.push((
            format!("time {time:?}"),
            path.clone(),
            replace(&m.headers, header::REQUEST_TIME, Some(time)),
            m.body.clone(),
        ));
    }
    let antom = keys().antom.signing_key();
    let other_sig = raw_signature(&antom, NOTIFY_PATH, OTHER_CLIENT_ID, &m.time, &m.body);
    cases.push((
        "for another client id".into(),
        path.clone(),
        notification_headers(OTHER_CLIENT_ID, &m.time, &signature_value(&other_sig)),
        m.body.clone(),
    ));
    cases.push((
        "client-id header changed".into(),
        path.clone(),
        replace(&m.headers, header::CLIENT_ID, Some(OTHER_CLIENT_ID)),
        m.body.clone(),
    ));
    for name in [header::SIGNATURE, header::REQUEST_TIME, header::CLIENT_ID] {
        cases.push((
            format!("{name} missing"),
            path.clone(),
            replace(&m.headers, name, None),
            m.body.clone(),
        ));
    }
    cases.push((
        "unsigned".into(),
        path.clone(),
        replace(
            &replace(&m.headers, header::SIGNATURE, None),
            header::REQUEST_TIME,
            None,
        ),
        m.body.clone(),
    ));
    let good = signature_value(&m.signature);
    let bad = signature_value(&raw_signature(
        &keys().merchant.signing_key(),
        NOTIFY_PATH,
        CLIENT_ID,
        &m.time,
        &m.body,
    ));
    for (name, extra) in [
        ("Signature", good.as_str()),
        (header::SIGNATURE, bad.as_str()),
        ("REQUEST-TIME", m.time.as_str()),
        (header::CLIENT_ID, CLIENT_ID),
    ] {
        cases.push((
            format!("{name} repeated"),
            path.clone(),
            repeated(&m.headers, name, extra),
            m.body.clone(),
        ));
    }
    cases.push((
        "signature repeated (bad first)".into(),
        path.clone(),
        repeated(
            &replace(&m.headers, header::SIGNATURE, Some(&bad)),
            header::SIGNATURE,
            &good,
        ),
        m.body.clone(),
    ));

    let v = verifier();
    let accepted: Vec<&str> = cases
        .iter()
        .filter(|(_, path, headers, body)| {
            NotificationMatrix::verdict(&v, "POST", path, headers, body).is_ok()
        })
        .map(|(name, ..)| name.as_str())
        .collect();
    assert!(cases.len() > 1000, "{} cases", cases.len());
    assert!(accepted.is_empty(), "accepted forgeries: {accepted:?}");

    for method in ["GET", "PUT", "POS", ""] {
        assert!(
            NotificationMatrix::verdict(&v, method, NOTIFY_PATH, &m.headers, &m.body).is_err(),
            "{method}"
        );
    }
    // Repeats are refused as repeats, not as whatever the first copy says.
    assert_eq!(
        NotificationMatrix::verdict(
            &v,
            "POST",
            NOTIFY_PATH,
            &repeated(&m.headers, header::SIGNATURE, &good),
            &m.body
        ),
        Err(WebhookError::RepeatedHeader(header::SIGNATURE))
    );
}

#[test]
fn a_verifier_without_a_client_id_accepts_any_client_id_the_signature_covers() {
    let m = NotificationMatrix::new();
    let antom = keys().antom.signing_key();
    let other_sig = raw_signature(&antom, NOTIFY_PATH, OTHER_CLIENT_ID, &m.time, &m.body);
    let for_other = notification_headers(OTHER_CLIENT_ID, &m.time, &signature_value(&other_sig));
    let open = WebhookVerifier::new(keys().antom.verifying_key());
    assert!(
        NotificationMatrix::verdict(&open, "POST", NOTIFY_PATH, &for_other, &m.body).is_ok(),
        "any client id the signature covers"
    );
    assert_eq!(
        NotificationMatrix::verdict(&verifier(), "POST", NOTIFY_PATH, &for_other, &m.body),
        Err(WebhookError::ClientIdMismatch)
    );
    // The id still cannot be swapped: the signature binds it.
    let swapped = replace(&m.headers, header::CLIENT_ID, Some(OTHER_CLIENT_ID));
    assert!(NotificationMatrix::verdict(&open, "POST", NOTIFY_PATH, &swapped, &m.body).is_err());
}

// ------------------------------------------------------------- freshness and replays (opt-in)

#[derive(Debug)]
struct FixedClock(u64);

impl antom_vault::signing::Clock for FixedClock {
    fn now_millis(&self) -> u64 {
        self.0
    }
}

/// Headers of the matrix notification signed at `time`.
fn signed_at(body: &[u8], time: &str) -> Pairs {
    let sig = raw_signature(
        &keys().antom.signing_key(),
        NOTIFY_PATH,
        CLIENT_ID,
        time,
        body,
    );
    notification_headers(CLIENT_ID, time, &signature_value(&sig))
}

#[test]
fn freshness_and_replay_guards_are_off_by_default_and_refuse_when_on() {
    use std::time::Duration;
    let m = NotificationMatrix::new();
    let verdict = |v: &WebhookVerifier, headers: &Pairs| {
        NotificationMatrix::verdict(v, "POST", NOTIFY_PATH, headers, &m.body)
    };
    // Off by default: an exact repeat and a very old time both verify.
    let old = signed_at(&m.body, "2019-01-01T01:01:01Z");
    let plain = verifier();
    for _ in 0..2 {
        assert_eq!(verdict(&plain, &old), Ok(()));
    }

    // 2023-11-14T22:13:20Z.
    let now = 1_700_000_000_000u64;
    let windowed = verifier()
        .max_age(Duration::from_secs(300))
        .clock(FixedClock(now));
    for time in [
        "2023-11-14T22:13:20Z",
        "2023-11-15T06:10:00+08:00",
        "1700000299999",
    ] {
        assert_eq!(
            verdict(&windowed, &signed_at(&m.body, time)),
            Ok(()),
            "{time}"
        );
    }
    for time in [
        "2023-11-14T22:03:20Z",
        "1700000300001",
        "2019-01-01T01:01:01Z",
    ] {
        assert_eq!(
            verdict(&windowed, &signed_at(&m.body, time)),
            Err(WebhookError::Stale),
            "{time}"
        );
    }
    assert_eq!(
        verdict(&windowed, &signed_at(&m.body, "14 Nov 2023 22:13:20")),
        Err(WebhookError::UnreadableTime)
    );
    // The window is checked only after the signature: a forged fresh time is a mismatch.
    let forged_time = replace(&old, header::REQUEST_TIME, Some("2023-11-14T22:13:20Z"));
    assert!(matches!(
        verdict(&windowed, &forged_time),
        Err(WebhookError::Signature(_))
    ));

    let guarded = verifier().replay_guard(8);
    let copy = guarded.clone();
    assert_eq!(verdict(&guarded, &m.headers), Ok(()));
    assert_eq!(
        verdict(&copy, &m.headers),
        Err(WebhookError::Replayed),
        "shared by clones"
    );
    assert_eq!(
        verdict(&guarded, &signed_at(&m.body, "2023-11-14T22:13:21Z")),
        Ok(()),
        "a resend signed afresh is not a replay"
    );
    // Bounded: after 8 other notifications the first is forgotten.
    for second in 30..38 {
        let time = format!("2023-11-14T22:13:{second}Z");
        assert_eq!(verdict(&guarded, &signed_at(&m.body, &time)), Ok(()));
    }
    assert_eq!(verdict(&guarded, &m.headers), Ok(()));
}

/// The response's `Signature` header is parsed from its bytes (not first checked as text); one
/// that is not text is still reported as exactly that, before anything else that is wrong.
#[test]
fn a_response_signature_header_that_is_not_text_is_reported_as_that() {
    use antom_vault::error::{Error, ResponseSignatureError};

    let m = ResponseMatrix::new();
    let valid = signature_value(&m.signature);
    // Not visible ASCII in the signature itself, and in a part before it (both valid UTF-8, so
    // only a text check can tell them from a signature that does not verify).
    let in_signature = valid.replacen("signature=", "signature=\u{e9}", 1);
    let in_a_part = valid.replacen("signature=", "note=\u{e9},signature=", 1);
    let not_text = |pairs: &Pairs, value: &str| {
        let mut map = header_map(&replace(pairs, header::SIGNATURE, None));
        map.append(
            HeaderName::from_static(header::SIGNATURE),
            HeaderValue::from_bytes(value.as_bytes()).expect("obs-text is a valid header value"),
        );
        map
    };
    let without_time = replace(&m.headers, header::RESPONSE_TIME, None);
    let other_client = replace(&m.headers, header::CLIENT_ID, Some(OTHER_CLIENT_ID));
    for value in [&in_signature, &in_a_part] {
        for (case, pairs) in [
            ("all else right", &m.headers),
            ("no response-time", &without_time),
            ("another client-id", &other_client),
        ] {
            let error = m
                .client
                .verify_response::<VaultPaymentMethod>(&not_text(pairs, value), &m.body)
                .unwrap_err();
            assert!(
                matches!(
                    error,
                    Error::ResponseSignature {
                        reason: ResponseSignatureError::HeaderNotText(header::SIGNATURE),
                        ..
                    }
                ),
                "{case}: {error:?}"
            );
        }
    }
    // The same headers with text signatures report their own faults.
    let reason = |pairs: &Pairs| match m
        .client
        .verify_response::<VaultPaymentMethod>(&header_map(pairs), &m.body)
        .unwrap_err()
    {
        Error::ResponseSignature { reason, .. } => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        reason(&without_time),
        ResponseSignatureError::Incomplete {
            missing: header::RESPONSE_TIME
        }
    );
    assert_eq!(
        reason(&other_client),
        ResponseSignatureError::ClientIdMismatch
    );
}
