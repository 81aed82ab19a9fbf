//! `CreateVaultingSessionRequest` cannot be built without `payment_method_type`.
use antom_vault::CreateVaultingSessionRequest;

fn main() {
    let _request = CreateVaultingSessionRequest::builder()
        .vaulting_request_id("vr-1")
        .vaulting_notification_url("https://merchant.example.com/notify")
        .build();
}
