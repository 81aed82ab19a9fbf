//! A nested object's required field (`paymentMethodDetail.card.cardNo`) is enforced too.
use antom_vault::CardDetail;

fn main() {
    let _card = CardDetail::builder()
        .expiry_year("29")
        .expiry_month("03")
        .cvv("737")
        .build();
}
