//! Behaviour of the types generated from `spec/`: builders, wire encoding, validation with JSON
//! paths and Unicode lengths, forward-compatible enums and result codes, redacted `Debug`.

use antom_vault::validate::{Validate, ViolationKind};
use antom_vault::{
    CardBrand, CardDetail, CreateVaultingSession, CreateVaultingSessionRequest, Env,
    InquireVaultingResponse, MerchantApi, PaymentMethodDetail, ResultAction, ResultCode, RetryRule,
    TerminalType, UserName, VaultPaymentMethod, VaultPaymentMethodRequest,
    VaultPaymentMethodResponse, VaultPaymentMethodResultCode,
};

const PAN: &str = "4111111111111111";

fn card() -> CardDetail {
    CardDetail::builder()
        .card_no(PAN)
        .expiry_year("29")
        .expiry_month("03")
        .cvv("737")
        .brand(CardBrand::Visa)
        .cardholder_name(
            UserName::builder()
                .first_name("Mira")
                .last_name("Okafor")
                .build(),
        )
        .build()
}

fn request_with(card: CardDetail) -> VaultPaymentMethodRequest {
    VaultPaymentMethodRequest::builder()
        .vaulting_request_id("vr-1")
        .vaulting_notification_url("https://merchant.example.com/notify")
        .redirect_url("https://merchant.example.com/done")
        .payment_method_detail(
            PaymentMethodDetail::builder()
                .payment_method_type("CARD")
                .card(card)
                .build(),
        )
        .env(
            Env::builder()
                .terminal_type(TerminalType::Web)
                .time_zone_offset(-120)
                .build(),
        )
        .build()
}

#[test]
fn builder_sets_fields_in_any_order() {
    let a = CreateVaultingSessionRequest::builder()
        .payment_method_type("CARD")
        .vaulting_request_id("vr-1")
        .vaulting_notification_url("https://m.example/n")
        .is_3ds_authentication(false)
        .build();
    let b = CreateVaultingSessionRequest::builder()
        .is_3ds_authentication(false)
        .vaulting_notification_url("https://m.example/n")
        .vaulting_request_id("vr-1")
        .payment_method_type("CARD")
        .build();
    assert_eq!(a, b);
    assert_eq!(a.vaulting_request_id, "vr-1");
    assert_eq!(a.is_3ds_authentication, Some(false));
    assert_eq!(a.redirect_url, None);
    assert_eq!(CreateVaultingSession::idempotency_key(&a), "vr-1");
}

#[test]
fn wire_rule_strings_everywhere_and_false_kept() {
    let req = CreateVaultingSessionRequest::builder()
        .payment_method_type("CARD")
        .vaulting_request_id("vr-1")
        .vaulting_notification_url("https://m.example/n")
        .is_3ds_authentication(false)
        .build();
    let json = serde_json::to_string(&req).unwrap();
    assert!(json.contains(r#""is3DSAuthentication":"false""#), "{json}");
    assert!(!json.contains("redirectUrl"), "None is skipped: {json}");
    let env = serde_json::to_value(request_with(card()).env).unwrap();
    assert_eq!(env["timeZoneOffset"], "-120");
    assert_eq!(env["terminalType"], "WEB");
    // Native JSON values decode too.
    let native: CreateVaultingSessionRequest = serde_json::from_str(
        r#"{"paymentMethodType":"CARD","vaultingRequestId":"vr-1","vaultingNotificationUrl":"https://m.example/n","is3DSAuthentication":false}"#,
    )
    .unwrap();
    assert_eq!(native, req);
}

#[test]
fn a_valid_request_validates() {
    request_with(card()).validate().unwrap();
}

#[test]
fn length_boundaries_count_unicode_scalar_values() {
    // firstName: max 32. ASCII, 2-byte, 3-byte and non-BMP (4-byte, 2 UTF-16 units) characters.
    for ch in ['a', 'é', '名', '😀'] {
        let at_max: String = std::iter::repeat_n(ch, 32).collect();
        let over: String = std::iter::repeat_n(ch, 33).collect();
        let mut ok = card();
        ok.cardholder_name = Some(Box::new(UserName::builder().first_name(at_max).build()));
        request_with(ok)
            .validate()
            .unwrap_or_else(|e| panic!("32 × {ch:?} must pass: {e}"));

        let mut bad = card();
        bad.cardholder_name = Some(Box::new(
            UserName::builder().first_name(over.clone()).build(),
        ));
        let errors = request_with(bad).validate().unwrap_err();
        let v = errors
            .at("paymentMethodDetail.card.cardholderName.firstName")
            .unwrap_or_else(|| panic!("nested path missing: {errors}"));
        assert_eq!(
            v.kind,
            ViolationKind::TooLong {
                actual: 33,
                max: 32
            }
        );
        assert!(
            !errors.to_string().contains(&over),
            "values are never echoed for lengths"
        );
    }
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let mut c = card();
    c.cvv = Some("12345".into());
    c.expiry_year = "2029".into();
    c.brand = Some(CardBrand::from("NEWBRAND"));
    let mut req = request_with(c);
    req.vaulting_request_id = "x".repeat(65);
    req.payment_method_detail.payment_method_type = "WALLET".into();
    req.env.time_zone_offset = Some(-721);
    let errors = req.validate().unwrap_err();
    let paths: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    for expected in [
        "vaultingRequestId",
        "paymentMethodDetail.paymentMethodType",
        "paymentMethodDetail.card.cvv",
        "paymentMethodDetail.card.expiryYear",
        "paymentMethodDetail.card.brand",
        "env.timeZoneOffset",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    let text = errors.to_string();
    assert!(
        text.contains("`NEWBRAND` is not a known CardBrand value"),
        "{text}"
    );
    assert!(text.contains("`WALLET` is not allowed"), "{text}");
    // Sensitive values never appear.
    assert!(!text.contains("12345") && !text.contains("2029"), "{text}");
    assert!(matches!(
        errors.at("env.timeZoneOffset").unwrap().kind,
        ViolationKind::OutOfRange {
            value: Some(-721),
            minimum: Some(-720),
            maximum: Some(720)
        }
    ));
}

#[test]
fn debug_of_a_card_request_leaks_nothing_sensitive() {
    let text = format!("{:?}", request_with(card()));
    let pretty = format!("{:#?}", request_with(card()));
    for t in [&text, &pretty] {
        assert!(t.contains("****1111"), "{t}");
        for secret in [PAN, "411111", "737", "\"29\"", "\"03\"", "Mira", "Okafor"] {
            assert!(!t.contains(secret), "Debug leaks {secret}: {t}");
        }
        assert!(t.contains("vr-1"), "non-sensitive fields stay visible: {t}");
    }
}

#[test]
fn unknown_enum_values_round_trip() {
    let brand: CardBrand = serde_json::from_str(r#""NEWBRAND""#).unwrap();
    assert_eq!(brand, CardBrand::Unknown("NEWBRAND".into()));
    assert!(!brand.is_known());
    assert_eq!(serde_json::to_string(&brand).unwrap(), r#""NEWBRAND""#);
    assert_eq!(brand.to_string(), "NEWBRAND");
    assert_eq!("VISA".parse::<CardBrand>().unwrap(), CardBrand::Visa);
    assert_eq!(CardBrand::Visa.as_str(), "VISA");
    assert_eq!(TerminalType::from("MINI_APP"), TerminalType::MiniApp);
}

#[test]
fn result_codes_carry_status_action_and_retry() {
    use antom_vault::ResultStatus;
    type Code = VaultPaymentMethodResultCode;
    let own = Code::from_code("UNKNOWN_EXCEPTION");
    // vaultPaymentMethod overrides the gateway entry: a U here needs a new id.
    assert_eq!(own.action(), ResultAction::RetryNewId);
    assert_eq!(own.retry(), RetryRule::NewId);
    assert_eq!(ResultCode::status(&own), Some(ResultStatus::from("U")));
    let gateway = Code::from_code("INVALID_SIGNATURE");
    assert_eq!(gateway.action(), ResultAction::FixRequest);
    assert_eq!(gateway.retry(), RetryRule::Never);
    let unknown = Code::from_code("BRAND_NEW_CODE");
    assert_eq!(unknown, Code::Unknown("BRAND_NEW_CODE".into()));
    assert_eq!(ResultCode::status(&unknown), None);
    assert_eq!(unknown.action(), ResultAction::ContactSupport);
    assert_eq!(ResultCode::as_str(&unknown), "BRAND_NEW_CODE");
    assert_eq!(
        serde_json::to_string(&unknown).unwrap(),
        r#""BRAND_NEW_CODE""#
    );
    // Session API: U means the same id again.
    let session =
        <CreateVaultingSession as MerchantApi>::ResultCode::from_code("UNKNOWN_EXCEPTION");
    assert_eq!(session.retry(), RetryRule::SameId);
    assert_eq!(CreateVaultingSession::TRANSPORT_RETRY, RetryRule::SameId);
    assert_eq!(
        CreateVaultingSession::PATH,
        "/ams/api/v1/vaults/createVaultingSession"
    );
    assert_eq!(VaultPaymentMethod::NAME, "vaultPaymentMethod");
}

#[test]
fn responses_tolerate_unknown_fields_and_values() {
    let body = r#"{
        "result": {"resultCode": "SOMETHING_NEW", "resultStatus": "X", "resultMessage": "m", "extra": {"a": [1]}},
        "vaultingStatus": "ON_HOLD",
        "vaultingRequestId": 12345,
        "brandNewField": {"nested": true},
        "count": 3
    }"#;
    let r: InquireVaultingResponse = serde_json::from_str(body).unwrap();
    assert_eq!(r.vaulting_request_id.as_deref(), Some("12345"));
    assert_eq!(r.result_code().as_str(), "SOMETHING_NEW");
    let again = serde_json::to_value(&r).unwrap();
    assert_eq!(again["vaultingStatus"], "ON_HOLD");
    assert_eq!(again["result"]["resultStatus"], "X");
    assert!(again.get("brandNewField").is_none());
    // A response that carries only `result` (gateway errors) still decodes.
    let r: VaultPaymentMethodResponse = serde_json::from_str(
        r#"{"result":{"resultCode":"INVALID_SIGNATURE","resultStatus":"F","resultMessage":"bad"}}"#,
    )
    .unwrap();
    assert_eq!(
        r.result_code(),
        VaultPaymentMethodResultCode::from("INVALID_SIGNATURE")
    );
    assert_eq!(r.result_code().action(), ResultAction::FixRequest);
}

#[test]
fn responses_are_never_rejected_for_a_length() {
    let long = "x".repeat(5000);
    let body = format!(
        r#"{{"result":{{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"{long}"}},"normalUrl":"{long}"}}"#
    );
    let r: VaultPaymentMethodResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(r.normal_url.as_deref().map(str::len), Some(5000));
}

#[test]
fn generated_items_live_in_their_module_and_at_the_crate_root() {
    use antom_vault::generated::{builder, objects, vault_payment_method};
    // Each API's marker, messages and result codes share its module; the shared objects have
    // theirs; the crate root re-exports both, so either path names the same type.
    let request: vault_payment_method::VaultPaymentMethodRequest = request_with(card());
    let card: &objects::CardDetail = &request.payment_method_detail.card;
    assert_eq!(card.expiry_month, "03");
    assert_eq!(
        <vault_payment_method::VaultPaymentMethod as MerchantApi>::NAME,
        "vaultPaymentMethod"
    );
    // Builders live in `builder`, with the typestate of their required fields.
    let started: builder::UserNameBuilder = objects::UserName::builder();
    assert_eq!(
        started.first_name("Mira").build().first_name.as_deref(),
        Some("Mira")
    );
    let _: builder::CardDetailBuilder<builder::Missing, builder::Missing, builder::Missing> =
        CardDetail::builder();
}
