//! HTTP routes: the three APIs (production and sandbox paths), the buyer pages and the control API.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};

use crate::emulator::Shared;
use crate::engine::{self, Reply, result_body};
use crate::faults::{ChosenFault, FaultKind};
use crate::server::ConnectionControl;
use crate::state::{Api, ReceivedRequest};
use crate::{control, gateway, lenient, notifier, pages, spec_check, timefmt};

/// Builds the emulator's router.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/ams/{*rest}", any(api_call))
        .route(
            "/hosted/vaulting/{session_id}",
            get(pages::card_form).post(pages::card_submit),
        )
        .route(
            "/hosted/3ds/{token}",
            get(pages::challenge_page).post(pages::challenge_submit),
        )
        .merge(control::router())
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
        .with_state(shared)
}

/// How the answer is signed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Signing {
    Signed,
    Corrupt,
    Unsigned,
}

/// A JSON answer with Antom's response headers.
fn json_response(shared: &Shared, path: &str, body: Vec<u8>, signing: Signing) -> Response {
    let mut response = (StatusCode::OK, body.clone()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&shared.client_id) {
        headers.insert("client-id", v);
    }
    if signing != Signing::Unsigned {
        let time = timefmt::now_iso();
        let signature = if signing == Signing::Corrupt {
            let mut other = body;
            other.extend_from_slice(b" ");
            shared.signer.header(path, &shared.client_id, &time, &other)
        } else {
            shared.signer.header(path, &shared.client_id, &time, &body)
        };
        if let (Ok(t), Ok(s)) = (
            HeaderValue::from_str(&time),
            HeaderValue::from_str(&signature),
        ) {
            headers.insert("response-time", t);
            headers.insert("signature", s);
        }
    }
    response
}

fn gateway_error(
    shared: &Shared,
    path: &str,
    status: &str,
    code: &str,
    message: &str,
    signing: Signing,
) -> Response {
    json_response(shared, path, result_body(status, code, message), signing)
}

async fn drop_connection(control: Option<&ConnectionControl>) -> Response {
    match control {
        Some(c) => {
            c.drop_connection();
            std::future::pending::<()>().await;
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Every `/ams/...` call.
async fn api_call(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    control: Option<axum::Extension<ConnectionControl>>,
    body: Bytes,
) -> Response {
    let path = uri.path();
    let control = control.map(|c| c.0);
    let api = match gateway::admit(&shared, &method, path, &headers, &body) {
        Ok(api) => api,
        Err(refusal) => {
            let signing = if refusal.signed {
                Signing::Signed
            } else {
                Signing::Unsigned
            };
            return gateway_error(&shared, path, "F", refusal.code, &refusal.message, signing);
        }
    };
    let request = match spec_check::check(api, &body) {
        Ok(request) => request,
        Err(message) => {
            return gateway_error(
                &shared,
                path,
                "F",
                "PARAM_ILLEGAL",
                &message,
                Signing::Signed,
            );
        }
    };
    let request_id = lenient::text(&request, &["vaultingRequestId"]).unwrap_or_default();
    shared.record_request(ReceivedRequest {
        api,
        vaulting_request_id: request_id.clone(),
        body_sha256: engine::sha256_hex(&body),
    });
    let fault = shared.lock_faults().choose(api.name(), &request_id);
    let mut signing = Signing::Signed;
    let mut lose_response = false;
    let mut pause = std::time::Duration::ZERO;
    if let Some(ChosenFault { kind, delay }) = fault {
        match kind {
            FaultKind::UnknownException => {
                return gateway_error(
                    &shared,
                    path,
                    "U",
                    "UNKNOWN_EXCEPTION",
                    "An unknown exception occurred (injected).",
                    Signing::Signed,
                );
            }
            FaultKind::RateLimit => {
                return gateway_error(
                    &shared,
                    path,
                    "U",
                    "REQUEST_TRAFFIC_EXCEED_LIMIT",
                    "The request traffic exceeds the limit (injected).",
                    Signing::Signed,
                );
            }
            FaultKind::Http500 => {
                return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
                    .into_response();
            }
            FaultKind::Http502 => return (StatusCode::BAD_GATEWAY, "Bad Gateway").into_response(),
            FaultKind::DropConnection => return drop_connection(control.as_ref()).await,
            FaultKind::Delay => pause = delay,
            FaultKind::LoseResponse => lose_response = true,
            FaultKind::CorruptSignature => signing = Signing::Corrupt,
            FaultKind::Unsigned => signing = Signing::Unsigned,
        }
    }
    let reply: Reply = match api {
        Api::CreateVaultingSession => engine::create_session(&shared, &request),
        Api::VaultPaymentMethod => engine::vault_payment_method(&shared, &request),
        Api::InquireVaulting => engine::inquire(&shared, &request),
    };
    if let Some(job) = reply.notify {
        notifier::spawn(shared.clone(), job);
    }
    // The work is done before any wait, so a client that gives up still finds the vaulting.
    if !pause.is_zero() {
        tokio::time::sleep(pause).await;
    }
    if lose_response || reply.lose_response {
        return drop_connection(control.as_ref()).await;
    }
    json_response(&shared, path, reply.body, signing)
}
