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

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[tokio::test]
async fn tracing_records_the_call_but_never_bodies_or_keys() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

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
