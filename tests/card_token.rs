//! Card tokens (`format: card_token` and `format: acquirer_card_token` in the spec) are typed
//! `CardToken`: the exact JSON string on the wire, a `Debug` that shows at most the last four
//! characters, a value read only through `expose()`; and each message that can carry the vaulted
//! card reaches it through one generated accessor, `vaulted_card()`.

use antom_vault::{
    AcquirerInfo, CardBrand, CardToken, InquireVaultingResponse, VaultPaymentMethodResponse,
    VaultedCard, VaultingNotification,
};

/// A token as Antom writes them: base64 with `+`, `/` and `=`, which must survive byte for byte.
const TOKEN: &str = "ALIPAYyMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP09fb3+Pn6+/z9/mZpeHR1cmUtdG9rZW4=";

fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn debug_of_a_card_token_shows_at_most_its_last_four_characters() {
    let token = CardToken::new(TOKEN);
    let debug = format!("{token:?}");
    assert_eq!(debug, "CardToken(****ZW4=)");
    assert!(!debug.contains(&TOKEN[..TOKEN.len() - 4]));
    // Too short to show anything of it.
    assert_eq!(
        format!("{:?}", CardToken::from("tok-12345")),
        "CardToken(<redacted>)"
    );
    // Pretty and nested forms go through the same Debug.
    let card = VaultedCard::builder().card_token(TOKEN).build();
    assert!(!format!("{card:#?}").contains(&TOKEN[..20]));
    assert!(format!("{card:?}").contains("****ZW4="));
}

#[test]
fn the_token_is_read_only_through_expose_and_is_the_exact_wire_string() {
    let card: VaultedCard =
        serde_json::from_str(&format!(r#"{{"cardToken":"{TOKEN}","brand":"VISA"}}"#)).unwrap();
    let token = card.card_token.as_ref().expect("token");
    assert_eq!(token.expose(), TOKEN);
    assert_eq!(token.clone().into_exposed(), TOKEN);
    // Serialized back, it is the same JSON string, not an object or a masked form.
    let json = serde_json::to_value(&card).unwrap();
    assert_eq!(json["cardToken"], TOKEN);
    assert_eq!(
        serde_json::to_string(token).unwrap(),
        format!("\"{TOKEN}\"")
    );
}

#[test]
fn both_token_fields_of_the_spec_are_card_tokens() {
    let card = VaultedCard::builder().card_token(TOKEN).build();
    let acquirer = AcquirerInfo::builder()
        .acquirer_card_token(String::from("acq-tok-5f0c7e2a91b3d4"))
        .build();
    let typed: [&Option<CardToken>; 2] = [&card.card_token, &acquirer.acquirer_card_token];
    assert!(typed.iter().all(|t| t.is_some()));
    assert!(!format!("{acquirer:?}").contains("acq-tok-5f0c"));
}

#[test]
fn vaulted_card_reaches_token_brand_and_masked_number_from_each_message() {
    let response: VaultPaymentMethodResponse =
        serde_json::from_str(&fixture("vault_payment_method/response_success.json")).unwrap();
    let inquiry: InquireVaultingResponse =
        serde_json::from_str(&fixture("inquire_vaulting/response_success.json")).unwrap();
    let notification: VaultingNotification =
        serde_json::from_str(&fixture("notify_vaulting/notification_success.json")).unwrap();
    for card in [
        response.vaulted_card(),
        inquiry.vaulted_card(),
        notification.vaulted_card(),
    ] {
        let card = card.expect("the fixture carries a card");
        assert_eq!(card.card_token.as_ref().map(CardToken::expose), Some(TOKEN));
        assert_eq!(card.brand, Some(CardBrand::Visa));
        assert_eq!(card.masked_card_no.as_deref(), Some("************1111"));
    }
}

#[test]
fn vaulted_card_reads_the_expiry_when_antom_echoes_it() {
    let body = format!(
        r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S"}},"vaultingRequestId":"v-1",
            "paymentMethodDetail":{{"card":{{"cardToken":"{TOKEN}","expiryYear":"30","expiryMonth":"08"}}}}}}"#
    );
    let response: VaultPaymentMethodResponse = serde_json::from_str(&body).unwrap();
    let card = response.vaulted_card().expect("card");
    assert_eq!(card.expiry_year.as_deref(), Some("30"));
    assert_eq!(card.expiry_month.as_deref(), Some("08"));
}

#[test]
fn vaulted_card_is_none_when_any_level_is_missing() {
    let without_detail =
        r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"vaultingRequestId":"v-1"}"#;
    let without_card = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S"},"vaultingRequestId":"v-1","paymentMethodDetail":{"paymentMethodType":"CARD"}}"#;
    for body in [without_detail, without_card] {
        let response: VaultPaymentMethodResponse = serde_json::from_str(body).unwrap();
        assert!(response.vaulted_card().is_none(), "{body}");
        let inquiry: InquireVaultingResponse = serde_json::from_str(body).unwrap();
        assert!(inquiry.vaulted_card().is_none(), "{body}");
    }
}
