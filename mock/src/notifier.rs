//! Delivers signed notifyVaulting calls to the merchant, re-sending on Antom's schedule until the
//! acknowledgement comes back.

use std::sync::Arc;
use std::time::Duration;

use antom_vault::client::CONTENT_TYPE_JSON;
use antom_vault::signing::header;
use serde::Serialize;

use crate::emulator::Shared;
use crate::timefmt;

/// Antom's resend schedule (delay before each attempt), before the speed-up factor is applied.
pub const SCHEDULE: [Duration; 8] = [
    Duration::from_secs(0),
    Duration::from_secs(2 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(60 * 60),
    Duration::from_secs(2 * 60 * 60),
    Duration::from_secs(6 * 60 * 60),
    Duration::from_secs(15 * 60 * 60),
];

/// The acknowledgement a merchant must answer, byte for byte (the library's).
pub use antom_vault::webhook::ACKNOWLEDGEMENT;

/// One notification to deliver.
#[derive(Clone)]
pub struct NotifyJob {
    /// Which vaulting it reports.
    pub vaulting_request_id: String,
    /// The merchant's `vaultingNotificationUrl`.
    pub url: String,
    /// The body (identical on every attempt; only the time and signature change).
    pub body: Vec<u8>,
}

impl std::fmt::Debug for NotifyJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifyJob")
            .field("vaulting_request_id", &self.vaulting_request_id)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// One delivery attempt, as recorded by the emulator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryAttempt {
    /// Which vaulting the notification reports.
    pub vaulting_request_id: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The HTTP status the merchant answered, if it answered.
    pub http_status: Option<u16>,
    /// Whether the answer was the acknowledgement (delivery then stops).
    pub acknowledged: bool,
    /// A transport error, if any.
    pub error: Option<String>,
}

/// Whether a merchant's answer acknowledges the notification: the exact acknowledgement bytes
/// (surrounding whitespace ignored).
pub fn is_acknowledgement(body: &[u8]) -> bool {
    body.trim_ascii() == ACKNOWLEDGEMENT
}

/// Splits a URL into the path-and-query that the signature covers.
fn signed_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..]
            .split('#')
            .next()
            .unwrap_or("/")
            .to_owned(),
        None => "/".to_owned(),
    }
}

/// Ends the store's record of one delivery when the delivery task ends, however it ends.
struct DeliveryInProgress {
    shared: Arc<Shared>,
    vaulting_request_id: String,
}

impl Drop for DeliveryInProgress {
    fn drop(&mut self) {
        self.shared
            .lock_store()
            .end_notification(&self.vaulting_request_id);
        self.shared.deliveries_ended.send_modify(|n| *n += 1);
    }
}

/// Starts delivering `job` in the background. The caller has recorded it with
/// [`crate::state::Store::begin_notification`]; the task ends that record.
pub(crate) fn spawn(shared: Arc<Shared>, job: NotifyJob) {
    let in_progress = DeliveryInProgress {
        shared: shared.clone(),
        vaulting_request_id: job.vaulting_request_id.clone(),
    };
    tokio::spawn(async move {
        let _in_progress = in_progress;
        let mut shutdown = shared.shutdown.clone();
        for (i, delay) in SCHEDULE.iter().enumerate() {
            let wait = delay.div_f64(shared.notify_speedup);
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = shutdown.changed() => return,
            }
            let attempt = deliver_once(&shared, &job, i as u32 + 1).await;
            let done = attempt.acknowledged;
            shared.record_delivery(attempt);
            if done {
                return;
            }
        }
    });
}

async fn deliver_once(shared: &Shared, job: &NotifyJob, attempt: u32) -> DeliveryAttempt {
    let time = timefmt::now_iso();
    let signature =
        shared
            .signer
            .header(&signed_path(&job.url), &shared.client_id, &time, &job.body);
    let sent = shared
        .http
        .post(&job.url)
        .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE_JSON)
        .header(header::CLIENT_ID, &shared.client_id)
        .header(header::REQUEST_TIME, &time)
        .header(header::SIGNATURE, signature)
        .body(job.body.clone())
        .send()
        .await;
    let mut record = DeliveryAttempt {
        vaulting_request_id: job.vaulting_request_id.clone(),
        attempt,
        http_status: None,
        acknowledged: false,
        error: None,
    };
    match sent {
        Ok(response) => {
            let status = response.status();
            record.http_status = Some(status.as_u16());
            match response.bytes().await {
                Ok(body) => {
                    record.acknowledged = status.as_u16() == 200 && is_acknowledgement(&body)
                }
                Err(e) => record.error = Some(e.to_string()),
            }
        }
        Err(e) => record.error = Some(e.to_string()),
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_path_keeps_path_and_query_only() {
        assert_eq!(
            signed_path("http://127.0.0.1:9/hooks/antom?x=1"),
            "/hooks/antom?x=1"
        );
        assert_eq!(signed_path("https://merchant.example"), "/");
        assert_eq!(signed_path("https://m.example/a#frag"), "/a");
    }

    #[test]
    fn only_the_exact_acknowledgement_counts() {
        assert!(is_acknowledgement(ACKNOWLEDGEMENT));
        assert!(is_acknowledgement(b"  {\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"S\",\"resultMessage\":\"success\"}}\n"));
        assert!(!is_acknowledgement(b"{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":\"F\",\"resultMessage\":\"success\"}}"));
        assert!(!is_acknowledgement(b"OK"));
    }
}
