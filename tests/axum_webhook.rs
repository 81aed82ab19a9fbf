//! The axum extractor (`webhook::axum`, feature `axum`) behind the routings that broke the old
//! example: a nested router, an ingress that strips a prefix, a query string; and a wrong key,
//! which is refused and never acknowledged.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use antom_vault::NotifyVaulting;
use antom_vault::reqwest;
use antom_vault::webhook::axum::{Acknowledge, Verified};
use antom_vault::webhook::{ACKNOWLEDGEMENT, WebhookVerifier};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::routing::post;
use support::keys;
use support::notify::{MERCHANT_ID, notification_body, signed_headers};

#[derive(Clone)]
struct App {
    verifier: WebhookVerifier,
    handled: Arc<AtomicUsize>,
}

impl FromRef<App> for WebhookVerifier {
    fn from_ref(app: &App) -> Self {
        app.verifier.clone()
    }
}

async fn notify(
    State(app): State<App>,
    Verified(notification): Verified<NotifyVaulting>,
) -> Acknowledge {
    assert_eq!(notification.client_id, MERCHANT_ID);
    app.handled.fetch_add(1, Ordering::SeqCst);
    Acknowledge
}

/// Serves `/antom/notify` nested under `/antom` (the handler's own route is `/notify`); returns
/// the base URL and the handler's call counter.
async fn serve_nested(verifier: WebhookVerifier) -> (String, Arc<AtomicUsize>) {
    let handled = Arc::new(AtomicUsize::new(0));
    let app = App {
        verifier,
        handled: handled.clone(),
    };
    let inner = Router::new().route("/notify", post(notify));
    let router = Router::new().nest("/antom", inner).with_state(app);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (base, handled)
}

/// POSTs a notification signed over `signed_path` to `base` + `request_path`.
async fn deliver(
    base: &str,
    request_path: &str,
    signed_path: &str,
    signer: &antom_vault::SigningKey,
) -> (u16, Vec<u8>) {
    let body = notification_body("visa-1796334024466-1");
    let headers = signed_headers(
        signer,
        signed_path,
        MERCHANT_ID,
        "1700000000000",
        &body,
        Some(1),
    );
    let mut request = reqwest::Client::new()
        .post(format!("{base}{request_path}"))
        .body(body);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

fn antom_verifier() -> WebhookVerifier {
    WebhookVerifier::new(keys().antom.verifying_key()).expect_client_id(MERCHANT_ID)
}

#[tokio::test]
async fn a_nested_router_verifies_over_the_original_uri_and_acknowledges() {
    let (base, handled) = serve_nested(antom_verifier()).await;
    let antom = keys().antom.signing_key();
    let (status, body) = deliver(&base, "/antom/notify", "/antom/notify", &antom).await;
    assert_eq!((status, body.as_slice()), (200, ACKNOWLEDGEMENT));
    assert_eq!(handled.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_query_string_is_part_of_the_signed_path() {
    let (base, handled) = serve_nested(antom_verifier()).await;
    let antom = keys().antom.signing_key();
    let path = "/antom/notify?shop=7&region=eu";
    let (status, body) = deliver(&base, path, path, &antom).await;
    assert_eq!((status, body.as_slice()), (200, ACKNOWLEDGEMENT));
    // The same notification signed for another query is not this one.
    let (status, _) = deliver(&base, path, "/antom/notify?shop=8&region=eu", &antom).await;
    assert_eq!(status, 401);
    // With the URL configured, the query is taken from it.
    let configured = antom_verifier()
        .notification_url("https://shop.example/antom/notify?shop=7&region=eu")
        .unwrap();
    let (base, configured_handled) = serve_nested(configured).await;
    let (status, body) = deliver(&base, path, path, &antom).await;
    assert_eq!((status, body.as_slice()), (200, ACKNOWLEDGEMENT));
    assert_eq!(handled.load(Ordering::SeqCst), 1);
    assert_eq!(configured_handled.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_prefix_stripped_by_an_ingress_verifies_with_the_configured_url() {
    // Antom calls https://shop.example/payments/antom/notify; the ingress strips `/payments`.
    let antom = keys().antom.signing_key();
    let public = "/payments/antom/notify";
    let (base, handled) = serve_nested(antom_verifier()).await;
    let (status, body) = deliver(&base, "/antom/notify", public, &antom).await;
    assert_eq!(status, 401, "without the URL the received path is signed");
    assert_ne!(body.as_slice(), ACKNOWLEDGEMENT);
    assert_eq!(handled.load(Ordering::SeqCst), 0);

    let verifier = antom_verifier()
        .notification_url("https://shop.example/payments/antom/notify")
        .unwrap();
    let (base, handled) = serve_nested(verifier).await;
    let (status, body) = deliver(&base, "/antom/notify", public, &antom).await;
    assert_eq!((status, body.as_slice()), (200, ACKNOWLEDGEMENT));
    assert_eq!(handled.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_notification_signed_with_another_key_is_refused_and_not_acknowledged() {
    let verifier = antom_verifier()
        .notification_url("https://shop.example/antom/notify")
        .unwrap();
    let (base, handled) = serve_nested(verifier).await;
    let merchant = keys().merchant.signing_key();
    let (status, body) = deliver(&base, "/antom/notify", "/antom/notify", &merchant).await;
    assert_eq!(status, 401);
    assert!(body.is_empty());
    assert_eq!(handled.load(Ordering::SeqCst), 0);
    // A GET is no notification either.
    let response = reqwest::Client::new()
        .get(format!("{base}/antom/notify"))
        .send()
        .await
        .unwrap();
    assert_ne!(response.status().as_u16(), 200);
    assert_eq!(handled.load(Ordering::SeqCst), 0);
}

/// Runs the extractor on one request to `/antom/notify`, signed by `signer` over that path, and
/// returns its refusal.
async fn refusal(
    method: &str,
    body: Vec<u8>,
    signer: &antom_vault::SigningKey,
) -> antom_vault::webhook::axum::Refused {
    use axum::extract::FromRequest;
    let app = App {
        verifier: antom_verifier(),
        handled: Arc::default(),
    };
    let mut request = axum::http::Request::builder()
        .method(method)
        .uri("/antom/notify");
    for (name, value) in signed_headers(
        signer,
        "/antom/notify",
        MERCHANT_ID,
        "1700000000000",
        &body,
        Some(1),
    ) {
        request = request.header(name, value);
    }
    let request = request.body(axum::body::Body::from(body)).unwrap();
    match Verified::<NotifyVaulting>::from_request(request, &app).await {
        Ok(_) => panic!("{method}: the extractor accepted the request"),
        Err(refused) => refused,
    }
}

#[tokio::test]
async fn each_refusal_has_its_status_and_typed_reason() {
    use antom_vault::webhook::WebhookError;
    let antom = keys().antom.signing_key();
    let notification = notification_body("visa-1796334024466-1");

    // Not a POST: 405, whatever the signature.
    let refused = refusal("PUT", notification.clone(), &antom).await;
    assert_eq!(refused.status().as_u16(), 405);
    assert!(matches!(
        refused.reason(),
        Some(WebhookError::MethodNotPost(_))
    ));

    // Signed correctly, but no notification: 400.
    let refused = refusal("POST", br#"{"not":"a notification"}"#.to_vec(), &antom).await;
    assert_eq!(refused.status().as_u16(), 400);
    assert!(matches!(
        refused.reason(),
        Some(WebhookError::Decode { .. })
    ));

    // Signed by someone else: 401.
    let refused = refusal("POST", notification, &keys().merchant.signing_key()).await;
    assert_eq!(refused.status().as_u16(), 401);
    assert!(refused.reason().is_some());

    // A body the extractor cannot read (over axum's default limit): its status, no reason.
    let refused = refusal("POST", vec![b' '; 3 << 20], &antom).await;
    assert_eq!(refused.status().as_u16(), 413);
    assert!(refused.reason().is_none());
}
