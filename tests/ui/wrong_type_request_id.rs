//! `vaultingRequestId` is a string: an integer does not fit.
use antom_vault::InquireVaultingRequest;

fn main() {
    let _request = InquireVaultingRequest::builder().vaulting_request_id(42).build();
}
