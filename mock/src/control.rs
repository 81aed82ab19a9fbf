//! The control API under `/__emulator/`: fault rules and a look at the emulator's state.
//!
//! - `POST /__emulator/faults` with a [`FaultRule`] as JSON adds a rule; `GET` lists the pending
//!   rules; `DELETE` removes them all.
//! - `GET /__emulator/vaultings`: every vaulting (status, failure code, masked card).
//! - `GET /__emulator/notifications`: every notification delivery attempt.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::emulator::Shared;
use crate::faults::FaultRule;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/__emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route(
            "/__emulator/vaultings",
            get(|State(s): State<Arc<Shared>>| async move { Json(s.snapshots()) }),
        )
        .route(
            "/__emulator/notifications",
            get(|State(s): State<Arc<Shared>>| async move { Json(s.deliveries()) }),
        )
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Vec<FaultRule>> {
    Json(shared.lock_faults().rules())
}

async fn add_fault(State(shared): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    match serde_json::from_slice::<FaultRule>(&body) {
        Ok(rule) => {
            shared.lock_faults().add(rule.clone());
            (StatusCode::CREATED, Json(rule)).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("invalid fault rule: {e}")).into_response(),
    }
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.lock_faults().clear();
    StatusCode::NO_CONTENT
}
