//! The accept loop: serves the router on each connection and lets a handler drop its connection
//! without answering (for the `drop` and `lost` faults).

use std::sync::Arc;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::ServiceExt as _;

/// Put into every request's extensions: lets a handler close the connection it came on.
#[derive(Clone, Debug, Default)]
pub struct ConnectionControl {
    drop_now: Arc<Notify>,
}

impl ConnectionControl {
    /// Closes the connection without an answer; the caller should then never finish.
    pub fn drop_connection(&self) {
        self.drop_now.notify_one();
    }
}

/// Serves `router` on `listener` until `shutdown` turns true.
pub async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    tracing::warn!("emulator accept failed: {e}");
                    continue;
                }
            },
            _ = shutdown.changed() => return,
        };
        let _ = stream.set_nodelay(true);
        let control = ConnectionControl::default();
        let service = router.clone().map_request({
            let control = control.clone();
            move |mut request: hyper::Request<Incoming>| {
                request.extensions_mut().insert(control.clone());
                request
            }
        });
        let mut conn_shutdown = shutdown.clone();
        tokio::spawn(async move {
            let builder = auto::Builder::new(TokioExecutor::new());
            let connection =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            tokio::select! {
                _ = connection => {}
                _ = control.drop_now.notified() => {}
                _ = conn_shutdown.changed() => {}
            }
        });
    }
}
