//! `VaultPaymentMethodRequest` cannot be built without `payment_method_detail`.
use antom_vault::{Env, TerminalType, VaultPaymentMethodRequest};


fn main() {
    let _request = VaultPaymentMethodRequest::builder()
        .vaulting_request_id("vr-1")
        .vaulting_notification_url("https://merchant.example.com/notify")
        .redirect_url("https://merchant.example.com/done")
        .env(Env::builder().terminal_type(TerminalType::Web).build())
        .build();
}
