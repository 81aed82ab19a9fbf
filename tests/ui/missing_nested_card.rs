//! `PaymentMethodDetail` needs its `card`.
use antom_vault::PaymentMethodDetail;

fn main() {
    let _detail = PaymentMethodDetail::builder().payment_method_type("CARD").build();
}
