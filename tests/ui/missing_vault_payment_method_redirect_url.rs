//! `VaultPaymentMethodRequest` cannot be built without `redirect_url`.
use antom_vault::{CardDetail, Env, PaymentMethodDetail, TerminalType, VaultPaymentMethodRequest};

fn card() -> PaymentMethodDetail {
    PaymentMethodDetail::builder()
        .payment_method_type("CARD")
        .card(
            CardDetail::builder()
                .card_no("4111111111111111")
                .expiry_year("29")
                .expiry_month("03")
                .build(),
        )
        .build()
}

fn main() {
    let _request = VaultPaymentMethodRequest::builder()
        .vaulting_request_id("vr-1")
        .vaulting_notification_url("https://merchant.example.com/notify")
        .payment_method_detail(card())
        .env(Env::builder().terminal_type(TerminalType::Web).build())
        .build();
}
