//! Hand-written APIs for exercising the runtime independently of the generated code: one that
//! behaves like createVaultingSession (U → same id, idempotent transport) and one like
//! vaultPaymentMethod (U → new id, `VERIFICATION_IN_PROCESS` → redirect).

use std::fmt;

use antom_vault::AntomResult;
use antom_vault::api::{
    MerchantApi, Notification, ResultAction, ResultCode, ResultStatus, RetryRule,
};
use antom_vault::schema::ApiSchema;
use antom_vault::validate::{Validate, Violation, ViolationKind};
use antom_vault::{CreateVaultingSession, NotifyVaulting, VaultPaymentMethod};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestRequest {
    pub vaulting_request_id: String,
    pub note: String,
}

impl TestRequest {
    pub fn new(id: &str, note: &str) -> Self {
        TestRequest {
            vaulting_request_id: id.into(),
            note: note.into(),
        }
    }
}

impl Validate for TestRequest {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        let id_path = || antom_vault::validate::field_path(path, "vaultingRequestId");
        if self.vaulting_request_id.is_empty() {
            out.push(Violation {
                path: id_path(),
                kind: ViolationKind::OutOfRange {
                    value: Some(0),
                    minimum: Some(1),
                    maximum: None,
                },
            });
        }
        antom_vault::validate::check_max_length(out, id_path, &self.vaulting_request_id, 64);
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestResponse {
    pub result: AntomResult,
    #[serde(default)]
    pub normal_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TestCode {
    Success,
    ParamIllegal,
    UnknownException,
    VerificationInProcess,
    TrafficLimit,
    Unknown(String),
}

impl fmt::Display for TestCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(code_str(self))
    }
}

/// Codes shared by both test APIs; `unknown_exception` is what differs (same id vs new id).
fn code_from(code: &str) -> TestCode {
    match code {
        "SUCCESS" => TestCode::Success,
        "PARAM_ILLEGAL" => TestCode::ParamIllegal,
        "UNKNOWN_EXCEPTION" => TestCode::UnknownException,
        "VERIFICATION_IN_PROCESS" => TestCode::VerificationInProcess,
        "REQUEST_TRAFFIC_EXCEED_LIMIT" => TestCode::TrafficLimit,
        other => TestCode::Unknown(other.into()),
    }
}

fn code_str(code: &TestCode) -> &str {
    match code {
        TestCode::Success => "SUCCESS",
        TestCode::ParamIllegal => "PARAM_ILLEGAL",
        TestCode::UnknownException => "UNKNOWN_EXCEPTION",
        TestCode::VerificationInProcess => "VERIFICATION_IN_PROCESS",
        TestCode::TrafficLimit => "REQUEST_TRAFFIC_EXCEED_LIMIT",
        TestCode::Unknown(other) => other,
    }
}

fn status_of(code: &TestCode) -> Option<ResultStatus> {
    Some(match code {
        TestCode::Success => ResultStatus::Success,
        TestCode::ParamIllegal => ResultStatus::Failure,
        TestCode::UnknownException | TestCode::VerificationInProcess | TestCode::TrafficLimit => {
            ResultStatus::Undetermined
        }
        TestCode::Unknown(_) => return None,
    })
}

/// Result codes of the session-like API.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionCode(pub TestCode);

impl fmt::Display for SessionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl ResultCode for SessionCode {
    fn from_code(code: &str) -> Self {
        SessionCode(code_from(code))
    }
    fn as_str(&self) -> &str {
        code_str(&self.0)
    }
    fn status(&self) -> Option<ResultStatus> {
        status_of(&self.0)
    }
    fn action(&self) -> ResultAction {
        match self.0 {
            TestCode::Success => ResultAction::None,
            TestCode::ParamIllegal => ResultAction::FixRequest,
            TestCode::UnknownException => ResultAction::RetrySameId,
            TestCode::VerificationInProcess => ResultAction::RedirectBuyer,
            TestCode::TrafficLimit => ResultAction::BackOff,
            TestCode::Unknown(_) => ResultAction::ContactSupport,
        }
    }
}

/// Result codes of the vault-like API.
#[derive(Clone, Debug, PartialEq)]
pub struct VaultCode(pub TestCode);

impl fmt::Display for VaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl ResultCode for VaultCode {
    fn from_code(code: &str) -> Self {
        VaultCode(code_from(code))
    }
    fn as_str(&self) -> &str {
        code_str(&self.0)
    }
    fn status(&self) -> Option<ResultStatus> {
        status_of(&self.0)
    }
    fn action(&self) -> ResultAction {
        match self.0 {
            TestCode::UnknownException => ResultAction::RetryNewId,
            _ => SessionCode(self.0.clone()).action(),
        }
    }
}

/// Like createVaultingSession: idempotent, U means "same id".
pub struct SessionApi;

impl MerchantApi for SessionApi {
    const NAME: &'static str = "createVaultingSession";
    const PATH: &'static str = "/ams/api/v1/vaults/createVaultingSession";
    const TRANSPORT_RETRY: RetryRule = RetryRule::SameId;
    const SCHEMA: &'static ApiSchema = <CreateVaultingSession as MerchantApi>::SCHEMA;
    type Request = TestRequest;
    type Response = TestResponse;
    type ResultCode = SessionCode;
    fn idempotency_key(request: &TestRequest) -> &str {
        &request.vaulting_request_id
    }
    fn result(response: &TestResponse) -> &AntomResult {
        &response.result
    }
}

/// Like vaultPaymentMethod: U means "new id", transport failures are not retried.
pub struct VaultApi;

impl MerchantApi for VaultApi {
    const NAME: &'static str = "vaultPaymentMethod";
    const PATH: &'static str = "/ams/api/v1/vaults/vaultPaymentMethod";
    const TRANSPORT_RETRY: RetryRule = RetryRule::NewId;
    const SCHEMA: &'static ApiSchema = <VaultPaymentMethod as MerchantApi>::SCHEMA;
    type Request = TestRequest;
    type Response = TestResponse;
    type ResultCode = VaultCode;
    fn idempotency_key(request: &TestRequest) -> &str {
        &request.vaulting_request_id
    }
    fn result(response: &TestResponse) -> &AntomResult {
        &response.result
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestNotificationBody {
    pub result: AntomResult,
    pub vaulting_request_id: String,
}

#[derive(Serialize)]
pub struct TestAck {}

/// Like notifyVaulting.
pub struct NotifyApi;

impl Notification for NotifyApi {
    const NAME: &'static str = "notifyVaulting";
    const SCHEMA: &'static ApiSchema = <NotifyVaulting as Notification>::SCHEMA;
    type Body = TestNotificationBody;
    type Acknowledgement = TestAck;
    fn idempotency_key(body: &TestNotificationBody) -> &str {
        &body.vaulting_request_id
    }
}

/// A complete vaultPaymentMethod request of the generated API, with non-ASCII names.
pub fn vault_request(
    id: &str,
    card_no: &str,
    first_name: &str,
) -> antom_vault::VaultPaymentMethodRequest {
    use antom_vault::{
        Address, CardBrand, CardDetail, Env, PaymentMethodDetail, TerminalType, UserName,
        VaultPaymentMethodRequest,
    };
    VaultPaymentMethodRequest::builder()
        .vaulting_request_id(id)
        .vaulting_notification_url("https://merchant.example/antom/notify")
        .redirect_url("https://merchant.example/vaulted")
        .payment_method_detail(
            PaymentMethodDetail::builder()
                .payment_method_type("CARD")
                .card(
                    CardDetail::builder()
                        .card_no(card_no)
                        .brand(CardBrand::Visa)
                        .expiry_year("30")
                        .expiry_month("08")
                        .cvv("123")
                        .cardholder_name(
                            UserName::builder()
                                .first_name(first_name)
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
        .env(
            Env::builder()
                .terminal_type(TerminalType::Web)
                .client_ip("203.0.113.7")
                .build(),
        )
        .build()
}

/// A createVaultingSession request of the generated API.
pub fn session_request(id: &str) -> antom_vault::CreateVaultingSessionRequest {
    antom_vault::CreateVaultingSessionRequest::builder()
        .payment_method_type("CARD")
        .vaulting_request_id(id)
        .vaulting_notification_url("https://merchant.example/antom/notify")
        .build()
}
