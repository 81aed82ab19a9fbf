//! Receiving notifications in an [axum](https://docs.rs/axum) service (feature `axum`).
//!
//! [`Verified`] is an extractor: it reads the raw request, verifies it with the
//! [`WebhookVerifier`] taken from the router's state, and only then hands the handler the parsed
//! notification. A request that does not verify never reaches the handler: it is answered 401
//! (400 for a body that is not the notification, 413 for one over the body limit), never
//! acknowledged. The handler stores the notification and returns [`Acknowledge`].
//!
//! The path the signature is checked over is, in this order: the notification URL(s) configured
//! with [`WebhookVerifier::notification_url`]; otherwise the request's
//! [`OriginalUri`], the path before any `Router::nest` stripped its
//! prefix. Behind a proxy or ingress that rewrites the path, only a configured URL works.
//!
//! ```no_run
//! use std::sync::Arc;
//! use antom_vault::NotifyVaulting;
//! use antom_vault::webhook::WebhookVerifier;
//! use antom_vault::webhook::axum::{Acknowledge, Verified};
//! use axum::{Router, extract::FromRef, http::StatusCode, routing::post};
//!
//! #[derive(Clone)]
//! struct App {
//!     verifier: WebhookVerifier,
//! }
//!
//! impl FromRef<App> for WebhookVerifier {
//!     fn from_ref(app: &App) -> Self {
//!         app.verifier.clone()
//!     }
//! }
//!
//! async fn notify(Verified(notification): Verified<NotifyVaulting>) -> Result<Acknowledge, StatusCode> {
//!     // Store it, keyed by notification.vaulting_request_id, then acknowledge.
//!     let _for_merchant = &notification.client_id;
//!     Ok(Acknowledge)
//! }
//!
//! # fn app(antom_key: antom_vault::VerifyingKey) -> Result<Router, antom_vault::error::ConfigError> {
//! let verifier = WebhookVerifier::new(antom_key)
//!     .notification_url("https://shop.example/antom/notify")?;
//! let antom = Router::new().route("/notify", post(notify));
//! Ok(Router::new().nest("/antom", antom).with_state(App { verifier }))
//! # }
//! ```

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{
    ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_CONTENT_TYPE, VerifiedNotification, WebhookError,
    WebhookVerifier,
};
use crate::api::Notification;

/// Extracts a notification of `N` (for example [`NotifyVaulting`](crate::NotifyVaulting)) that
/// verified, with the client id and time it was signed with. Needs a [`WebhookVerifier`] in the
/// router's state (`WebhookVerifier: FromRef<S>`); it must be the handler's last extractor, as it
/// reads the body.
#[derive(Clone, Debug)]
pub struct Verified<N: Notification>(pub VerifiedNotification<N::Body>);

/// Why [`Verified`] refused a request: answered with a status and no body (never the
/// acknowledgement), and logged with the typed reason.
#[derive(Debug)]
pub struct Refused {
    status: StatusCode,
    reason: Option<WebhookError>,
}

impl Refused {
    /// The HTTP status the refusal is answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The verification error, or `None` when the body could not be read.
    pub fn reason(&self) -> Option<&WebhookError> {
        self.reason.as_ref()
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match &self.reason {
            Some(reason) => tracing::warn!(%reason, "notification refused"),
            None => tracing::warn!(status = %self.status, "notification body could not be read"),
        }
        self.status.into_response()
    }
}

impl<N, S> FromRequest<S> for Verified<N>
where
    N: Notification,
    WebhookVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Refused;

    async fn from_request(request: Request, state: &S) -> Result<Self, Refused> {
        let verifier = WebhookVerifier::from_ref(state);
        let method = request.method().clone();
        let headers = request.headers().clone();
        let uri = match request.extensions().get::<OriginalUri>() {
            Some(OriginalUri(original)) => original.clone(),
            None => request.uri().clone(),
        };
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| Refused {
                status: rejection.status(),
                reason: None,
            })?;
        let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
        verifier
            .verify::<N, _>(method.as_str(), path_and_query, &headers, &body)
            .map(Verified)
            .map_err(|reason| Refused {
                status: status_for(&reason),
                reason: Some(reason),
            })
    }
}

/// 400 for a request that is not a notification at all, 401 for one that failed authentication.
fn status_for(reason: &WebhookError) -> StatusCode {
    match reason {
        WebhookError::MethodNotPost(_) => StatusCode::METHOD_NOT_ALLOWED,
        WebhookError::InvalidPath | WebhookError::Decode { .. } => StatusCode::BAD_REQUEST,
        _ => StatusCode::UNAUTHORIZED,
    }
}

/// The acknowledgement Antom expects: HTTP 200 with [`ACKNOWLEDGEMENT`]. Return it only once the
/// notification is stored; anything else makes Antom resend.
#[derive(Clone, Copy, Debug, Default)]
pub struct Acknowledge;

impl IntoResponse for Acknowledge {
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, ACKNOWLEDGEMENT_CONTENT_TYPE)],
            ACKNOWLEDGEMENT,
        )
            .into_response()
    }
}
