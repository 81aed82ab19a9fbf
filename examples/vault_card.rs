//! Configure the client and call each vault API.
//!
//! ```sh
//! ANTOM_CLIENT_ID=SANDBOX_5X00000000000000 \
//! ANTOM_MERCHANT_PRIVATE_KEY="$(cat merchant_private_key.pem)" \
//! ANTOM_PUBLIC_KEY="$(cat antom_public_key.txt)" \
//! ANTOM_BASE_URL=http://127.0.0.1:8443 \
//! cargo run --example vault_card
//! ```
//!
//! `ANTOM_BASE_URL` is optional (a local emulator, for example); without it the client talks to
//! Antom's North America host. The environment follows the client id's `SANDBOX_` prefix here; a
//! real service should configure it explicitly.

use std::time::Duration;

use antom_vault::retry::RetryPolicy;
use antom_vault::{
    Address, CardBrand, CardDetail, Client, CreateVaultingSessionRequest, Env, Environment, Error,
    InquireVaultingRequest, PaymentMethodDetail, Region, SigningKey, TerminalType, UserName,
    VaultPaymentMethodRequest, VaultingStatus, VerifyingKey,
};

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Builds the client from the environment; `None` (with a message) when something is missing.
fn client_from_env() -> Result<Option<Client>, Error> {
    let (Some(client_id), Some(private_key), Some(antom_key)) = (
        env_var("ANTOM_CLIENT_ID"),
        env_var("ANTOM_MERCHANT_PRIVATE_KEY"),
        env_var("ANTOM_PUBLIC_KEY"),
    ) else {
        eprintln!(
            "set ANTOM_CLIENT_ID, ANTOM_MERCHANT_PRIVATE_KEY and ANTOM_PUBLIC_KEY (and optionally ANTOM_BASE_URL)"
        );
        return Ok(None);
    };
    let builder = Client::builder()
        .environment(Environment::of_client_id(&client_id))
        .client_id(client_id)
        // PKCS#8 or PKCS#1, PEM or bare base64: all accepted, parsed once here.
        .merchant_private_key(SigningKey::parse(&private_key)?)
        // The Antom Dashboard shows this key as bare base64 SubjectPublicKeyInfo.
        .antom_public_key(VerifyingKey::parse(&antom_key)?)
        .key_version(Some(1))
        .connect_timeout(Duration::from_secs(5))
        .request_timeout(Duration::from_secs(15))
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(200)),
        );
    let builder = match env_var("ANTOM_BASE_URL") {
        Some(url) => builder.base_url(url),
        None => builder.region(Region::NorthAmerica),
    };
    builder.build().map(Some)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let Some(client) = client_from_env()? else {
        std::process::exit(2);
    };
    let suffix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();

    // 1. A session for Antom's card page or client SDK.
    let session = CreateVaultingSessionRequest::builder()
        .payment_method_type("CARD")
        .vaulting_request_id(format!("session-{suffix}"))
        .vaulting_notification_url("https://merchant.example/antom/notify")
        .redirect_url("https://merchant.example/cards/done")
        .is_3ds_authentication(true)
        .build();
    match client.create_vaulting_session(&session).await {
        Ok(response) => println!(
            "session {:?}, hosted page {:?}",
            response.vaulting_session_id, response.normal_url
        ),
        Err(error) => eprintln!("createVaultingSession: {error}"),
    }

    // 2. Server-to-server vaulting of card data (PCI-qualified merchants only).
    let vaulting_request_id = format!("vault-{suffix}");
    let request = VaultPaymentMethodRequest::builder()
        .vaulting_request_id(vaulting_request_id.clone())
        .vaulting_notification_url("https://merchant.example/antom/notify")
        .redirect_url("https://merchant.example/cards/done")
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
                        .cardholder_name(
                            UserName::builder()
                                .first_name("Zoë")
                                .last_name("Ångström")
                                .build(),
                        )
                        .billing_address(
                            Address::builder()
                                .region("US")
                                .city("Seattle")
                                .address1("1 Main St")
                                .zip_code("98101")
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .env(Env::builder().terminal_type(TerminalType::Web).build())
        .build();
    match client.vault_payment_method(&request).await {
        Ok(response) => match response.redirect() {
            // VERIFICATION_IN_PROCESS: a normal step; the outcome arrives by notification.
            Some(redirect) => println!("send the buyer to {:?}", redirect.for_browser()),
            None if response.is_verification_in_process() => {
                println!("verification pending without a URL: start over with a new id")
            }
            None => {
                let token = response
                    .vaulted_card()
                    .and_then(|card| card.card_token.as_ref());
                println!("vaulted; token present: {}", token.is_some());
            }
        },
        Err(Error::Failed(failure)) => {
            eprintln!(
                "refused: {} ({:?}): {}",
                failure.code(),
                failure.action(),
                failure.message()
            )
        }
        Err(Error::NewIdRequired(failure)) => {
            eprintln!(
                "attempt dead ({}); retry with a new vaultingRequestId",
                failure.code()
            )
        }
        Err(error) if error.is_outcome_unknown() => {
            eprintln!("outcome unknown ({error}); ask inquireVaulting")
        }
        Err(error) => eprintln!("vaultPaymentMethod: {error}"),
    }

    // 3. Look the attempt up.
    let inquiry = InquireVaultingRequest::builder()
        .vaulting_request_id(vaulting_request_id)
        .build();
    match client.inquire_vaulting(&inquiry).await {
        Ok(response) => match response.vaulting_status {
            Some(VaultingStatus::Success) => println!("vaulting succeeded"),
            Some(VaultingStatus::Processing) => println!("still processing"),
            other => println!("vaulting status: {other:?}"),
        },
        Err(error) => eprintln!("inquireVaulting: {error}"),
    }
    Ok(())
}
