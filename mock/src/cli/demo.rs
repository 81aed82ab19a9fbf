//! `antom-vault demo`: the whole card-vaulting flow, printed step by step.
//!
//! With no configuration it starts the emulator in-process (fresh keys) and a local webhook
//! receiver. With `ANTOM_CLIENT_ID`, `ANTOM_PRIVATE_KEY`, `ANTOM_PUBLIC_KEY` and `ANTOM_REGION` or
//! `ANTOM_BASE_URL` set, the same calls go to that Antom endpoint instead (the buyer pages and
//! notifications then need a browser and a public URL, so those steps are skipped).

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use antom_vault::client::{Client, Environment, Region};
use antom_vault::keys::{SigningKey, VerifyingKey};
use antom_vault::{
    CardDetail, CreateVaultingSession, CreateVaultingSessionRequest, Env, InquireVaulting,
    InquireVaultingRequest, PaymentMethodDetail, ResultStatus, TerminalType, VaultPaymentMethod,
    VaultPaymentMethodRequest, VaultedPaymentMethodDetail, VaultingStatus,
};
use antom_vault_mock::{Emulator, EmulatorConfig};

use super::CliError;
use super::receiver::Receiver;

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// How long to wait for each notification, in seconds.
    #[arg(long, default_value_t = 20)]
    pub notify_timeout: u64,
}

/// The card the hosted page is filled with.
const PAGE_CARD: &str = "4111111111111111";
/// The card vaulted server to server.
const DIRECT_CARD: &str = "5555555555554444";
/// The card that asks for 3-D Secure.
const CHALLENGE_CARD: &str = "4000000000003220";

struct Run {
    client: Client,
    receiver: Option<Receiver>,
    notify_url: String,
    http: reqwest::Client,
    notify_timeout: Duration,
    prefix: String,
    failures: Vec<String>,
    steps: u32,
}

/// Runs the demo; exit 0 only when every step succeeded.
pub async fn run(args: &DemoArgs) -> Result<ExitCode, CliError> {
    let prefix = format!(
        "demo-{}",
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0)
    );
    let notify_timeout = Duration::from_secs(args.notify_timeout);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| CliError::Other(e.to_string()))?;
    let mut run = match real_endpoint()? {
        Some((client, notify_url)) => {
            println!(
                "antom-vault demo: the card-vaulting flow against {}",
                client.base_url()
            );
            println!(
                "  client id {} ({})",
                client.client_id(),
                client.environment()
            );
            println!(
                "  buyer pages and notifications need a browser and a public URL: those steps are skipped"
            );
            Run {
                client,
                receiver: None,
                notify_url,
                http,
                notify_timeout,
                prefix,
                failures: Vec::new(),
                steps: 0,
            }
        }
        None => {
            let emulator = Emulator::start(EmulatorConfig::default().notify_speedup(10_000.0))
                .await
                .map_err(|e| CliError::Other(e.to_string()))?;
            let merchant_key = emulator
                .merchant_private_key()
                .ok_or_else(|| CliError::Other("the emulator generated no merchant key".into()))?;
            let signing_key = key(SigningKey::parse(merchant_key), "merchant private key")?;
            let antom_key = key(
                VerifyingKey::parse(emulator.antom_public_key()),
                "Antom public key",
            )?;
            let receiver = Receiver::start(antom_key.clone(), emulator.client_id()).await?;
            let client = Client::builder()
                .client_id(emulator.client_id())
                .environment(Environment::of_client_id(emulator.client_id()))
                .base_url(emulator.base_url())
                .merchant_private_key(signing_key)
                .antom_public_key(antom_key)
                .build()
                .map_err(|e| CliError::Other(format!("cannot build the client: {e}")))?;
            println!(
                "antom-vault demo: the whole card-vaulting flow against a local Antom emulator"
            );
            println!(
                "  emulator  {}  (client id {}, fresh RSA 2048 keys)",
                emulator.base_url(),
                emulator.client_id()
            );
            println!(
                "  webhook   {}  (verifies every notifyVaulting signature)",
                receiver.url
            );
            let notify_url = receiver.url.clone();
            let mut run = Run {
                client,
                receiver: Some(receiver),
                notify_url,
                http,
                notify_timeout,
                prefix,
                failures: Vec::new(),
                steps: 0,
            };
            run.all().await;
            emulator.shutdown().await;
            return Ok(run.finish());
        }
    };
    run.all().await;
    Ok(run.finish())
}

fn key<T, E: std::fmt::Display>(parsed: Result<T, E>, what: &str) -> Result<T, CliError> {
    parsed.map_err(|e| CliError::Key {
        what: what.to_owned(),
        reason: e.to_string(),
    })
}

/// The real endpoint from the environment, if configured.
fn real_endpoint() -> Result<Option<(Client, String)>, CliError> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    const REQUIRED: [&str; 3] = ["ANTOM_CLIENT_ID", "ANTOM_PRIVATE_KEY", "ANTOM_PUBLIC_KEY"];
    let missing: Vec<&str> = REQUIRED.into_iter().filter(|n| var(n).is_none()).collect();
    if missing.len() == REQUIRED.len() {
        return Ok(None);
    }
    let (Some(client_id), Some(private_key), Some(public_key)) = (
        var("ANTOM_CLIENT_ID"),
        var("ANTOM_PRIVATE_KEY"),
        var("ANTOM_PUBLIC_KEY"),
    ) else {
        return Err(CliError::Other(format!(
            "a real endpoint needs ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY and ANTOM_PUBLIC_KEY; missing: {} \
             (unset all three to run against the local emulator)",
            missing.join(", ")
        )));
    };
    let text = |value: String| -> Result<String, CliError> {
        let path = std::path::Path::new(value.trim());
        if !value.contains('\n') && path.is_file() {
            super::read_text(path)
        } else {
            Ok(value)
        }
    };
    let mut builder = Client::builder()
        .environment(Environment::of_client_id(&client_id))
        .client_id(client_id)
        .merchant_private_key(key(
            SigningKey::parse(&text(private_key)?),
            "ANTOM_PRIVATE_KEY",
        )?)
        .antom_public_key(key(
            VerifyingKey::parse(&text(public_key)?),
            "ANTOM_PUBLIC_KEY",
        )?);
    builder = match (var("ANTOM_BASE_URL"), var("ANTOM_REGION")) {
        (Some(url), _) => builder.base_url(url),
        (None, Some(region)) => builder.region(parse_region(&region)?),
        (None, None) => {
            return Err(CliError::Other(
                "set ANTOM_REGION (na, sea, de, us) or ANTOM_BASE_URL".into(),
            ));
        }
    };
    let client = builder
        .build()
        .map_err(|e| CliError::Other(format!("cannot build the client: {e}")))?;
    let notify_url = var("ANTOM_NOTIFY_URL")
        .unwrap_or_else(|| "https://merchant.example/antom/notify".to_owned());
    Ok(Some((client, notify_url)))
}

fn parse_region(text: &str) -> Result<Region, CliError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "na" | "north-america" | "northamerica" => Ok(Region::NorthAmerica),
        "sea" | "asia" | "sg" => Ok(Region::Asia),
        "de" | "eu" | "europe" => Ok(Region::Europe),
        "us" | "us-merchants" => Ok(Region::UsMerchants),
        other => Err(CliError::Other(format!(
            "unknown ANTOM_REGION {other:?}: use na, sea, de or us"
        ))),
    }
}

/// `ALIPAYab…yz (56 chars)`: enough to recognise a token without printing it.
fn short_token(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 12 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail} ({} chars)", chars.len())
}

fn describe_card(detail: Option<&VaultedPaymentMethodDetail>) -> String {
    let Some(card) = detail.and_then(|d| d.card.as_ref()) else {
        return "no card details".into();
    };
    let brand = card
        .brand
        .as_ref()
        .map(|b| b.to_string())
        .unwrap_or_else(|| "?".into());
    let masked = card.masked_card_no.clone().unwrap_or_else(|| "?".into());
    let token = card
        .card_token
        .as_ref()
        .map(|t| short_token(t.expose()))
        .unwrap_or_else(|| "none".into());
    format!("{brand} {masked}, token {token}")
}

fn mask(number: &str) -> String {
    antom_vault_mock::cards::mask(number)
}

impl Run {
    fn step(&mut self, title: &str) {
        self.steps += 1;
        println!();
        println!("[{}] {title}", self.steps);
    }

    fn fail(&mut self, what: String) {
        println!("    FAILED    {what}");
        self.failures.push(what);
    }

    fn finish(self) -> ExitCode {
        println!();
        if self.failures.is_empty() {
            println!("All {} steps succeeded.", self.steps);
            ExitCode::SUCCESS
        } else {
            println!("{} of {} steps failed:", self.failures.len(), self.steps);
            for f in &self.failures {
                println!("  - {f}");
            }
            ExitCode::FAILURE
        }
    }

    fn id(&self, what: &str) -> String {
        format!("{}-{what}", self.prefix)
    }

    async fn all(&mut self) {
        let session_id = self.id("session");
        let direct_id = self.id("direct");
        let challenge_id = self.id("3ds");
        if let Some(url) = self.create_session(&session_id).await
            && self.receiver.is_some()
            && self.complete_hosted_page(&url).await
        {
            self.await_notification(&session_id).await;
        }
        self.vault(&direct_id, DIRECT_CARD).await;
        if self.receiver.is_some() {
            self.await_notification(&direct_id).await;
        }
        if let Some(url) = self.vault(&challenge_id, CHALLENGE_CARD).await
            && self.receiver.is_some()
            && self.complete_challenge(&url).await
        {
            self.await_notification(&challenge_id).await;
        }
        for id in [&session_id, &direct_id, &challenge_id] {
            self.inquire(id).await;
        }
    }

    async fn create_session(&mut self, id: &str) -> Option<String> {
        self.step("createVaultingSession: start a hosted card page");
        let request = CreateVaultingSessionRequest::builder()
            .payment_method_type("CARD")
            .vaulting_request_id(id)
            .vaulting_notification_url(self.notify_url.clone())
            .redirect_url("https://merchant.example/vaulting/done")
            .build();
        println!(
            "    sent      vaultingRequestId={id} paymentMethodType=CARD vaultingNotificationUrl={}",
            self.notify_url
        );
        println!(
            "    to        POST {}",
            self.client.path_of::<CreateVaultingSession>()
        );
        match self.client.create_vaulting_session(&request).await {
            Ok(response) => {
                println!(
                    "    result    {} {}",
                    status_letter(&response.result),
                    response.result.result_code
                );
                println!(
                    "    session   {} (expires {})",
                    or_dash(&response.vaulting_session_id),
                    or_dash(&response.vaulting_session_expiry_time)
                );
                let url = response.normal_url.clone();
                match &url {
                    Some(u) => println!("    normalUrl {u}"),
                    None => self.fail("createVaultingSession returned no normalUrl".into()),
                }
                url
            }
            Err(e) => {
                self.fail(format!("createVaultingSession: {e}"));
                None
            }
        }
    }

    /// Loads an emulator page and resolves its form's target URL; reports and returns `None` when
    /// the page cannot be loaded or holds no form.
    async fn fetch_form(&mut self, what: &str, url: &str) -> Option<(String, String)> {
        let response = match self.http.get(url).send().await {
            Ok(r) if r.status().is_success() => r,
            Ok(r) => {
                self.fail(format!("GET {what} answered HTTP {}", r.status()));
                return None;
            }
            Err(e) => {
                self.fail(format!("GET {what}: {e}"));
                return None;
            }
        };
        let page = match response.text().await {
            Ok(page) => page,
            Err(e) => {
                self.fail(format!("reading {what}: {e}"));
                return None;
            }
        };
        let Some(action) = form_action(&page) else {
            self.fail(format!("the {what} has no form"));
            return None;
        };
        let target = absolute(url, &action);
        Some((page, target))
    }

    async fn complete_hosted_page(&mut self, url: &str) -> bool {
        self.step("hosted card page: the buyer enters a test card");
        let Some((page, target)) = self.fetch_form("hosted page", url).await else {
            return false;
        };
        println!("    page      GET {url} ({} bytes)", page.len());
        println!(
            "    submit    POST {target} card {} expiry 12/49",
            mask(PAGE_CARD)
        );
        let form = [
            ("cardNo", PAGE_CARD),
            ("expiryMonth", "12"),
            ("expiryYear", "49"),
            ("cvv", "123"),
            ("holderName", "Demo Buyer"),
        ];
        self.submit_page(&target, &form, VaultingStatus::Success.as_str())
            .await
    }

    async fn complete_challenge(&mut self, url: &str) -> bool {
        self.step("3-D Secure page: the buyer confirms");
        let Some((_page, target)) = self.fetch_form("3DS page", url).await else {
            return false;
        };
        println!("    page      GET {url}");
        println!("    submit    POST {target} outcome=pass");
        self.submit_page(
            &target,
            &[("outcome", "pass")],
            VaultingStatus::Success.as_str(),
        )
        .await
    }

    async fn submit_page(&mut self, target: &str, form: &[(&str, &str)], expected: &str) -> bool {
        match self.http.post(target).form(form).send().await {
            Ok(r) => {
                let status = r.status();
                let body = r.text().await.unwrap_or_default();
                let outcome = page_outcome(&body);
                println!(
                    "    outcome   HTTP {} {}",
                    status.as_u16(),
                    outcome.as_deref().unwrap_or("(none)")
                );
                if outcome.as_deref() == Some(expected) {
                    true
                } else {
                    self.fail(format!(
                        "the page answered {outcome:?}, expected {expected}"
                    ));
                    false
                }
            }
            Err(e) => {
                self.fail(format!("POST {target}: {e}"));
                false
            }
        }
    }

    async fn await_notification(&mut self, id: &str) {
        self.step("notifyVaulting: the webhook receives and verifies the outcome");
        let Some(receiver) = self.receiver.as_mut() else {
            return;
        };
        match receiver.wait_for(id, self.notify_timeout).await {
            Ok(n) => {
                println!(
                    "    verified  signature OK for vaultingRequestId={}",
                    n.vaulting_request_id
                );
                println!(
                    "    result    {} {}",
                    status_letter(&n.result),
                    n.result.result_code
                );
                println!(
                    "    card      {}",
                    describe_card(n.payment_method_detail.as_deref())
                );
                println!("    answered  the acknowledgement");
                if n.result.result_status != ResultStatus::Success {
                    self.fail(format!(
                        "notification for {id} reports {}",
                        n.result.result_code
                    ));
                }
            }
            Err(e) => self.fail(e),
        }
    }

    async fn vault(&mut self, id: &str, card_no: &str) -> Option<String> {
        let three_ds = card_no == CHALLENGE_CARD;
        self.step(if three_ds {
            "vaultPaymentMethod: a card that asks for 3-D Secure"
        } else {
            "vaultPaymentMethod: vault a card server to server"
        });
        let card = CardDetail::builder()
            .card_no(card_no)
            .expiry_month("12")
            .expiry_year("49")
            .cvv("123")
            .build();
        let request = VaultPaymentMethodRequest::builder()
            .vaulting_request_id(id)
            .vaulting_notification_url(self.notify_url.clone())
            .redirect_url("https://merchant.example/vaulting/done")
            .payment_method_detail(
                PaymentMethodDetail::builder()
                    .payment_method_type("CARD")
                    .card(card)
                    .build(),
            )
            .env(Env::builder().terminal_type(TerminalType::Web).build())
            .build();
        println!(
            "    sent      vaultingRequestId={id} card {} expiry **/** env.terminalType=WEB",
            mask(card_no)
        );
        println!(
            "    to        POST {}",
            self.client.path_of::<VaultPaymentMethod>()
        );
        match self.client.vault_payment_method(&request).await {
            Ok(response) => {
                println!(
                    "    result    {} {}",
                    status_letter(&response.result),
                    response.result.result_code
                );
                if three_ds {
                    match response.normal_url.clone() {
                        Some(u) => {
                            println!("    normalUrl {u}  (send the buyer here)");
                            Some(u)
                        }
                        None => {
                            self.fail("VERIFICATION_IN_PROCESS without a normalUrl".into());
                            None
                        }
                    }
                } else {
                    println!(
                        "    card      {}",
                        describe_card(response.payment_method_detail.as_deref())
                    );
                    None
                }
            }
            Err(e) => {
                self.fail(format!("vaultPaymentMethod: {e}"));
                None
            }
        }
    }

    async fn inquire(&mut self, id: &str) {
        self.step("inquireVaulting: look the vaulting up");
        let request = InquireVaultingRequest::builder()
            .vaulting_request_id(id)
            .build();
        println!("    sent      vaultingRequestId={id}");
        println!(
            "    to        POST {}",
            self.client.path_of::<InquireVaulting>()
        );
        match self.client.inquire_vaulting(&request).await {
            Ok(response) => {
                let vaulting = response.vaulting_status.clone();
                let status = vaulting
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "-".into());
                println!(
                    "    result    {} {}",
                    status_letter(&response.result),
                    response.result.result_code
                );
                println!("    vaulting  {status}");
                println!(
                    "    card      {}",
                    describe_card(response.payment_method_detail.as_deref())
                );
                let acceptable = vaulting == Some(VaultingStatus::Success)
                    || (self.receiver.is_none() && vaulting == Some(VaultingStatus::Processing));
                if !acceptable {
                    self.fail(format!("inquireVaulting {id}: vaultingStatus {status}"));
                }
            }
            Err(e) => self.fail(format!("inquireVaulting: {e}")),
        }
    }
}

fn status_letter(result: &antom_vault::AntomResult) -> String {
    result.result_status.to_string()
}

fn or_dash(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

/// The `action` of the first form in a page.
fn form_action(page: &str) -> Option<String> {
    let form = &page[page.find("<form")?..];
    let start = form.find("action=\"")? + "action=\"".len();
    let end = form[start..].find('"')?;
    Some(form[start..start + end].replace("&amp;", "&"))
}

/// `data-status` of the page's outcome marker.
fn page_outcome(page: &str) -> Option<String> {
    let start = page.find("data-status=\"")? + "data-status=\"".len();
    let end = page[start..].find('"')?;
    Some(page[start..start + end].to_owned())
}

fn absolute(base: &str, action: &str) -> String {
    if action.starts_with("http://") || action.starts_with("https://") {
        return action.to_owned();
    }
    let origin_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|s| base[s..].find('/').map(|j| s + j))
        .unwrap_or(base.len());
    format!("{}{action}", &base[..origin_end])
}
