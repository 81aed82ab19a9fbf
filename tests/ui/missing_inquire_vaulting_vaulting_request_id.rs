//! `InquireVaultingRequest` cannot be built without `vaulting_request_id`.
use antom_vault::InquireVaultingRequest;

fn main() {
    let _request = InquireVaultingRequest::builder()
        .build();
}
