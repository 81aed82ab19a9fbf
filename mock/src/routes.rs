//! HTTP routes: each API at its production and sandbox path (both from the library), the buyer
//! pages and the control API.
//!
//! Every API call takes the same generic path ([`call`]): gateway checks, typed decoding and
//! validation, fault injection, the API's business rules, a typed answer, signing. Methods other
//! than POST on an API path get 405 with `Allow: POST`; bodies over [`MAX_BODY_BYTES`] get 413
//! before anything is read or vaulted; other `/ams/` paths get `NO_INTERFACE_DEF`.

use std::sync::Arc;

use antom_vault::client::{CONTENT_TYPE_JSON, Environment};
use antom_vault::signing::header;
use antom_vault::{CreateVaultingSession, InquireVaulting, VaultPaymentMethod};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header as http_header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};

use crate::answer::{Answerable, GatewayCodes, bare, encode_answer};
use crate::emulator::Shared;
use crate::engine::{self, Served};
use crate::faults::{ChosenFault, FaultKind};
use crate::server::ConnectionControl;
use crate::state::ReceivedRequest;
use crate::{control, gateway, notifier, pages, request, timefmt};
use antom_vault::GatewayResultCode;

/// The largest request body the emulator reads (1 MiB); larger ones get HTTP 413.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Builds the emulator's router.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let router = Router::new();
    let router = api::<CreateVaultingSession>(router);
    let router = api::<VaultPaymentMethod>(router);
    let router = api::<InquireVaulting>(router);
    router
        .route(&format!("/{}/{{*rest}}", api_root()), any(no_interface))
        .merge(pages::router())
        .merge(control::router())
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(shared)
}

/// The first segment every API path shares (`ams`), read from the library's paths.
fn api_root() -> &'static str {
    <CreateVaultingSession as antom_vault::MerchantApi>::PATH
        .split('/')
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

/// The routes of `A`: POST at its production and its sandbox path, 405 for other methods.
fn api<A: Served>(router: Router<Arc<Shared>>) -> Router<Arc<Shared>> {
    [Environment::Production, Environment::Sandbox]
        .into_iter()
        .fold(router, |router, environment| {
            let path: Arc<str> = environment.api_path::<A>().into();
            let handler = {
                let path = path.clone();
                move |State(shared): State<Arc<Shared>>,
                      headers: HeaderMap,
                      control: Option<axum::Extension<ConnectionControl>>,
                      body: Bytes| async move {
                    call::<A>(
                        shared,
                        environment,
                        &path,
                        headers,
                        control.map(|c| c.0),
                        body,
                    )
                    .await
                }
            };
            router.route(&path, post(handler).fallback(method_not_allowed))
        })
}

async fn method_not_allowed() -> Response {
    let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
    response.headers_mut().insert(
        http_header::ALLOW,
        HeaderValue::from_static(antom_vault::signing::METHOD),
    );
    response
}

/// Any other `/ams/...` path: no API is defined there. The answer is the result-only body every
/// API shares, with the gateway-wide code as the spec declares it for every API.
async fn no_interface() -> Response {
    let body = encode_answer::<InquireVaulting>(&bare::<InquireVaulting>(
        &<InquireVaulting as antom_vault::MerchantApi>::ResultCode::gateway(
            GatewayResultCode::NoInterfaceDef,
        ),
        "No API is defined at this path.",
    ));
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        http_header::CONTENT_TYPE,
        HeaderValue::from_static(CONTENT_TYPE_JSON),
    );
    response
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
    let signed = (signing != Signing::Unsigned).then(|| {
        let time = timefmt::now_iso();
        let signature = if signing == Signing::Corrupt {
            let mut other = body.clone();
            other.push(b' ');
            shared.signer.header(path, &shared.client_id, &time, &other)
        } else {
            shared.signer.header(path, &shared.client_id, &time, &body)
        };
        (time, signature)
    });
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        http_header::CONTENT_TYPE,
        HeaderValue::from_static(CONTENT_TYPE_JSON),
    );
    if let Ok(v) = HeaderValue::from_str(&shared.client_id) {
        headers.insert(header::CLIENT_ID, v);
    }
    if let Some((time, signature)) = signed
        && let (Ok(t), Ok(s)) = (
            HeaderValue::from_str(&time),
            HeaderValue::from_str(&signature),
        )
    {
        headers.insert(header::RESPONSE_TIME, t);
        headers.insert(header::SIGNATURE, s);
    }
    response
}

/// A result-only answer of `A`.
fn result_only<A: Answerable>(
    shared: &Shared,
    path: &str,
    code: &A::ResultCode,
    message: &str,
    signing: Signing,
) -> Response {
    json_response(
        shared,
        path,
        encode_answer::<A>(&bare::<A>(code, message)),
        signing,
    )
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

/// One call of `A`: admit, decode typed, validate, decide, answer typed.
async fn call<A: Served>(
    shared: Arc<Shared>,
    environment: Environment,
    path: &str,
    headers: HeaderMap,
    control: Option<ConnectionControl>,
    body: Bytes,
) -> Response {
    if let Err(refusal) = gateway::admit::<A>(&shared, environment, path, &headers, &body) {
        tracing::info!(api = A::NAME, code = %refusal.code, "call refused by the gateway");
        let signing = if refusal.signed {
            Signing::Signed
        } else {
            Signing::Unsigned
        };
        return result_only::<A>(&shared, path, &refusal.code, &refusal.message, signing);
    }
    let request: A::Request = match request::decode(A::SCHEMA.request, &body) {
        Ok(request) => request,
        Err(illegal) => {
            let message = illegal.message();
            tracing::info!(api = A::NAME, %message, "request refused");
            return result_only::<A>(
                &shared,
                path,
                &A::ResultCode::gateway(GatewayResultCode::ParamIllegal),
                &message,
                Signing::Signed,
            );
        }
    };
    let request_id = A::idempotency_key(&request);
    shared.record_request(ReceivedRequest {
        api: A::API,
        vaulting_request_id: request_id.to_owned(),
        body_sha256: engine::sha256_hex(&body),
    });
    let fault = shared.lock_faults().choose(A::NAME, request_id);
    let mut signing = Signing::Signed;
    let mut lose_response = false;
    let mut pause = std::time::Duration::ZERO;
    if let Some(ChosenFault { kind, delay }) = fault {
        tracing::info!(api = A::NAME, fault = ?kind, "injecting a fault");
        match kind {
            FaultKind::UnknownException => {
                return result_only::<A>(
                    &shared,
                    path,
                    &A::ResultCode::gateway(GatewayResultCode::UnknownException),
                    "An unknown exception occurred (injected).",
                    Signing::Signed,
                );
            }
            FaultKind::RateLimit => {
                return result_only::<A>(
                    &shared,
                    path,
                    &A::ResultCode::gateway(GatewayResultCode::RequestTrafficExceedLimit),
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
    let reply = A::decide(&shared, &request);
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
