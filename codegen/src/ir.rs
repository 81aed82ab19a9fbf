//! The resolved, checked intermediate representation that every emitter works from.
//!
//! [`resolve`] lints a [`Spec`] and, when it is clean, returns an [`Ir`] in which every type
//! reference is resolved, every Rust name is chosen and checked for collisions, gateway result
//! codes are merged into each API, and defaults are applied. Emitters never see an invalid spec.

mod lint;
mod service;
mod shared_fields;

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Diagnostic, Location};
use crate::model::kinds::{self, PRIMITIVES};
use crate::model::{
    Action, ApiSpec, Direction, FieldSpec, Format, Known, MessageSpec, Required, ResultCodeSpec,
    Reveal, Spanned, Spec, Status, TransportRetry,
};
use crate::naming;

pub use service::{Region, Service};

/// The whole checked spec.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ir {
    /// APIs, in spec file order.
    pub apis: Vec<Api>,
    /// Shared objects (file order), then each API's two messages (API order).
    pub structs: Vec<Struct>,
    /// Enumerations, in file order.
    pub enums: Vec<Enum>,
    /// How the `ResultStatus` enum spells S, F and U in Rust (present when any result code exists).
    pub result_status: Option<ResultStatusNames>,
    /// The gateway-wide result codes, declared once (present when some API accepts them).
    pub gateway: Option<GatewayCodes>,
    /// Hosts, base paths and client-id rules (present when the spec has a `service` file).
    pub service: Option<Service>,
}

impl Ir {
    /// Every result code `api` can decode into a known variant: its own codes (file order), then
    /// the gateway codes it does not override (file order).
    pub fn codes_of<'a>(&'a self, api: &'a Api) -> impl Iterator<Item = &'a ResultCode> + 'a {
        let gateway = self
            .gateway
            .as_ref()
            .filter(|_| api.gateway_codes)
            .map_or(&[][..], |g| &g.codes[..]);
        api.result_codes.iter().chain(
            gateway
                .iter()
                .filter(|g| !api.result_codes.iter().any(|c| c.code == g.code)),
        )
    }
}

/// The gateway-wide result codes, shared by every API that accepts them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatewayCodes {
    /// Rust name of the shared enum ([`GATEWAY_ENUM`]).
    pub enum_name: String,
    /// Rust name of the variant of each per-API enum that holds one ([`GATEWAY_VARIANT`]).
    pub variant: String,
    /// The codes, in file order.
    pub codes: Vec<ResultCode>,
}

/// Rust name of the enum of gateway-wide result codes.
pub const GATEWAY_ENUM: &str = "GatewayResultCode";
/// Variant of a per-API result-code enum that holds a gateway-wide code.
pub const GATEWAY_VARIANT: &str = "Gateway";

/// The Rust names of the `ResultStatus` enum and its three variants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultStatusNames {
    /// The enum's Rust name.
    pub enum_name: String,
    /// Variant for `S`.
    pub success: String,
    /// Variant for `F`.
    pub failure: String,
    /// Variant for `U`.
    pub unknown: String,
}

/// One API.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// Antom's name (`createVaultingSession`).
    pub name: String,
    /// The marker type (`CreateVaultingSession`).
    pub rust_name: String,
    /// The client method name (`create_vaulting_session`).
    pub method_name: String,
    /// Direction.
    pub direction: Direction,
    /// Production path (merchant → Antom only).
    pub path: Option<String>,
    /// Link to Antom's page.
    pub doc: Option<String>,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// The idempotency field of the request.
    pub idempotency_key: FieldRef,
    /// What may happen after a transport failure.
    pub transport_retry: TransportRetry,
    /// Rust name of the request (or notification) struct.
    pub request: String,
    /// Rust name of the response (or acknowledgement) struct.
    pub response: String,
    /// Rust name of the result-code enum (`CreateVaultingSessionResultCode`).
    pub result_code_enum: String,
    /// Own codes, in file order ([`Ir::codes_of`] adds the gateway codes).
    pub result_codes: Vec<ResultCode>,
    /// Whether the API also accepts the gateway-wide codes ([`Ir::gateway`]).
    pub gateway_codes: bool,
    /// How to reach `result.resultCode` in the response, if the response has a `result` object.
    pub result_access: Option<ResultAccess>,
    /// Decisions recorded in the spec.
    pub decisions: Vec<String>,
}

/// A field of a message, named both ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRef {
    /// Wire name.
    pub wire: String,
    /// Rust field name.
    pub rust: String,
}

/// The path from a response to its result code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultAccess {
    /// The response's `result` field.
    pub result_field: FieldRef,
    /// Rust name of the result object type (`AntomResult`).
    pub result_type: String,
    /// The result object's `resultCode` field.
    pub code_field: FieldRef,
}

/// One result code of an API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultCode {
    /// Exact wire code.
    pub code: String,
    /// Rust variant name.
    pub rust_name: String,
    /// Declared status.
    pub status: Status,
    /// Declared action.
    pub action: Action,
    /// Our description.
    pub description: Option<String>,
}

/// What role a struct plays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructRole {
    /// A shared object.
    Object,
    /// The request of the named API.
    Request(String),
    /// The response of the named API.
    Response(String),
    /// The notification of the named webhook.
    Notification(String),
    /// The acknowledgement of the named webhook.
    Acknowledgement(String),
}

/// A struct: an object or a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// Spec name (`Result`, `CreateVaultingSessionRequest`).
    pub spec_name: String,
    /// Rust name (`AntomResult`).
    pub rust_name: String,
    /// Role.
    pub role: StructRole,
    /// Our description.
    pub description: Option<String>,
    /// Fields, in spec order.
    pub fields: Vec<Field>,
    /// Rust name of its builder (`CardDetailBuilder`).
    pub builder: String,
    /// Name of its module of required-field markers inside `builder` (`card_detail`).
    pub builder_module: String,
    /// Antom sends it: a response, a notification, or an object reachable from one. Its fields
    /// decode leniently unless essential, and it gets the fast decoding path.
    pub inbound: bool,
}

impl Struct {
    fn new(
        spec_name: &str,
        rust_name: String,
        role: StructRole,
        description: Option<String>,
        fields: Vec<Field>,
    ) -> Struct {
        Struct {
            spec_name: spec_name.to_owned(),
            builder: builder_name(&rust_name),
            builder_module: naming::escape(&naming::snake(&rust_name)),
            rust_name,
            role,
            description,
            fields,
            inbound: false,
        }
    }

    /// The required fields (`required: true`), in spec order.
    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.required == Required::Yes)
    }

    /// The other fields (optional and on-success), in spec order.
    pub fn optional(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.required != Required::Yes)
    }

    /// Whether any field is required (`required: true`), so the builder is a typestate builder.
    pub fn has_required(&self) -> bool {
        self.fields.iter().any(|f| f.required == Required::Yes)
    }

    /// Whether any field is sensitive, so `Debug` is hand-written.
    pub fn has_sensitive(&self) -> bool {
        self.fields.iter().any(|f| f.sensitive)
    }
}

/// A field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Exact wire name.
    pub wire_name: String,
    /// Rust field name (possibly a raw identifier such as `r#type`).
    pub rust_name: String,
    /// Type.
    pub ty: FieldType,
    /// Presence.
    pub required: Required,
    /// Maximum length in Unicode scalar values.
    pub max_length: Option<u64>,
    /// The only values a plain string may take (empty: any).
    pub values: Vec<String>,
    /// Smallest allowed integer.
    pub minimum: Option<i64>,
    /// Largest allowed integer.
    pub maximum: Option<i64>,
    /// Card or personal data: redacted in `Debug`, never echoed in violations.
    pub sensitive: bool,
    /// `reveal: last_four`: `Debug` shows at most the last four characters of this sensitive text.
    pub reveal_last_four: bool,
    /// `format`: what this sensitive text stands for (a card token), if the spec says.
    pub format: Option<Format>,
    /// `essential: true`: a message Antom sends that lacks this field (or has it malformed) fails
    /// to decode.
    pub essential: bool,
    /// Decoded leniently: the field is in an object Antom sends and is not essential, so a missing
    /// value or one of the wrong JSON type decodes as absent instead of failing the message.
    pub lenient: bool,
    /// Our description.
    pub description: Option<String>,
    /// Since when the field exists.
    pub since: Option<String>,
    /// Doc-variant notes.
    pub note: Option<String>,
    /// How a typestate builder tracks it (required fields only).
    pub typestate: Option<Typestate>,
}

/// The names a typestate builder uses for one required field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typestate {
    /// The builder's type parameter (`CardNo`): `builder::Missing` or `builder::Set<T>`. Named
    /// after the field, unless a generated type of that name would be shadowed.
    pub param: String,
    /// The marker trait `build()` requires of it (`HasCardNo`).
    pub marker: String,
}

/// Rust name of the builder of the type `rust_name`.
fn builder_name(rust_name: &str) -> String {
    format!("{rust_name}Builder")
}

/// A field type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// `string`.
    String,
    /// `url`.
    Url,
    /// `datetime`.
    Datetime,
    /// `boolean`.
    Boolean,
    /// `integer`.
    Integer,
    /// An enum, by Rust name.
    Enum(String),
    /// An object, by Rust name.
    Object(String),
    /// `array` of `items`.
    Array(Box<FieldType>),
}

impl FieldType {
    /// The object this type is or holds (`Object`, or an array of it).
    pub fn object_name(&self) -> Option<&str> {
        match self {
            FieldType::Object(name) => Some(name),
            FieldType::Array(inner) => inner.object_name(),
            _ => None,
        }
    }

    /// The spec's word for a scalar primitive (`string`, ...); `None` for enums, objects, arrays.
    pub fn primitive_word(&self) -> Option<&'static str> {
        Some(match self {
            FieldType::String => "string",
            FieldType::Url => "url",
            FieldType::Datetime => "datetime",
            FieldType::Boolean => "boolean",
            FieldType::Integer => "integer",
            _ => return None,
        })
    }

    /// Whether this is a text type (see [`kinds::is_text`]).
    pub fn is_text(&self) -> bool {
        self.primitive_word().is_some_and(kinds::is_text)
    }

    /// Whether `max_length` and `values` apply (see [`kinds::takes_length`]).
    pub fn takes_length(&self) -> bool {
        self.primitive_word().is_some_and(kinds::takes_length)
    }
}

/// An enumeration.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// Spec name.
    pub spec_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Our description.
    pub description: Option<String>,
    /// Values in spec order.
    pub values: Vec<EnumValue>,
}

/// One enum value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue {
    /// Exact wire value.
    pub wire: String,
    /// Rust variant name.
    pub rust_name: String,
    /// Our description.
    pub description: Option<String>,
}

enum Named {
    Object(String),
    Enum(String),
}

/// Checks `spec` and resolves it into the IR, or returns every problem found.
pub fn resolve(spec: &Spec) -> Result<Ir, Vec<Diagnostic>> {
    resolve_with(spec, true)
}

/// Like [`resolve`], but without the rules that older specs and imported pages predate (today:
/// a required field of a message Antom sends must be `essential`). The diff reads both sides with
/// it, so that a revision from before a rule can still be compared.
pub fn resolve_for_comparison(spec: &Spec) -> Result<Ir, Vec<Diagnostic>> {
    resolve_with(spec, false)
}

fn resolve_with(spec: &Spec, current_rules: bool) -> Result<Ir, Vec<Diagnostic>> {
    let mut r = Resolver {
        current_rules,
        ..Resolver::default()
    };
    r.run(spec);
    // The `covers:` check lives with the sync tools; a build script compiles the generator
    // without them (and the tools' lint runs it on every spec change).
    #[cfg(feature = "tools")]
    r.diags.extend(crate::diff::sync::cover::check(spec));
    if r.diags.is_empty() {
        Ok(r.ir)
    } else {
        Err(r.diags)
    }
}

#[derive(Default)]
struct Resolver {
    diags: Vec<Diagnostic>,
    /// Spec name → object/enum Rust name.
    types: HashMap<String, Named>,
    /// Collision key → (Rust name, where it came from).
    rust_names: HashMap<String, (String, Location)>,
    /// (owning struct, wire name) → where the field is written, for the inbound-leniency lint.
    field_locs: HashMap<(String, String), Location>,
    /// Whether to apply the rules older specs predate (see [`resolve_for_comparison`]).
    current_rules: bool,
    ir: Ir,
}

impl Resolver {
    fn err(&mut self, loc: &Location, message: impl Into<String>) {
        self.diags.push(Diagnostic::at(loc, message));
    }

    /// A fact a page left open (`TODO`): an error for code generation, accepted when comparing.
    fn unknown(&mut self, loc: &Location, what: &str) {
        if self.current_rules {
            self.err(
                loc,
                format!("the {what} is still unknown (TODO); decide it"),
            );
        }
    }

    /// Registers a generated Rust type name, rejecting collisions (case and underscores ignored).
    fn claim(&mut self, rust: &str, loc: &Location, what: &str) -> bool {
        self.claim_named(rust, rust, loc, what)
    }

    /// Like [`Self::claim`], naming the spec name `spec` in the message when it differs.
    fn claim_named(&mut self, spec: &str, rust: &str, loc: &Location, what: &str) -> bool {
        let key = naming::collision_key(rust);
        if let Some((other, other_loc)) = self.rust_names.get(&key) {
            let shown = if spec == rust {
                format!("`{rust}`")
            } else {
                format!("`{spec}` (Rust `{rust}`)")
            };
            let message = format!(
                "{what} {shown} collides with `{other}` (defined at {other_loc}); names must differ in more than case and underscores"
            );
            self.err(loc, message);
            return false;
        }
        self.rust_names.insert(key, (rust.to_owned(), loc.clone()));
        true
    }

    fn type_name(
        &mut self,
        name: &Spanned<String>,
        rust_name: Option<&Spanned<String>>,
        what: &str,
    ) -> String {
        let (rust, loc) = match rust_name {
            Some(r) => (r.value.clone(), r.loc.clone()),
            None => (naming::pascal(&name.value), name.loc.clone()),
        };
        if let Some(problem) = naming::type_name_problem(&rust) {
            let message = if rust_name.is_none() && rust != name.value {
                format!("{what} `{}` becomes {problem}", name.value)
            } else {
                format!("{what} {problem}")
            };
            self.err(&loc, message);
        }
        if rust == naming::UNKNOWN_VARIANT {
            self.err(&loc, format!("{what} may not be named `Unknown`"));
        }
        rust
    }

    fn run(&mut self, spec: &Spec) {
        // 1. Names of objects and enums.
        for e in &spec.enums {
            let rust = self.type_name(&e.name, e.rust_name.as_ref(), "enum");
            self.register_spec_name(&e.name, Named::Enum(rust.clone()));
            self.claim_named(&e.name.value, &rust, &e.name.loc, "enum");
        }
        for o in &spec.objects {
            let rust = self.type_name(&o.name, o.rust_name.as_ref(), "object");
            self.register_spec_name(&o.name, Named::Object(rust.clone()));
            self.claim_named(&o.name.value, &rust, &o.name.loc, "object");
            self.claim(&builder_name(&rust), &o.name.loc, "builder of object");
        }
        // 2. Enums.
        for e in &spec.enums {
            let en = self.enumeration(e);
            self.ir.enums.push(en);
        }
        // 3. Objects.
        for o in &spec.objects {
            let rust = match self.types.get(&o.name.value) {
                Some(Named::Object(r)) => r.clone(),
                _ => continue,
            };
            let fields = self.fields(&o.fields, &rust, false);
            let s = Struct::new(
                &o.name.value,
                rust,
                StructRole::Object,
                o.description.clone(),
                fields,
            );
            self.ir.structs.push(s);
        }
        // 4. ResultStatus, needed by result codes; the gateway-wide codes, declared once.
        self.ir.result_status = self.result_status(spec);
        let gateway = self.gateway(spec);
        // 5. APIs.
        let mut api_names: HashMap<String, Location> = HashMap::new();
        for api in &spec.apis {
            if let Some(first) = api_names.get(&api.name.value) {
                let message = format!(
                    "API `{}` is declared twice (first at {first})",
                    api.name.value
                );
                self.err(&api.name.loc, message);
                continue;
            }
            api_names.insert(api.name.value.clone(), api.name.loc.clone());
            if let Some(a) = self.api(api, spec) {
                self.ir.apis.push(a);
            }
        }
        self.ir.gateway = gateway.filter(|_| self.ir.apis.iter().any(|a| a.gateway_codes));
        // 6. Names derived from everything above.
        self.typestate_names();
        // 7. Inbound leniency: what Antom sends decodes leniently except its essential fields.
        self.mark_inbound();
        // 8. A field written in several places states the same facts in each.
        if self.current_rules {
            shared_fields::check(spec, &mut self.diags);
        }
        // 9. Where the APIs live.
        self.ir.service = spec
            .service
            .as_ref()
            .map(|s| service::resolve(s, &mut self.diags));
    }

    /// Marks the fields of every struct reachable from a response or notification as lenient
    /// unless essential, and rejects a required field there that is not essential (it could not
    /// decode as absent).
    fn mark_inbound(&mut self) {
        let mut inbound: Vec<String> = self
            .ir
            .structs
            .iter()
            .filter(|s| {
                matches!(
                    s.role,
                    StructRole::Response(_) | StructRole::Notification(_)
                )
            })
            .map(|s| s.rust_name.clone())
            .collect();
        let mut i = 0;
        while i < inbound.len() {
            let nested: Vec<String> = self
                .ir
                .structs
                .iter()
                .filter(|s| s.rust_name == inbound[i])
                .flat_map(|s| s.fields.iter().filter_map(|f| f.ty.object_name()))
                .map(str::to_owned)
                .collect();
            for name in nested {
                if !inbound.contains(&name) {
                    inbound.push(name);
                }
            }
            i += 1;
        }
        let mut problems = Vec::new();
        for s in self
            .ir
            .structs
            .iter_mut()
            .filter(|s| inbound.contains(&s.rust_name))
        {
            s.inbound = true;
            for f in &mut s.fields {
                f.lenient = !f.essential;
                if self.current_rules && f.required == Required::Yes && !f.essential {
                    let key = (s.rust_name.clone(), f.wire_name.clone());
                    let loc = self.field_locs.get(&key).cloned();
                    problems.push((loc, format!(
                        "field `{}` of `{}` is required, and Antom sends `{}`: mark the field `essential: true` (decoding fails without it) or make it optional (it then decodes as absent)",
                        f.wire_name, s.rust_name, s.rust_name
                    )));
                }
            }
        }
        for (loc, message) in problems {
            let loc = loc.unwrap_or_else(|| Location::new("spec", 1, 1));
            self.err(&loc, message);
        }
    }

    /// Names the type parameter and marker trait of every required field of every struct. The
    /// parameter is the field's name in PascalCase unless that is taken by a generated type (which
    /// the parameter would shadow inside the builder's impl) or by another parameter.
    fn typestate_names(&mut self) {
        let taken = &self.rust_names;
        for s in &mut self.ir.structs {
            let mut params: Vec<String> = Vec::new();
            for f in s.fields.iter_mut().filter(|f| f.required == Required::Yes) {
                // From the Rust field name, which is a checked identifier (`r#type` → `Type`).
                let base = naming::pascal(f.rust_name.trim_start_matches("r#"));
                let free = |p: &str, params: &[String]| {
                    naming::type_name_problem(p).is_none()
                        && !taken.contains_key(&naming::collision_key(p))
                        // The typestate types the builders name bare, beside the parameters.
                        && !["Missing", "Set", "IsSet"].contains(&p)
                        && !params
                            .iter()
                            .any(|q| naming::collision_key(q) == naming::collision_key(p))
                };
                let mut param = base.clone();
                let mut n = 1;
                while !free(&param, &params) {
                    param = format!(
                        "{base}Field{}",
                        if n == 1 { String::new() } else { n.to_string() }
                    );
                    n += 1;
                }
                params.push(param.clone());
                f.typestate = Some(Typestate {
                    param,
                    marker: format!("Has{}", naming::pascal(&f.wire_name)),
                });
            }
        }
    }

    fn register_spec_name(&mut self, name: &Spanned<String>, named: Named) {
        if self.types.contains_key(&name.value) {
            let message = format!("the name `{}` is declared twice", name.value);
            self.err(&name.loc, message);
        } else {
            self.types.insert(name.value.clone(), named);
        }
    }

    fn result_status(&mut self, spec: &Spec) -> Option<ResultStatusNames> {
        let any_codes = !spec.apis.is_empty()
            || spec
                .gateway_codes
                .as_ref()
                .is_some_and(|g| !g.value.is_empty());
        let en = self.ir.enums.iter().find(|e| e.spec_name == "ResultStatus");
        let Some(en) = en else {
            if any_codes {
                let loc = spec
                    .apis
                    .first()
                    .map(|a| a.loc.clone())
                    .or_else(|| spec.gateway_codes.as_ref().map(|g| g.loc.clone()))
                    .unwrap_or_else(|| Location::new("spec", 1, 1));
                self.err(
                    &loc,
                    "APIs and result codes need an enum `ResultStatus` with the values S, F and U",
                );
            }
            return None;
        };
        let find = |v: &str| {
            en.values
                .iter()
                .find(|x| x.wire == v)
                .map(|x| x.rust_name.clone())
        };
        match (find("S"), find("F"), find("U")) {
            (Some(s), Some(f), Some(u)) => Some(ResultStatusNames {
                enum_name: en.rust_name.clone(),
                success: s,
                failure: f,
                unknown: u,
            }),
            _ => {
                let loc = spec
                    .enums
                    .iter()
                    .find(|e| e.name.value == "ResultStatus")
                    .map(|e| e.name.loc.clone())
                    .unwrap_or_else(|| Location::new("spec", 1, 1));
                self.err(
                    &loc,
                    "the enum `ResultStatus` must have the values S, F and U",
                );
                None
            }
        }
    }

    fn enumeration(&mut self, e: &crate::model::EnumSpec) -> Enum {
        let rust_name = match self.types.get(&e.name.value) {
            Some(Named::Enum(r)) => r.clone(),
            _ => naming::pascal(&e.name.value),
        };
        let mut seen_wire: HashMap<&str, &Location> = HashMap::new();
        let mut seen_rust: HashMap<String, (String, Location)> = HashMap::new();
        let mut values = Vec::new();
        for v in &e.values {
            if let Some(first) = seen_wire.get(v.value.value.as_str()) {
                let message = format!("duplicate value `{}` (first at {first})", v.value.value);
                self.err(&v.value.loc, message);
                continue;
            }
            seen_wire.insert(&v.value.value, &v.value.loc);
            let (rust, loc) = match &v.rust_name {
                Some(r) => (r.value.clone(), r.loc.clone()),
                None => (naming::pascal(&v.value.value), v.value.loc.clone()),
            };
            if !naming::is_identifier(&rust) || naming::is_keyword(&rust) {
                let message = format!(
                    "value `{}` has no usable Rust variant name (`{rust}`); give it a `rust_name`",
                    v.value.value
                );
                self.err(&loc, message);
                continue;
            }
            if naming::collision_key(&rust) == naming::collision_key(naming::UNKNOWN_VARIANT) {
                let message = format!(
                    "value `{}` would be the variant `{rust}`, which collides with the generated `Unknown(String)` variant; give it a `rust_name`",
                    v.value.value
                );
                self.err(&loc, message);
                continue;
            }
            let key = naming::collision_key(&rust);
            if let Some((other, other_loc)) = seen_rust.get(&key) {
                let message = format!(
                    "variant `{rust}` collides with `{other}` (at {other_loc}); names must differ in more than case and underscores"
                );
                self.err(&loc, message);
                continue;
            }
            seen_rust.insert(key, (rust.clone(), loc));
            values.push(EnumValue {
                wire: v.value.value.clone(),
                rust_name: rust,
                description: v.description.clone(),
            });
        }
        Enum {
            spec_name: e.name.value.clone(),
            rust_name,
            description: e.description.clone(),
            values,
        }
    }

    fn resolve_type(&mut self, ty: &Spanned<String>) -> Option<FieldType> {
        Some(match ty.value.as_str() {
            "string" => FieldType::String,
            "url" => FieldType::Url,
            "datetime" => FieldType::Datetime,
            "boolean" => FieldType::Boolean,
            "integer" => FieldType::Integer,
            other => match self.types.get(other) {
                Some(Named::Enum(r)) => FieldType::Enum(r.clone()),
                Some(Named::Object(r)) => FieldType::Object(r.clone()),
                None => {
                    let mut message = format!(
                        "unknown type `{other}`; expected string, url, datetime, boolean, integer, array, or the name of an object or enum"
                    );
                    if let Some(s) = self.suggest(other) {
                        message.push_str(&format!(" (did you mean `{s}`?)"));
                    }
                    self.err(&ty.loc, message);
                    return None;
                }
            },
        })
    }

    fn suggest(&self, name: &str) -> Option<String> {
        let mut candidates: Vec<&str> = PRIMITIVES.to_vec();
        candidates.extend(self.types.keys().map(String::as_str));
        candidates
            .into_iter()
            .map(|c| (edit_distance(&name.to_lowercase(), &c.to_lowercase()), c))
            .filter(|(d, _)| *d <= 2)
            .min()
            .map(|(_, c)| c.to_owned())
    }

    fn fields(&mut self, fields: &[FieldSpec], owner: &str, is_request: bool) -> Vec<Field> {
        let mut out = Vec::new();
        let mut seen_wire: HashMap<&str, &Location> = HashMap::new();
        let mut seen_rust: HashMap<String, (String, Location)> = HashMap::new();
        for f in fields {
            let wire = &f.name.value;
            if let Some(first) = seen_wire.get(wire.as_str()) {
                let message = format!("duplicate field `{wire}` in `{owner}` (first at {first})");
                self.err(&f.name.loc, message);
                continue;
            }
            seen_wire.insert(wire, &f.name.loc);
            let (raw, name_loc) = match &f.rust_name {
                Some(r) => (r.value.clone(), r.loc.clone()),
                None => (naming::snake(wire), f.name.loc.clone()),
            };
            if !naming::is_identifier(&raw) {
                let message = format!(
                    "field `{wire}` has no usable Rust name (`{raw}`); give it a `rust_name`"
                );
                self.err(&name_loc, message);
                continue;
            }
            if raw == "build" || raw == "builder" {
                let message = format!(
                    "field `{wire}` would be named `{raw}`, which the generated builder already uses; give it a `rust_name`"
                );
                self.err(&name_loc, message);
                continue;
            }
            let rust = naming::escape(&raw);
            let key = naming::collision_key(&raw);
            if let Some((other, other_loc)) = seen_rust.get(&key) {
                let message = format!(
                    "field `{wire}` (Rust `{rust}`) collides with `{other}` (at {other_loc}) in `{owner}`; names must differ in more than case and underscores"
                );
                self.err(&name_loc, message);
                continue;
            }
            seen_rust.insert(key, (rust.clone(), name_loc));
            if let Some(field) = self.field(f, wire, rust, owner, is_request) {
                out.push(field);
            }
        }
        out
    }

    /// Resolves one field (its type), runs the field rules ([`lint::field`]) and builds it.
    fn field(
        &mut self,
        f: &FieldSpec,
        wire: &str,
        rust: String,
        owner: &str,
        is_request: bool,
    ) -> Option<Field> {
        let ty = self.field_type(f, wire)?;
        let cx = lint::FieldContext { owner, is_request };
        lint::field(f, &ty, &cx, &mut self.diags);
        let mut values: Vec<String> = Vec::new();
        for v in f.values.iter().flat_map(|vs| &vs.value) {
            if !values.contains(&v.value) {
                values.push(v.value.clone());
            }
        }
        self.field_locs
            .insert((owner.to_owned(), wire.to_owned()), f.loc.clone());
        let essential = f.essential.as_ref().is_some_and(|e| e.value);
        Some(Field {
            wire_name: wire.to_owned(),
            reveal_last_four: f
                .reveal
                .as_ref()
                .is_some_and(|r| r.value == Reveal::LastFour),
            format: f.format.as_ref().map(|r| r.value),
            essential,
            lenient: false,
            rust_name: rust,
            ty,
            required: f.required.value,
            max_length: f.max_length.as_ref().map(|m| m.value),
            values,
            minimum: f.minimum.as_ref().map(|m| m.value),
            maximum: f.maximum.as_ref().map(|m| m.value),
            sensitive: f.sensitive,
            description: f.description.clone(),
            since: f.since.clone(),
            note: f.note.clone(),
            typestate: None,
        })
    }

    /// The type of a field from `type` and `items` (which only an array may have).
    fn field_type(&mut self, f: &FieldSpec, wire: &str) -> Option<FieldType> {
        if f.ty.value != "array" {
            if let Some(items) = &f.items {
                self.err(
                    &items.loc,
                    format!(
                        "`items` is only allowed with `type: array`, but `{wire}` is `{}`",
                        f.ty.value
                    ),
                );
            }
            return self.resolve_type(&f.ty);
        }
        match &f.items {
            None => {
                self.err(
                    &f.ty.loc,
                    format!("field `{wire}` has `type: array` but no `items`"),
                );
                None
            }
            Some(items) if items.value == "array" => {
                self.err(&items.loc, "arrays of arrays are not supported");
                None
            }
            Some(items) => Some(FieldType::Array(Box::new(self.resolve_type(items)?))),
        }
    }

    fn message(
        &mut self,
        api: &ApiSpec,
        m: &MessageSpec,
        suffix: &str,
        role: StructRole,
        is_request: bool,
    ) -> Option<String> {
        let default = Spanned {
            value: format!("{}{suffix}", naming::pascal(&api.name.value)),
            loc: m.loc.clone(),
        };
        let name = m.name.as_ref().unwrap_or(&default);
        let rust = self.type_name(name, None, "message");
        if self.types.contains_key(&name.value) {
            let message = format!(
                "message name `{}` is already used by an object or enum",
                name.value
            );
            self.err(&name.loc, message);
            return None;
        }
        let claimed = self.claim(&rust, &name.loc, "message");
        let claimed_builder = self.claim(&builder_name(&rust), &name.loc, "builder of message");
        let fields = self.fields(&m.fields, &rust, is_request);
        let s = Struct::new(
            &name.value,
            rust.clone(),
            role,
            m.description.clone(),
            fields,
        );
        self.ir.structs.push(s);
        (claimed && claimed_builder).then_some(rust)
    }

    fn api(&mut self, api: &ApiSpec, spec: &Spec) -> Option<Api> {
        let merchant = api.direction.value == Direction::MerchantToAntom;
        let name = &api.name.value;
        if !naming::is_identifier(name) {
            self.err(
                &api.name.loc,
                format!(
                    "API name `{name}` must be a plain identifier such as `createVaultingSession`"
                ),
            );
            return None;
        }
        let rust_name = self.type_name(&api.name, None, "API");
        let module = naming::snake(&rust_name);
        if naming::GENERATED_MODULES.contains(&module.as_str()) {
            let message = format!(
                "API `{name}` would get the module `{module}`, a name the generated code already uses for its own module; rename the API"
            );
            self.err(&api.name.loc, message);
            return None;
        }
        let marker_ok = self.claim(&rust_name, &api.name.loc, "API marker type");
        let result_code_enum = format!("{rust_name}ResultCode");
        let codes_ok = self.claim(&result_code_enum, &api.name.loc, "result-code enum");
        let method_name = naming::escape(&naming::snake(name));
        let (req_suffix, res_suffix, req_role, res_role) = if merchant {
            (
                "Request",
                "Response",
                StructRole::Request(name.clone()),
                StructRole::Response(name.clone()),
            )
        } else {
            (
                "Notification",
                "Acknowledgement",
                StructRole::Notification(name.clone()),
                StructRole::Acknowledgement(name.clone()),
            )
        };
        let request = self.message(api, &api.request, req_suffix, req_role, merchant);
        let response = self.message(api, &api.response, res_suffix, res_role, false);
        let path = match (&api.path, merchant) {
            (Some(p), true) => {
                if !p.value.starts_with('/') {
                    self.err(&p.loc, "`path` must start with `/`");
                }
                Some(p.value.clone())
            }
            (None, true) => {
                self.err(
                    &api.loc,
                    format!("API `{name}` (merchant_to_antom) is missing the mandatory key `path`"),
                );
                None
            }
            (Some(p), false) => {
                self.err(&p.loc, "`path` is only for merchant_to_antom APIs; a notification arrives at the merchant's own URL");
                None
            }
            (None, false) => None,
        };
        let transport_retry = match (&api.idempotency.transport_retry, merchant) {
            (Some(t), _) => match &t.value {
                Known::Stated(rule) => *rule,
                Known::Unknown => {
                    self.unknown(&t.loc, "transport retry rule");
                    TransportRetry::Never
                }
            },
            (None, true) => {
                self.err(&api.idempotency.key.loc, "`idempotency` of a merchant_to_antom API needs `transport_retry` (same_id, new_id or never)");
                TransportRetry::Never
            }
            (None, false) => TransportRetry::Never,
        };
        let (request, response) = (request?, response?);
        // Idempotency key: a required string field of the request, of bounded length (the runtime
        // logs at most that many characters of it).
        let key = &api.idempotency.key;
        let Known::Stated(key_name) = &key.value else {
            self.unknown(&key.loc, "idempotency key");
            return None;
        };
        let req_struct = self.ir.structs.iter().find(|s| s.rust_name == request)?;
        let idempotency_key = match req_struct.fields.iter().find(|f| &f.wire_name == key_name) {
            Some(f) if f.required == Required::Yes && f.ty.is_text() && f.max_length.is_some() => {
                FieldRef {
                    wire: f.wire_name.clone(),
                    rust: f.rust_name.clone(),
                }
            }
            Some(_) => {
                let message = format!(
                    "idempotency key `{key_name}` must be a required string field of `{request}` with a `max_length`"
                );
                self.err(&key.loc, message);
                return None;
            }
            None => {
                let message = format!("idempotency key `{key_name}` is not a field of `{request}`");
                self.err(&key.loc, message);
                return None;
            }
        };
        let result_access = self.result_access(&response);
        // An import of a page that stops before its response says nothing about `result`.
        let response_shown = api
            .page
            .as_ref()
            .is_none_or(|p| p.shows(&crate::model::page::Part::Response));
        if merchant && result_access.is_none() && response_shown {
            let message = format!(
                "the response `{response}` needs a required field `result` whose object has a required string field `resultCode`"
            );
            self.err(&api.response.loc, message);
            return None;
        }
        if merchant
            && result_access
                .as_ref()
                .is_some_and(|r| r.result_type != "AntomResult")
        {
            let message = format!(
                "the `result` field of `{response}` must be the object whose Rust name is `AntomResult` (the runtime contract returns `&AntomResult`)"
            );
            self.err(&api.response.loc, message);
            return None;
        }
        let (result_codes, gateway_codes) = self.result_codes(api, spec, merchant);
        (marker_ok && codes_ok).then(|| Api {
            name: name.clone(),
            rust_name,
            method_name,
            direction: api.direction.value,
            path,
            doc: api.doc.clone(),
            summary: api.summary.clone(),
            description: api.description.clone(),
            idempotency_key,
            transport_retry,
            request,
            response,
            result_code_enum,
            result_codes,
            gateway_codes,
            result_access,
            decisions: api.decisions.clone(),
        })
    }

    fn result_access(&self, response: &str) -> Option<ResultAccess> {
        let res = self.ir.structs.iter().find(|s| s.rust_name == response)?;
        let field = res
            .fields
            .iter()
            .find(|f| f.wire_name == "result" && f.required == Required::Yes)?;
        let FieldType::Object(obj) = &field.ty else {
            return None;
        };
        let obj_struct = self.ir.structs.iter().find(|s| &s.rust_name == obj)?;
        let code = obj_struct.fields.iter().find(|f| {
            f.wire_name == "resultCode" && f.required == Required::Yes && f.ty.is_text()
        })?;
        Some(ResultAccess {
            result_field: FieldRef {
                wire: field.wire_name.clone(),
                rust: field.rust_name.clone(),
            },
            result_type: obj.clone(),
            code_field: FieldRef {
                wire: code.wire_name.clone(),
                rust: code.rust_name.clone(),
            },
        })
    }

    /// The gateway-wide codes, checked once; claims the shared enum's name.
    fn gateway(&mut self, spec: &Spec) -> Option<GatewayCodes> {
        let table = spec
            .gateway_codes
            .as_ref()
            .filter(|g| !g.value.is_empty())?;
        let claimed = self.claim(GATEWAY_ENUM, &table.loc, "the gateway result-code enum");
        let codes = self.code_table(&table.value, "gateway result code");
        claimed.then(|| GatewayCodes {
            enum_name: GATEWAY_ENUM.to_owned(),
            variant: GATEWAY_VARIANT.to_owned(),
            codes,
        })
    }

    /// One API's own codes; whether it accepts the gateway-wide ones is [`Api::gateway_codes`].
    fn result_codes(
        &mut self,
        api: &ApiSpec,
        spec: &Spec,
        merchant: bool,
    ) -> (Vec<ResultCode>, bool) {
        let own = self.code_table(&api.result_codes, "result code");
        let with_gateway = api.gateway_codes.as_ref().map_or(merchant, |g| g.value);
        if with_gateway
            && spec.gateway_codes.is_none()
            && let Some(g) = &api.gateway_codes
        {
            self.err(
                &g.loc,
                "`gateway_codes: true` but no file declares `gateway_codes`",
            );
        }
        let gateway = with_gateway
            && spec
                .gateway_codes
                .as_ref()
                .is_some_and(|g| !g.value.is_empty());
        (own, gateway)
    }

    /// Checks one table of codes (duplicates, Rust variant names) and resolves it, in file order.
    fn code_table(&mut self, table: &[ResultCodeSpec], what: &str) -> Vec<ResultCode> {
        let mut out: Vec<ResultCode> = Vec::new();
        let mut by_rust: BTreeMap<String, (String, Location)> = BTreeMap::new();
        for c in table {
            let code = &c.code.value;
            if out.iter().any(|o| &o.code == code) {
                self.err(&c.code.loc, format!("duplicate {what} `{code}`"));
                continue;
            }
            let rust = naming::pascal(code);
            if !naming::is_identifier(&rust) {
                self.err(
                    &c.code.loc,
                    format!("{what} `{code}` has no usable Rust variant name"),
                );
                continue;
            }
            if rust == naming::UNKNOWN_VARIANT || rust == GATEWAY_VARIANT {
                self.err(
                    &c.code.loc,
                    format!(
                        "{what} `{code}` collides with the generated `{rust}` variant of the result-code enums"
                    ),
                );
                continue;
            }
            let key = naming::collision_key(&rust);
            if let Some((other, loc)) = by_rust.get(&key) {
                self.err(&c.code.loc, format!("{what} `{code}` collides with `{other}` (at {loc}) once converted to a Rust name"));
                continue;
            }
            by_rust.insert(key, (code.clone(), c.code.loc.clone()));
            let Known::Stated(action) = c.action.value else {
                self.unknown(&c.action.loc, "action");
                continue;
            };
            out.push(ResultCode {
                code: code.clone(),
                rust_name: rust,
                status: c.status.value,
                action,
                description: c.description.clone(),
            });
        }
        out
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
