//! The buyer's side of a vaulting: the hosted card page of a session and the 3-D Secure page.
//! Submitting either finishes the vaulting (or sends the buyer on to 3DS).

use antom_vault::NotifyVaultingResultCode;

use crate::cards::{self, CardInput, Decision};
use crate::emulator::Shared;
use crate::engine::{
    card_facts, failure_body, hex, notification, random_token, success_body, with_token,
};
use crate::notifier::NotifyJob;
use crate::pages::challenge_url;
use crate::state::{Api, Challenge, Status, Store, Vaulting};
use crate::timefmt;

/// What the buyer sees after submitting a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageOutcome {
    /// The vaulting finished (or had finished): its status, failure code and the merchant's return URL.
    Finished {
        status: Status,
        failure: Option<String>,
        redirect_url: Option<String>,
    },
    /// Go to this 3-D Secure page next.
    Challenge(String),
    /// The link is unknown or expired.
    Gone(&'static str),
}

fn finished(v: &Vaulting) -> PageOutcome {
    PageOutcome::Finished {
        status: v.status.clone(),
        failure: v.failure.as_ref().map(|c| c.as_str().to_owned()),
        redirect_url: v.redirect_url.clone(),
    }
}

/// The page outcome of the now finished vaulting `id` and its notification, which from here
/// on pins the vaulting in the store until delivered.
fn notify(store: &mut Store, id: &str) -> (PageOutcome, Option<NotifyJob>) {
    let Some(v) = store.vaultings.get(id) else {
        return (PageOutcome::Gone("This vaulting does not exist."), None);
    };
    let answer = (finished(v), Some(notification(v)));
    store.begin_notification(id);
    answer
}

/// The buyer submitted a card on the hosted page of `session_id`.
pub fn submit_hosted_card(
    shared: &Shared,
    session_id: &str,
    card: &CardInput<'_>,
) -> (PageOutcome, Option<NotifyJob>) {
    let mut store = shared.lock_store();
    let Some(id) = store.by_session.get(session_id).cloned() else {
        return (
            PageOutcome::Gone("This vaulting session does not exist."),
            None,
        );
    };
    let Some(v) = store.vaultings.get_mut(&id) else {
        return (
            PageOutcome::Gone("This vaulting session does not exist."),
            None,
        );
    };
    if v.status != Status::Processing {
        return (finished(v), None);
    }
    if let Some(c) = &v.challenge {
        return (
            PageOutcome::Challenge(challenge_url(shared, &c.token)),
            None,
        );
    }
    let expired = v
        .session
        .as_ref()
        .is_none_or(|s| timefmt::now_millis() >= s.expires_at_millis);
    if expired {
        return (
            PageOutcome::Gone("This vaulting session has expired."),
            None,
        );
    }
    v.card = Some(card_facts(card.number));
    match cards::decide(card, timefmt::current_year_month()) {
        Decision::Approve(_) if !v.wants_3ds => {
            v.card = v.card.take().map(with_token);
            v.status = Status::Success;
            notify(&mut store, &id)
        }
        Decision::Approve(_) | Decision::Challenge => {
            let token = hex(&random_token(16));
            let card = v.card.clone().unwrap_or_else(|| card_facts(card.number));
            v.challenge = Some(Challenge {
                token: token.clone(),
                card,
            });
            store.by_challenge.insert(token.clone(), id);
            (PageOutcome::Challenge(challenge_url(shared, &token)), None)
        }
        Decision::Decline(code) => {
            v.status = Status::Fail;
            v.failure = Some(code);
            notify(&mut store, &id)
        }
    }
}

/// The buyer answered the 3-D Secure page `token`.
pub fn answer_challenge(
    shared: &Shared,
    token: &str,
    passed: bool,
) -> (PageOutcome, Option<NotifyJob>) {
    let mut store = shared.lock_store();
    let Some(id) = store.by_challenge.get(token).cloned() else {
        return (PageOutcome::Gone("This verification does not exist."), None);
    };
    let Some(v) = store.vaultings.get_mut(&id) else {
        return (PageOutcome::Gone("This verification does not exist."), None);
    };
    if v.status != Status::Processing {
        return (finished(v), None);
    }
    let Some(challenge) = v.challenge.clone() else {
        return (PageOutcome::Gone("This verification does not exist."), None);
    };
    if passed {
        v.card = Some(with_token(challenge.card));
        v.status = Status::Success;
    } else {
        v.card = Some(challenge.card);
        v.status = Status::Fail;
        v.failure = Some(NotifyVaultingResultCode::UserPaymentVerificationFailed);
    }
    if v.origin == Api::VaultPaymentMethod {
        v.final_response = Some(if passed {
            success_body(v)
        } else {
            failure_body(v)
        });
    }
    notify(&mut store, &id)
}

/// Whether a 3DS token exists (for rendering the page).
pub fn challenge_exists(shared: &Shared, token: &str) -> Option<PageOutcome> {
    let store = shared.lock_store();
    let id = store.by_challenge.get(token)?;
    let v = store.vaultings.get(id)?;
    Some(if v.status == Status::Processing {
        PageOutcome::Challenge(challenge_url(shared, token))
    } else {
        finished(v)
    })
}

/// The state of a session (for rendering the card form).
pub fn session_state(shared: &Shared, session_id: &str) -> PageOutcome {
    let store = shared.lock_store();
    let Some(v) = store
        .by_session
        .get(session_id)
        .and_then(|id| store.vaultings.get(id))
    else {
        return PageOutcome::Gone("This vaulting session does not exist.");
    };
    if v.status != Status::Processing {
        return finished(v);
    }
    if let Some(c) = &v.challenge {
        return PageOutcome::Challenge(challenge_url(shared, &c.token));
    }
    if v.session
        .as_ref()
        .is_none_or(|s| timefmt::now_millis() >= s.expires_at_millis)
    {
        return PageOutcome::Gone("This vaulting session has expired.");
    }
    PageOutcome::Finished {
        status: Status::Processing,
        failure: None,
        redirect_url: v.redirect_url.clone(),
    }
}
