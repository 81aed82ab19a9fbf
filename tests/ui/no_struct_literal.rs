//! Generated types are `#[non_exhaustive]`: no struct literal can skip the builder.
use antom_vault::InquireVaultingRequest;

fn main() {
    let _request = InquireVaultingRequest {
        vaulting_request_id: "vr-1".to_owned(),
        merchant_account_id: None,
    };
}
