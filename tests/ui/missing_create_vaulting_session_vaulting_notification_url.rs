//! `CreateVaultingSessionRequest` cannot be built without `vaulting_notification_url`.
use antom_vault::CreateVaultingSessionRequest;

fn main() {
    let _request = CreateVaultingSessionRequest::builder()
        .payment_method_type("CARD")
        .vaulting_request_id("vr-1")
        .build();
}
