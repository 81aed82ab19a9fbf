//! Tracing output of a client call: the span and its fields, and never bodies, keys or card
//! data. In its own test binary so that no other test shares the tracing callsites.

mod support;

use std::sync::{Arc, Mutex};

use support::api::{SessionApi, TestRequest, vault_request};
use support::server::*;

/// A `MakeWriter` collecting log output.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// A subscriber writing every level, without colours, into this buffer.
    fn subscriber(&self) -> impl tracing::Subscriber + Send + Sync + 'static {
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(self.clone())
            .with_ansi(false)
            .finish()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[tokio::test]
async fn tracing_records_the_call_but_never_bodies_or_keys() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(captured.subscriber());

    let server = Server::start(vec![reply("U", "UNKNOWN_EXCEPTION"), reply("S", "SUCCESS")]).await;
    client_for(&server)
        .execute::<SessionApi>(&TestRequest::new("vr-traced", CARD_NUMBER))
        .await
        .unwrap();
    // A real card request that is answered with an error.
    let server = Server::start(vec![reply("F", "PARAM_ILLEGAL")]).await;
    let error = client_for(&server)
        .vault_payment_method(&vault_request("vr-card", CARD_NUMBER, "Zoë"))
        .await
        .unwrap_err();
    assert!(!format!("{error} {error:?}").contains(CARD_NUMBER));
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("antom_call"), "{logs}");
    assert!(
        logs.contains("api=\"createVaultingSession\"")
            || logs.contains("api=createVaultingSession"),
        "{logs}"
    );
    assert!(logs.contains("vr-traced"), "{logs}");
    assert!(logs.contains("attempt=2"), "{logs}");
    assert!(
        logs.contains("UNKNOWN_EXCEPTION") && logs.contains("SUCCESS"),
        "{logs}"
    );
    assert!(
        logs.contains("vr-card") && logs.contains("PARAM_ILLEGAL"),
        "{logs}"
    );
    assert!(!logs.contains(CARD_NUMBER), "card data in logs");
    assert!(!logs.contains("123\""), "cvv in logs");
    assert!(!logs.contains("signature="), "signature in logs");
    assert!(!logs.contains("m-SUCCESS"), "response body content in logs");
}

#[tokio::test]
async fn timestamp_style_ids_are_logged_verbatim_in_the_span_and_the_notification_log() {
    const ID: &str = "visa-1796334024466-1";
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(captured.subscriber());

    let server = Server::start(vec![reply("S", "SUCCESS")]).await;
    client_for(&server)
        .execute::<SessionApi>(&TestRequest::new(ID, CARD_NUMBER))
        .await
        .unwrap();
    let body = support::notify::notification_body(ID);
    let antom = support::keys().antom.signing_key();
    let merchant = support::notify::MERCHANT_ID;
    let headers =
        support::notify::signed_headers(&antom, "/notify", merchant, "1700000000000", &body, None);
    antom_vault::webhook::WebhookVerifier::new(support::keys().antom.verifying_key())
        .verify::<antom_vault::NotifyVaulting, _>("POST", "/notify", &headers, &body)
        .unwrap();

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let verified_line = logs
        .lines()
        .find(|line| line.contains("verified notification"))
        .expect("a verified-notification line");
    assert!(verified_line.contains(ID), "{verified_line}");
    assert!(verified_line.contains(merchant), "{verified_line}");
    let span_lines = logs.lines().filter(|line| line.contains("antom_call"));
    assert!(span_lines.clone().count() > 0, "{logs}");
    assert!(span_lines.clone().all(|line| line.contains(ID)), "{logs}");
    assert!(!logs.contains("****4661"), "an id was masked: {logs}");
    assert!(!logs.contains(CARD_NUMBER), "card data in logs");
}
