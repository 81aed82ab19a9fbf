//! Decisions of the spec round two: the oneapi-style notification is verified, parsed and
//! acknowledged; the CVV admits 3 and 4 digits; the SDK-only card fields are typed.

mod support;

use antom_vault::validate::Validate;
use antom_vault::webhook::{ACKNOWLEDGEMENT, WebhookVerifier};
use antom_vault::{
    CardBrand, CardDetail, Notification, NotifyVaulting, ResultStatus, VaultPaymentMethodRequest,
    VaultingStatus,
};
use support::keys;

const NOTIFY_PATH: &str = "/antom/notify";
const CLIENT_ID: &str = "5X00000000000000";

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn a_oneapi_style_notification_is_verified_parsed_and_acknowledged() {
    let body = fixture("notify_vaulting/notification_oneapi_with_unknown_fields.json");
    let time = "1763691462000";
    let signature = keys()
        .antom
        .signing_key()
        .sign_request(NOTIFY_PATH, CLIENT_ID, time, &body, Some(1))
        .unwrap();
    let headers = vec![
        ("client-id".to_owned(), CLIENT_ID.to_owned()),
        ("request-time".to_owned(), time.to_owned()),
        ("signature".to_owned(), signature.to_string()),
    ];
    let notification = WebhookVerifier::new(keys().antom.verifying_key())
        .expect_client_id(CLIENT_ID)
        .verify::<NotifyVaulting, _>("POST", NOTIFY_PATH, &headers, &body)
        .expect("a oneapi-style notification is accepted")
        .into_notification();
    assert_eq!(
        NotifyVaulting::idempotency_key(&notification),
        "vr-2026-11-21-oneapi-0003"
    );
    assert_eq!(notification.result.result_status, ResultStatus::Success);
    // resultMsg is not the spec's name: the message is simply absent.
    assert_eq!(notification.result.result_message, None);
    assert_eq!(notification.vaulting_status, Some(VaultingStatus::Success));
    let card = notification.payment_method_detail.unwrap().card.unwrap();
    assert_eq!(card.avs_result_raw.as_deref(), Some("Y"));
    assert_eq!(card.cvv_result_raw.as_deref(), Some("M"));
    let acquirer = notification.acquirer_info.unwrap();
    assert_eq!(acquirer.acquirer_result_code.as_deref(), Some("00"));
    assert_eq!(
        acquirer
            .acquirer_card_token
            .as_ref()
            .map(antom_vault::CardToken::expose),
        Some("acq-tok-5f0c7e2a91b3d4")
    );
    assert!(!format!("{acquirer:?}").contains("acq-tok-5f0c"));
    // What the handler answers once the notification is stored.
    assert_eq!(
        ACKNOWLEDGEMENT,
        fixture("notify_vaulting/acknowledgement.json").as_slice()
    );
}

#[test]
fn sdk_card_fields_are_typed() {
    let body = fixture("inquire_vaulting/response_sdk_card_fields.json");
    let response: antom_vault::InquireVaultingResponse = serde_json::from_slice(&body).unwrap();
    let card = response.payment_method_detail.unwrap().card.unwrap();
    assert_eq!(card.bin.as_deref(), Some("401288"));
    assert_eq!(card.last_four.as_deref(), Some("0005"));
    assert_eq!(
        card.supported_brands,
        Some(vec!["CARTES_BANCAIRES".to_owned(), "VISA".to_owned()])
    );
    assert_eq!(card.selected_card_brand, Some(CardBrand::CartesBancaires));
    assert!(card.inst_user_name.is_some());
    assert_eq!(
        response.metadata.as_deref(),
        Some("{\"customer\":\"c-2041\"}")
    );
}

fn request_with_cvv(cvv: &str) -> VaultPaymentMethodRequest {
    let body = fixture("vault_payment_method/request_amex_mpi.json");
    let mut request: VaultPaymentMethodRequest = serde_json::from_slice(&body).unwrap();
    let card: &mut CardDetail = &mut request.payment_method_detail.card;
    card.cvv = Some(cvv.to_owned());
    request
}

#[test]
fn a_cvv_of_three_or_four_digits_validates_and_five_does_not() {
    assert!(request_with_cvv("737").validate().is_ok());
    assert!(request_with_cvv("1234").validate().is_ok());
    let errors = request_with_cvv("12345").validate().unwrap_err();
    let text = errors.to_string();
    assert!(text.contains("paymentMethodDetail.card.cvv"), "{text}");
    assert!(!text.contains("12345"), "{text}");
}
