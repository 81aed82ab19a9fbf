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

/// The acknowledgement the library answers; any body equal to it as JSON acknowledges
/// (docs/acknowledgement.md).
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

/// Why a merchant's answer does not acknowledge the notification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAcknowledged {
    /// The HTTP status is not 200.
    Status,
    /// The body is not JSON.
    NotJson,
    /// The body is JSON, but not equal to the acknowledgement.
    OtherValue,
}

impl std::fmt::Display for NotAcknowledged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotAcknowledged::Status => "the HTTP status is not 200",
            NotAcknowledged::NotJson => "the body is not JSON",
            NotAcknowledged::OtherValue => {
                "the body is JSON but not equal to the acknowledgement (result SUCCESS/S/success)"
            }
        })
    }
}

/// Whether a merchant's answer acknowledges the notification: HTTP 200 with a body equal, as
/// JSON, to [`ACKNOWLEDGEMENT`] (key order and whitespace free), or why not.
pub fn check_acknowledgement(status: u16, body: &[u8]) -> Result<(), NotAcknowledged> {
    if status != 200 {
        return Err(NotAcknowledged::Status);
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Err(NotAcknowledged::NotJson);
    };
    match serde_json::from_slice::<serde_json::Value>(ACKNOWLEDGEMENT) {
        Ok(expected) if expected == value => Ok(()),
        _ => Err(NotAcknowledged::OtherValue),
    }
}

/// Whether `body` (answered with HTTP 200) acknowledges the notification.
pub fn is_acknowledgement(body: &[u8]) -> bool {
    check_acknowledgement(200, body).is_ok()
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

/// Starts delivering `job` in the background.
pub(crate) fn spawn(shared: Arc<Shared>, job: NotifyJob) {
    tokio::spawn(async move {
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
                Ok(body) => match check_acknowledgement(status.as_u16(), &body) {
                    Ok(()) => record.acknowledged = true,
                    Err(why) => tracing::info!(
                        vaulting_request_id = %job.vaulting_request_id,
                        attempt,
                        http_status = status.as_u16(),
                        reason = %why,
                        "notification not acknowledged; it will be sent again"
                    ),
                },
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
    fn any_json_equal_acknowledgement_counts() {
        assert!(is_acknowledgement(ACKNOWLEDGEMENT));
        // Other key order and spacing, as generated models serialize it.
        assert!(is_acknowledgement(
            br#" { "result": { "resultMessage": "success", "resultStatus": "S", "resultCode": "SUCCESS" } }
"#
        ));
    }

    #[test]
    fn other_answers_are_refused_with_the_reason() {
        let failed =
            br#"{"result":{"resultCode":"SUCCESS","resultStatus":"F","resultMessage":"success"}}"#;
        assert_eq!(
            check_acknowledgement(200, failed),
            Err(NotAcknowledged::OtherValue)
        );
        let extra = br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"x":"1"}"#;
        assert_eq!(
            check_acknowledgement(200, extra),
            Err(NotAcknowledged::OtherValue)
        );
        assert_eq!(
            check_acknowledgement(200, b"OK"),
            Err(NotAcknowledged::NotJson)
        );
        assert_eq!(
            check_acknowledgement(500, ACKNOWLEDGEMENT),
            Err(NotAcknowledged::Status)
        );
    }
}
