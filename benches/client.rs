//! What the client adds on top of the RSA operation it cannot avoid.
//!
//! - `sign/*`: building, validating, serializing and signing a full vaultPaymentMethod request
//!   (`antom-vault`) against a raw aws-lc-rs signature of the very same string to sign
//!   (`raw-aws-lc-rs`). Target: ratio ≤ 1.05.
//! - `verify/*`: verifying and decoding a signed vaultPaymentMethod response and mapping its
//!   result (`antom-vault`) against a raw aws-lc-rs verification of the same bytes
//!   (`raw-aws-lc-rs`). Target: ratio ≤ 1.10.
//!
//! Run with `cargo bench --bench client`; the ratios are printed at the end. Built only with the
//! default `aws-lc-rs` backend (the baseline is aws-lc-rs).

#[cfg(feature = "aws-lc-rs")]
mod bench {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    use antom_vault::signing::{Clock, string_to_sign};
    use antom_vault::{
        Address, BrowserInfo, CardBrand, CardDetail, Client, Env, Environment, OsType,
        PaymentMethodDetail, SigningKey, TerminalType, UserName, VaultPaymentMethod,
        VaultPaymentMethodRequest, VerifyingKey,
    };
    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::rsa::KeySize;
    use aws_lc_rs::signature::{
        ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair,
    };
    use criterion::Criterion;
    use reqwest::header::{HeaderMap, HeaderValue};

    const CLIENT_ID: &str = "SANDBOX_5X00000000000000";
    const TIME: &str = "1700000000000";
    const RESPONSE_TIME: &str = "2026-11-21T03:00:00+08:00";

    #[derive(Debug)]
    struct FixedClock;

    impl Clock for FixedClock {
        fn now_millis(&self) -> u64 {
            1_700_000_000_000
        }
    }

    fn full_request() -> VaultPaymentMethodRequest {
        VaultPaymentMethodRequest::builder()
            .vaulting_request_id("vr-2026-11-21-000001")
            .vaulting_notification_url("https://merchant.example/antom/notify")
            .redirect_url("https://merchant.example/cards/done?session=abc123")
            .merchant_region("US")
            .payment_method_detail(
                PaymentMethodDetail::builder()
                    .payment_method_type("CARD")
                    .card(
                        CardDetail::builder()
                            .card_no("4111111111111111")
                            .brand(CardBrand::Visa)
                            .expiry_year("30")
                            .expiry_month("08")
                            .cvv("123")
                            .is_3ds_authentication(true)
                            .cardholder_name(
                                UserName::builder()
                                    .first_name("Zoë")
                                    .middle_name("Maria")
                                    .last_name("Ångström")
                                    .full_name("Zoë Maria Ångström")
                                    .build(),
                            )
                            .billing_address(
                                Address::builder()
                                    .region("US")
                                    .state("WA")
                                    .city("Seattle")
                                    .address1("1 Main Street")
                                    .address2("Suite 200")
                                    .zip_code("98101")
                                    .build(),
                            )
                            .build(),
                    )
                    .build(),
            )
            .env(
                Env::builder()
                    .terminal_type(TerminalType::Web)
                    .os_type(OsType::Ios)
                    .client_ip("203.0.113.7")
                    .user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)")
                    .browser_info(
                        BrowserInfo::builder()
                            .accept_header("text/html")
                            .java_enabled(false)
                            .java_script_enabled(true)
                            .language("en-US")
                            .build(),
                    )
                    .build(),
            )
            .metadata(r#"{"orderId":"o-1","channel":"web"}"#)
            .build()
    }

    const RESPONSE: &str = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"vaultingRequestId":"vr-2026-11-21-000001","paymentMethodDetail":{"paymentMethodType":"CARD","card":{"cardToken":"ALIPAYJW1k+9K3XbvQ0/zJxS0Hk8rW4HbD6t9Lq2ZcN5yP7uF1sE3aG=","maskedCardNo":"************1111","brand":"VISA","funding":"CREDIT","issuingCountry":"US","fingerprint":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","expiryYear":"30","expiryMonth":"08"}}}"#;

    /// Criterion's median of `antom-vault` over its median of `raw-aws-lc-rs` for `group`.
    fn criterion_ratio(group: &str) -> Option<f64> {
        let read = |id: &str| -> Option<f64> {
            let path = format!("target/criterion/{group}/{id}/new/estimates.json");
            let text = std::fs::read_to_string(&path).ok()?;
            let json: serde_json::Value = serde_json::from_str(&text).ok()?;
            json["median"]["point_estimate"].as_f64()
        };
        Some(read("antom-vault")? / read("raw-aws-lc-rs")?)
    }

    /// The median over `rounds` of (time of `batch` runs of `ours`) / (time of `batch` runs of
    /// `base`), the two measured back to back in alternating order. On a busy machine this is far
    /// steadier than comparing two medians taken seconds apart.
    fn paired_ratio(
        rounds: usize,
        batch: usize,
        mut base: impl FnMut(),
        mut ours: impl FnMut(),
    ) -> f64 {
        let time = |f: &mut dyn FnMut()| {
            let start = Instant::now();
            for _ in 0..batch {
                f();
            }
            start.elapsed().as_secs_f64()
        };
        let mut ratios: Vec<f64> = (0..rounds)
            .map(|round| {
                if round % 2 == 0 {
                    let b = time(&mut base);
                    time(&mut ours) / b
                } else {
                    let o = time(&mut ours);
                    o / time(&mut base)
                }
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios[ratios.len() / 2]
    }

    pub fn run() {
        let mut c = Criterion::default()
            .configure_from_args()
            .measurement_time(Duration::from_secs(5));

        let merchant_pair = RsaKeyPair::generate(KeySize::Rsa2048).expect("key generation");
        let merchant_pkcs8 = merchant_pair.as_der().expect("pkcs8");
        // "Antom's" key is fixed (the fuzz targets' committed test key), so every run verifies the
        // same signature: a new key per run changed how many `%` escapes its header had, and
        // moved the verify ratio by up to 0.015 from one run to the next.
        let antom_key = SigningKey::parse(include_str!("../fuzz/keys/signer_pkcs8.pem"))
            .expect("the committed test key");
        let antom_public_der = antom_key.verifying_key().to_spki_der();

        let client = Client::builder()
            .client_id(CLIENT_ID)
            .environment(Environment::Sandbox)
            .base_url("http://127.0.0.1:1")
            .merchant_private_key(SigningKey::from_der(merchant_pkcs8.as_ref()).unwrap())
            .antom_public_key(VerifyingKey::from_der(&antom_public_der).unwrap())
            .clock(FixedClock)
            .build()
            .unwrap();

        // The exact string our pipeline signs, for the baseline.
        let signed = client.sign::<VaultPaymentMethod>(&full_request()).unwrap();
        let message = string_to_sign(&signed.path, CLIENT_ID, TIME, &signed.body);
        let rng = SystemRandom::new();

        let mut group = c.benchmark_group("sign");
        group.bench_function("raw-aws-lc-rs", |b| {
            let mut signature = vec![0u8; merchant_pair.public_modulus_len()];
            b.iter(|| {
                merchant_pair
                    .sign(&RSA_PKCS1_SHA256, &rng, black_box(&message), &mut signature)
                    .unwrap();
                black_box(&signature);
            })
        });
        group.bench_function("antom-vault", |b| {
            b.iter(|| {
                let request = full_request();
                let signed = client
                    .sign::<VaultPaymentMethod>(black_box(&request))
                    .unwrap();
                black_box(signed.signature.to_string());
            })
        });
        group.finish();

        // A response signed by "Antom".
        let header = antom_key
            .sign_request(
                &signed.path,
                CLIENT_ID,
                RESPONSE_TIME,
                RESPONSE.as_bytes(),
                Some(1),
            )
            .unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("client-id", HeaderValue::from_static(CLIENT_ID));
        headers.insert("response-time", HeaderValue::from_static(RESPONSE_TIME));
        headers.insert(
            "signature",
            HeaderValue::from_str(&header.to_string()).unwrap(),
        );
        let response_message =
            string_to_sign(&signed.path, CLIENT_ID, RESPONSE_TIME, RESPONSE.as_bytes());
        let parsed_public =
            ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &antom_public_der).unwrap();
        assert!(
            client
                .verify_response::<VaultPaymentMethod>(&headers, RESPONSE.as_bytes())
                .is_ok()
        );

        let mut group = c.benchmark_group("verify");
        group.bench_function("raw-aws-lc-rs", |b| {
            b.iter(|| {
                parsed_public
                    .verify_sig(black_box(&response_message), black_box(header.signature()))
                    .unwrap();
            })
        });
        group.bench_function("antom-vault", |b| {
            b.iter(|| {
                let response = client
                    .verify_response::<VaultPaymentMethod>(
                        black_box(&headers),
                        black_box(RESPONSE.as_bytes()),
                    )
                    .unwrap();
                black_box(response);
            })
        });
        group.finish();

        c.final_summary();

        // Paired, interleaved comparison of the same closures.
        let sign_ratio = paired_ratio(
            if c_is_test() { 2 } else { 150 },
            2,
            || {
                let mut signature = vec![0u8; merchant_pair.public_modulus_len()];
                merchant_pair
                    .sign(&RSA_PKCS1_SHA256, &rng, black_box(&message), &mut signature)
                    .unwrap();
                black_box(signature);
            },
            || {
                let request = full_request();
                let signed = client
                    .sign::<VaultPaymentMethod>(black_box(&request))
                    .unwrap();
                black_box(signed.signature.to_string());
            },
        );
        let verify_ratio = paired_ratio(
            if c_is_test() { 2 } else { 300 },
            40,
            || {
                parsed_public
                    .verify_sig(black_box(&response_message), black_box(header.signature()))
                    .unwrap();
            },
            || {
                black_box(
                    client
                        .verify_response::<VaultPaymentMethod>(
                            black_box(&headers),
                            black_box(RESPONSE.as_bytes()),
                        )
                        .unwrap(),
                );
            },
        );
        for (group, target, paired) in [("sign", 1.05, sign_ratio), ("verify", 1.10, verify_ratio)]
        {
            let medians =
                criterion_ratio(group).map_or_else(|| "n/a".to_owned(), |r| format!("{r:.3}"));
            println!(
                "{group}: antom-vault / raw-aws-lc-rs = {paired:.3} paired (criterion medians: {medians}); target <= {target}"
            );
        }
    }

    /// True when run by `cargo test` (criterion's test mode): keep the paired rounds minimal.
    fn c_is_test() -> bool {
        !std::env::args().any(|arg| arg == "--bench")
    }
}

fn main() {
    #[cfg(feature = "aws-lc-rs")]
    bench::run();
}
