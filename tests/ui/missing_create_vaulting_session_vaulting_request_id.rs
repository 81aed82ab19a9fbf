//! `CreateVaultingSessionRequest` cannot be built without `vaulting_request_id`.
use antom_vault::CreateVaultingSessionRequest;

fn main() {
    let _request = CreateVaultingSessionRequest::builder()
        .payment_method_type("CARD")
        .vaulting_notification_url("https://merchant.example.com/notify")
        .build();
}
