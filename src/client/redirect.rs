//! Reaching the URLs Antom returns when the buyer must finish a step (3-D Secure).
//!
//! vaultPaymentMethod may answer U with `VERIFICATION_IN_PROCESS` and one or more of `normalUrl`,
//! `schemeUrl` and `applinkUrl`. That is a normal step, so the client returns it as `Ok`; the
//! vaulting outcome follows in notifyVaulting (or inquireVaulting). If that code comes back with
//! **no** URL at all, Antom's guidance is to treat the attempt as failed and start over with a new
//! `vaultingRequestId`: [`VaultPaymentMethodResponse::redirect`] then returns `None` while
//! [`VaultPaymentMethodResponse::is_verification_in_process`] is true.
//!
//! inquireVaulting returns the same URLs while `vaultingStatus` is `PROCESSING`.

use crate::{
    InquireVaultingResponse, VaultPaymentMethodResponse, VaultPaymentMethodResultCode,
    VaultingStatus,
};

/// The URLs the buyer can be sent to; at least one is present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Redirect<'a> {
    /// Web page for a browser or WebView (for cards: the 3-D Secure page).
    pub normal_url: Option<&'a str>,
    /// URL scheme that opens an installed app.
    pub scheme_url: Option<&'a str>,
    /// App Link / Universal Link: opens the app if installed, else a mobile web page.
    pub applink_url: Option<&'a str>,
}

impl<'a> Redirect<'a> {
    fn from_parts(
        normal_url: &'a Option<String>,
        scheme_url: &'a Option<String>,
        applink_url: &'a Option<String>,
    ) -> Option<Self> {
        let non_empty = |url: &'a Option<String>| url.as_deref().filter(|u| !u.is_empty());
        let redirect = Redirect {
            normal_url: non_empty(normal_url),
            scheme_url: non_empty(scheme_url),
            applink_url: non_empty(applink_url),
        };
        (redirect.normal_url.is_some()
            || redirect.scheme_url.is_some()
            || redirect.applink_url.is_some())
        .then_some(redirect)
    }

    /// The URL for a browser: `normalUrl`, else `applinkUrl` (which falls back to a web page).
    pub fn for_browser(&self) -> Option<&'a str> {
        self.normal_url.or(self.applink_url)
    }

    /// The URL for a mobile app: `applinkUrl`, else `schemeUrl`, else `normalUrl`.
    pub fn for_app(&self) -> Option<&'a str> {
        self.applink_url.or(self.scheme_url).or(self.normal_url)
    }
}

impl VaultPaymentMethodResponse {
    /// True when Antom answered `VERIFICATION_IN_PROCESS`: the buyer must finish verification.
    pub fn is_verification_in_process(&self) -> bool {
        self.result_code() == VaultPaymentMethodResultCode::VerificationInProcess
    }

    /// Where to send the buyer, when the answer is `VERIFICATION_IN_PROCESS` with at least one URL.
    pub fn redirect(&self) -> Option<Redirect<'_>> {
        if !self.is_verification_in_process() {
            return None;
        }
        Redirect::from_parts(&self.normal_url, &self.scheme_url, &self.applink_url)
    }
}

impl InquireVaultingResponse {
    /// Where to send the buyer, while `vaultingStatus` is `PROCESSING` and Antom returned a URL.
    pub fn redirect(&self) -> Option<Redirect<'_>> {
        if self.vaulting_status != Some(VaultingStatus::Processing) {
            return None;
        }
        Redirect::from_parts(&self.normal_url, &self.scheme_url, &self.applink_url)
    }
}
