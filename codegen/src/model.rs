//! The spec as written: one struct per YAML construct, decoded by hand from the located node tree.
//!
//! Decoding checks shape only (known keys, mandatory keys, scalar kinds, the closed word lists such
//! as `direction`, `status` and `action`). Cross-references and naming are checked later, when
//! [`crate::ir::resolve`] turns a [`Spec`] into the IR.

use crate::diagnostic::{Diagnostic, Location};
use crate::yaml::{Node, NodeValue};

pub mod kinds;
mod known;
pub mod page;
mod placeholder;
pub mod service;
pub mod vocab;

pub use known::Known;
pub use service::{RegionSpec, ServiceSpec};

pub use vocab::{Action, Direction, Format, Required, Reveal, Status, Term, TransportRetry};

/// How a text that a person still has to write starts: `TODO: describe normalUrl`. The loader
/// rejects such a description, summary or note in spec/ (see [`decode_file`]); `diff` and `sync`
/// read them, so that fresh imports and freshly synced files can be compared.
pub const PLACEHOLDER: &str = "TODO";

/// The placeholder for a text still to be written, e.g. `placeholder("describe normalUrl")`.
pub fn placeholder(what: &str) -> String {
    format!("{PLACEHOLDER}: {what}")
}

/// Whether a text is still a placeholder.
pub fn is_placeholder(text: &str) -> bool {
    text.trim_start().starts_with(PLACEHOLDER)
}

/// A value together with the location it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub loc: Location,
}

/// One spec source: a file name (used in locations) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The name used in diagnostics, e.g. `create_vaulting_session.yaml`.
    pub name: String,
    /// The YAML text.
    pub text: String,
}

/// Everything loaded from a spec directory, in file-name order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// The APIs, one per `api` file.
    pub apis: Vec<ApiSpec>,
    /// The shared objects of all `objects` files.
    pub objects: Vec<ObjectSpec>,
    /// The enumerations of all `enums` files.
    pub enums: Vec<EnumSpec>,
    /// The gateway-wide result codes (`gateway_codes` file), if any file declares them.
    pub gateway_codes: Option<Spanned<Vec<ResultCodeSpec>>>,
    /// Hosts, base path, sandbox and client-id rules (`service` file), if any file declares them.
    pub service: Option<ServiceSpec>,
}

/// One API file.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiSpec {
    /// `api`: Antom's name, e.g. `createVaultingSession`.
    pub name: Spanned<String>,
    /// `direction`.
    pub direction: Spanned<Direction>,
    /// `path` (merchant → Antom only).
    pub path: Option<Spanned<String>>,
    /// `doc`: link to Antom's page.
    pub doc: Option<String>,
    /// `summary`: one line.
    pub summary: String,
    /// `description`.
    pub description: Option<String>,
    /// `idempotency`.
    pub idempotency: IdempotencySpec,
    /// `request` (the notification for antom_to_merchant).
    pub request: MessageSpec,
    /// `response` (the acknowledgement for antom_to_merchant).
    pub response: MessageSpec,
    /// `result_codes`: this API's own table.
    pub result_codes: Vec<ResultCodeSpec>,
    /// `gateway_codes`, if given.
    pub gateway_codes: Option<Spanned<bool>>,
    /// `decisions`: free text, one entry per decision.
    pub decisions: Vec<String>,
    /// What the decisions' `covers:` lists name: the page differences they explain.
    pub covers: Vec<Cover>,
    /// `synced_from`: the page `sync` last applied to this file, and its date.
    pub synced_from: Option<SyncedFrom>,
    /// `page`: what the page an import was read from shows (absent: the whole API, as in spec/).
    pub page: Option<page::PageView>,
    /// Where the file's `api` key is.
    pub loc: Location,
}

/// `synced_from` of an API file: written by `sync`, read to refuse an older page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncedFrom {
    /// `page`: the page file sync read (its name, not a path).
    pub page: String,
    /// `date`: the page's own date (`YYYY-MM-DD`), when it shows one.
    pub date: Option<String>,
}

/// One path a decision's `covers:` list names (see spec/README.md, "Decisions"): a difference
/// between Antom's page and the spec that the decision explains, which `sync` leaves alone.
#[derive(Clone, Debug, PartialEq)]
pub struct Cover {
    /// The path as written: `request.passThroughMetadata`, `response.vaultingId.required`,
    /// `result_codes.VAULTING_NOT_EXIST.action`, `objects.Result.resultStatus.type`.
    pub path: Spanned<String>,
    /// Which decision (index into [`ApiSpec::decisions`]) names it.
    pub decision: usize,
}

/// `idempotency` of an API.
#[derive(Clone, Debug, PartialEq)]
pub struct IdempotencySpec {
    /// `key`: the request field identifying the attempt (`TODO` in an import: unknown).
    pub key: Spanned<Known<String>>,
    /// `transport_retry` (defaults to `never` where omitted, which only notifications may do).
    pub transport_retry: Option<Spanned<Known<TransportRetry>>>,
}

/// A request, response, notification or acknowledgement.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageSpec {
    /// `name`: the Rust type name, if not the default.
    pub name: Option<Spanned<String>>,
    /// `description`.
    pub description: Option<String>,
    /// `fields`.
    pub fields: Vec<FieldSpec>,
    /// Where the message's key is.
    pub loc: Location,
}

/// One field of a message or object.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSpec {
    /// `name`: exact wire name.
    pub name: Spanned<String>,
    /// `type`.
    pub ty: Spanned<String>,
    /// `required`.
    pub required: Spanned<Required>,
    /// `max_length`.
    pub max_length: Option<Spanned<u64>>,
    /// `values`.
    pub values: Option<Spanned<Vec<Spanned<String>>>>,
    /// `minimum`.
    pub minimum: Option<Spanned<i64>>,
    /// `maximum`.
    pub maximum: Option<Spanned<i64>>,
    /// `items`.
    pub items: Option<Spanned<String>>,
    /// `sensitive`.
    pub sensitive: bool,
    /// `reveal`: how much of a sensitive value `Debug` shows (absent: nothing).
    pub reveal: Option<Spanned<Reveal>>,
    /// `format`: what a sensitive text stands for (absent: plain text).
    pub format: Option<Spanned<Format>>,
    /// `essential`: a message Antom sends cannot be acted on without this field.
    pub essential: Option<Spanned<bool>>,
    /// `description`.
    pub description: Option<String>,
    /// `since`.
    pub since: Option<String>,
    /// `note`.
    pub note: Option<String>,
    /// `rust_name`.
    pub rust_name: Option<Spanned<String>>,
    /// Where the field entry starts.
    pub loc: Location,
}

/// One shared object of an `objects` file.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectSpec {
    /// `name`: the spec name.
    pub name: Spanned<String>,
    /// `rust_name`.
    pub rust_name: Option<Spanned<String>>,
    /// `description`.
    pub description: Option<String>,
    /// `fields`.
    pub fields: Vec<FieldSpec>,
}

/// One enumeration of an `enums` file.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumSpec {
    /// `name`.
    pub name: Spanned<String>,
    /// `rust_name`.
    pub rust_name: Option<Spanned<String>>,
    /// `description`.
    pub description: Option<String>,
    /// `values`.
    pub values: Vec<EnumValueSpec>,
}

/// One value of an enumeration.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValueSpec {
    /// `value`: exact wire value.
    pub value: Spanned<String>,
    /// `rust_name`.
    pub rust_name: Option<Spanned<String>>,
    /// `description`.
    pub description: Option<String>,
}

/// One result code.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultCodeSpec {
    /// `code`.
    pub code: Spanned<String>,
    /// `status`.
    pub status: Spanned<Status>,
    /// `action` (`TODO` in an import: unknown).
    pub action: Spanned<Known<Action>>,
    /// `description`.
    pub description: Option<String>,
}

/// Whether the loader accepts [`PLACEHOLDER`] texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placeholders {
    /// spec/: a description, summary or note still to be written is an error.
    Rejected,
    /// Fresh imports and synced files under review (`diff`, `sync`).
    Allowed,
}

/// Decodes the located tree of one file into `spec`, pushing every problem onto `diags`;
/// placeholder texts are errors.
pub fn decode_file(root: &Node, spec: &mut Spec, diags: &mut Vec<Diagnostic>) {
    decode_file_with(root, spec, diags, Placeholders::Rejected);
}

/// [`decode_file`], with placeholder texts rejected or allowed.
pub fn decode_file_with(
    root: &Node,
    spec: &mut Spec,
    diags: &mut Vec<Diagnostic>,
    placeholders: Placeholders,
) {
    let before = (spec.apis.len(), spec.objects.len(), spec.enums.len());
    let had_codes = spec.gateway_codes.is_some();
    decode_root(root, spec, diags);
    if placeholders == Placeholders::Rejected {
        let codes = spec.gateway_codes.as_ref().filter(|_| !had_codes);
        placeholder::check(
            &spec.apis[before.0..],
            &spec.objects[before.1..],
            &spec.enums[before.2..],
            codes.map_or(&[][..], |c| &c.value[..]),
            diags,
        );
    }
}

fn decode_root(root: &Node, spec: &mut Spec, diags: &mut Vec<Diagnostic>) {
    let NodeValue::Mapping(entries) = &root.value else {
        diags.push(Diagnostic::at(
            &root.loc,
            format!(
                "a spec file must be a mapping with a top-level `api`, `objects`, `enums`, `gateway_codes` or `service` key, found {}",
                root.kind_name()
            ),
        ));
        return;
    };
    let has = |k: &str| entries.iter().any(|(key, _)| key.as_scalar() == Some(k));
    if has("api") {
        if let Some((api, objects)) = decode_api(root, diags) {
            spec.apis.push(api);
            spec.objects.extend(objects);
        }
        return;
    }
    let mut fields = Fields::new(root, "spec file", diags);
    let kinds = ["objects", "enums", "gateway_codes", "service"];
    let present: Vec<&str> = kinds.iter().copied().filter(|k| has(k)).collect();
    if present.len() != 1 {
        fields.diags.push(Diagnostic::at(
            &root.loc,
            "a spec file needs exactly one top-level key: `api`, `objects`, `enums`, `gateway_codes` or `service`",
        ));
        return;
    }
    match present[0] {
        "objects" => {
            if let Some(list) = fields.seq("objects", true) {
                for item in list {
                    if let Some(o) = decode_object(item, fields.diags) {
                        spec.objects.push(o);
                    }
                }
            }
        }
        "enums" => {
            if let Some(list) = fields.seq("enums", true) {
                for item in list {
                    if let Some(e) = decode_enum(item, fields.diags) {
                        spec.enums.push(e);
                    }
                }
            }
        }
        "service" => {
            let loc = fields.key_loc("service");
            if let Some(node) = fields.map("service", true)
                && let Some(service) = service::decode(node, loc.clone(), fields.diags)
            {
                if let Some(previous) = &spec.service {
                    fields.diags.push(Diagnostic::at(
                        &loc,
                        format!("the service is declared twice (first in {})", previous.loc),
                    ));
                } else {
                    spec.service = Some(service);
                }
            }
        }
        _ => {
            let loc = fields.key_loc("gateway_codes");
            if let Some(list) = fields.seq("gateway_codes", true) {
                let codes = list
                    .iter()
                    .filter_map(|n| decode_result_code(n, fields.diags))
                    .collect();
                if let Some(previous) = &spec.gateway_codes {
                    fields.diags.push(Diagnostic::at(
                        &loc,
                        format!(
                            "gateway codes are declared twice (first in {})",
                            previous.loc
                        ),
                    ));
                } else {
                    spec.gateway_codes = Some(Spanned { value: codes, loc });
                }
            }
        }
    }
    fields.finish();
}

fn decode_api(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<(ApiSpec, Vec<ObjectSpec>)> {
    let mut f = Fields::new(node, "API file", diags);
    let loc = f.key_loc("api");
    let name = f.string("api", true);
    let direction = f.word::<Direction>("direction", true);
    let path = f.string("path", false);
    let doc = f.text("doc", false);
    let summary = f.text("summary", true);
    let description = f.text("description", false);
    let idempotency = f.map("idempotency", true).and_then(|n| {
        let mut g = Fields::new(n, "idempotency", f.diags);
        let key = g.string("key", true).map(|s| Spanned {
            value: if is_placeholder(&s.value) {
                Known::Unknown
            } else {
                Known::Stated(s.value)
            },
            loc: s.loc,
        });
        let transport_retry = g.known_word::<TransportRetry>("transport_retry", false);
        g.finish();
        Some(IdempotencySpec {
            key: key?,
            transport_retry,
        })
    });
    let request = f
        .map("request", true)
        .and_then(|n| decode_message(n, f.diags));
    let response = f
        .map("response", true)
        .and_then(|n| decode_message(n, f.diags));
    let result_codes = f
        .seq("result_codes", false)
        .map(|list| {
            list.iter()
                .filter_map(|n| decode_result_code(n, f.diags))
                .collect()
        })
        .unwrap_or_default();
    let gateway_codes = f.boolean("gateway_codes");
    let synced_from = f.map("synced_from", false).and_then(|n| {
        let mut g = Fields::new(n, "synced_from", f.diags);
        let page = g.text("page", true);
        let date = g.text("date", false);
        g.finish();
        Some(SyncedFrom {
            page: page?.value,
            date: date.map(|d| d.value),
        })
    });
    let page = f.map("page", false).and_then(|n| decode_page(n, f.diags));
    let mut decisions = Vec::new();
    let mut covers = Vec::new();
    for item in f.seq("decisions", false).unwrap_or_default() {
        if let Some((text, paths)) = decode_decision(item, f.diags) {
            covers.extend(paths.into_iter().map(|path| Cover {
                path,
                decision: decisions.len(),
            }));
            decisions.push(text);
        }
    }
    // An imported page carries the objects it spells out in the same document.
    let objects: Vec<ObjectSpec> = f
        .seq("objects", false)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| decode_object(n, f.diags))
        .collect();
    f.finish();
    Some(ApiSpec {
        name: name?,
        direction: direction?,
        path,
        doc: doc.map(|d| d.value),
        summary: summary?.value,
        description: description.map(|d| d.value),
        idempotency: idempotency?,
        request: request?,
        response: response?,
        result_codes,
        gateway_codes,
        decisions,
        covers,
        synced_from,
        page,
        loc,
    })
    .map(|api| (api, objects))
}

/// `page`: what an imported page shows.
fn decode_page(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<page::PageView> {
    let mut f = Fields::new(node, "page", diags);
    let form = f.string("form", true);
    let date = f.text("date", false);
    let words = |f: &mut Fields<'_, '_>, key: &str| -> Vec<Spanned<String>> {
        f.seq(key, false)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| {
                Some(Spanned {
                    value: scalar_text(n, &format!("an entry of `{key}`"), f.diags)?,
                    loc: n.loc.clone(),
                })
            })
            .collect()
    };
    let shows = words(&mut f, "shows");
    let ends_inside = words(&mut f, "ends_inside");
    let ends_early = f.boolean("ends_early");
    f.finish();
    let form = form?;
    let Some(format) = page::PageFormat::ALL
        .into_iter()
        .find(|p| p.word() == form.value)
    else {
        diags.push(Diagnostic::at(
            &form.loc,
            "`form` must be one of antom_markdown, alipay_text, rendered_text",
        ));
        return None;
    };
    let mut view = page::PageView::new(format);
    view.date = date.map(|d| d.value);
    for word in shows {
        match page::Part::parse(&word.value) {
            Some(part) => {
                view.complete.insert(part);
            }
            None => diags.push(Diagnostic::at(
                &word.loc,
                "`shows` entries are request, response, result_logic, result_codes or children.<Object>",
            )),
        }
    }
    view.unfinished = ends_inside.into_iter().map(|w| w.value).collect();
    view.ends_early = ends_early.is_some_and(|e| e.value);
    Some(view)
}

/// A decision: plain text, or a mapping of `text` and the `covers` paths it explains.
fn decode_decision(
    node: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, Vec<Spanned<String>>)> {
    if !matches!(node.value, NodeValue::Mapping(_)) {
        return scalar_text(node, "a decision", diags).map(|t| (t, Vec::new()));
    }
    let mut f = Fields::new(node, "decision", diags);
    let covers = f.seq("covers", true).map(|list| {
        list.iter()
            .filter_map(|n| {
                let path = scalar_text(n, "a covered path", f.diags)?;
                Some(Spanned {
                    value: path,
                    loc: n.loc.clone(),
                })
            })
            .collect()
    });
    let text = f.text("text", true);
    f.finish();
    Some((text?.value, covers?))
}

fn decode_message(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<MessageSpec> {
    let mut f = Fields::new(node, "message", diags);
    let name = f.string("name", false);
    let description = f.text("description", false).map(|d| d.value);
    let fields = decode_fields(&mut f);
    f.finish();
    Some(MessageSpec {
        name,
        description,
        fields: fields?,
        loc: node.loc.clone(),
    })
}

fn decode_fields(f: &mut Fields<'_, '_>) -> Option<Vec<FieldSpec>> {
    let list = f.seq("fields", true)?;
    Some(
        list.iter()
            .filter_map(|n| decode_field(n, f.diags))
            .collect(),
    )
}

fn decode_field(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<FieldSpec> {
    let mut f = Fields::new(node, "field", diags);
    let name = f.string("name", true);
    let ty = f.string("type", true);
    let required = f.word::<Required>("required", true);
    let max_length = f
        .integer("max_length")
        .and_then(|s| match u64::try_from(s.value) {
            Ok(v) => Some(Spanned {
                value: v,
                loc: s.loc,
            }),
            Err(_) => {
                f.diags
                    .push(Diagnostic::at(&s.loc, "`max_length` must not be negative"));
                None
            }
        });
    let values = f.seq_loc("values").map(|(list, loc)| Spanned {
        value: list
            .iter()
            .filter_map(|n| {
                scalar_text(n, "an allowed value", f.diags).map(|v| Spanned {
                    value: v,
                    loc: n.loc.clone(),
                })
            })
            .collect(),
        loc,
    });
    let minimum = f.integer("minimum");
    let maximum = f.integer("maximum");
    let items = f.string("items", false);
    let sensitive = f.boolean("sensitive").is_some_and(|b| b.value);
    let reveal = f.word::<Reveal>("reveal", false);
    let format = f.word::<Format>("format", false);
    let essential = f.boolean("essential");
    let description = f.text("description", false).map(|d| d.value);
    let since = f.text("since", false).map(|d| d.value);
    let note = f.text("note", false).map(|d| d.value);
    let rust_name = f.string("rust_name", false);
    f.finish();
    Some(FieldSpec {
        name: name?,
        ty: ty?,
        required: required?,
        max_length,
        values,
        minimum,
        maximum,
        items,
        sensitive,
        reveal,
        format,
        essential,
        description,
        since,
        note,
        rust_name,
        loc: node.loc.clone(),
    })
}

fn decode_object(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<ObjectSpec> {
    let mut f = Fields::new(node, "object", diags);
    let name = f.string("name", true);
    let rust_name = f.string("rust_name", false);
    let description = f.text("description", false).map(|d| d.value);
    let fields = decode_fields(&mut f);
    f.finish();
    Some(ObjectSpec {
        name: name?,
        rust_name,
        description,
        fields: fields?,
    })
}

fn decode_enum(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<EnumSpec> {
    let mut f = Fields::new(node, "enum", diags);
    let name = f.string("name", true);
    let rust_name = f.string("rust_name", false);
    let description = f.text("description", false).map(|d| d.value);
    let values = f.seq("values", true).map(|list| {
        list.iter()
            .filter_map(|n| {
                let mut g = Fields::new(n, "enum value", f.diags);
                let value = g.string("value", true);
                let rust_name = g.string("rust_name", false);
                let description = g.text("description", false).map(|d| d.value);
                g.finish();
                Some(EnumValueSpec {
                    value: value?,
                    rust_name,
                    description,
                })
            })
            .collect()
    });
    f.finish();
    Some(EnumSpec {
        name: name?,
        rust_name,
        description,
        values: values?,
    })
}

fn decode_result_code(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<ResultCodeSpec> {
    let mut f = Fields::new(node, "result code", diags);
    let code = f.string("code", true);
    let status = f.word::<Status>("status", true);
    let action = f.known_word::<Action>("action", true);
    let description = f.text("description", false).map(|d| d.value);
    f.finish();
    Some(ResultCodeSpec {
        code: code?,
        status: status?,
        action: action?,
        description,
    })
}

fn scalar_text(node: &Node, what: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match node.as_scalar() {
        Some(text) if !node.is_null() => Some(text.to_owned()),
        _ => {
            diags.push(Diagnostic::at(
                &node.loc,
                format!("expected {what} (text), found {}", node.kind_name()),
            ));
            None
        }
    }
}

/// Reads the keys of one mapping, then reports the keys nobody asked for.
struct Fields<'n, 'd> {
    node: &'n Node,
    entries: &'n [(Node, Node)],
    used: Vec<bool>,
    what: &'static str,
    ok: bool,
    diags: &'d mut Vec<Diagnostic>,
}

impl<'n, 'd> Fields<'n, 'd> {
    fn new(node: &'n Node, what: &'static str, diags: &'d mut Vec<Diagnostic>) -> Self {
        let (entries, ok): (&[(Node, Node)], bool) = match &node.value {
            NodeValue::Mapping(entries) => (entries, true),
            _ => {
                diags.push(Diagnostic::at(
                    &node.loc,
                    format!("expected a {what} (a mapping), found {}", node.kind_name()),
                ));
                (&[], false)
            }
        };
        Fields {
            node,
            entries,
            used: vec![false; entries.len()],
            what,
            ok,
            diags,
        }
    }

    fn get(&mut self, key: &str, mandatory: bool) -> Option<&'n Node> {
        let found = self
            .entries
            .iter()
            .position(|(k, _)| k.as_scalar() == Some(key));
        match found {
            Some(i) => {
                self.used[i] = true;
                Some(&self.entries[i].1)
            }
            None => {
                if mandatory && self.ok {
                    self.diags.push(Diagnostic::at(
                        &self.node.loc,
                        format!("{} is missing the mandatory key `{key}`", self.what),
                    ));
                }
                None
            }
        }
    }

    fn key_loc(&self, key: &str) -> Location {
        self.entries
            .iter()
            .find(|(k, _)| k.as_scalar() == Some(key))
            .map_or_else(|| self.node.loc.clone(), |(k, _)| k.loc.clone())
    }

    fn string(&mut self, key: &str, mandatory: bool) -> Option<Spanned<String>> {
        let node = self.get(key, mandatory)?;
        let text = scalar_text(node, &format!("`{key}`"), self.diags)?;
        Some(Spanned {
            value: text,
            loc: node.loc.clone(),
        })
    }

    fn text(&mut self, key: &str, mandatory: bool) -> Option<Spanned<String>> {
        let s = self.string(key, mandatory)?;
        Some(Spanned {
            value: s.value.trim().to_owned(),
            loc: s.loc,
        })
    }

    /// A word of a closed list, or `TODO` for a fact a page left open.
    fn known_word<T: Term>(&mut self, key: &str, mandatory: bool) -> Option<Spanned<Known<T>>> {
        let node = self.get(key, mandatory)?;
        if node.as_scalar().is_some_and(is_placeholder) {
            return Some(Spanned {
                value: Known::Unknown,
                loc: node.loc.clone(),
            });
        }
        let s = self.word_at(key, node)?;
        Some(Spanned {
            value: Known::Stated(s.value),
            loc: s.loc,
        })
    }

    fn word<T: Term>(&mut self, key: &str, mandatory: bool) -> Option<Spanned<T>> {
        let node = self.get(key, mandatory)?;
        self.word_at(key, node)
    }

    fn word_at<T: Term>(&mut self, key: &str, node: &Node) -> Option<Spanned<T>> {
        let text = scalar_text(node, &format!("`{key}`"), self.diags)?;
        let s = Spanned {
            value: text,
            loc: node.loc.clone(),
        };
        match T::parse(&s.value) {
            Ok(v) => Some(Spanned {
                value: v,
                loc: s.loc,
            }),
            Err(unknown) => {
                let expected = unknown.expected.join(", ");
                let message = match key {
                    "status" => format!("status `{}` is not one of {expected}", s.value),
                    "action" => format!("unknown action `{}`; expected one of {expected}", s.value),
                    _ => format!("`{key}` must be one of {expected}, found `{}`", s.value),
                };
                self.diags.push(Diagnostic::at(&s.loc, message));
                None
            }
        }
    }

    fn boolean(&mut self, key: &str) -> Option<Spanned<bool>> {
        let s = self.string(key, false)?;
        let value = match s.value.as_str() {
            "true" => true,
            "false" => false,
            _ => {
                self.diags.push(Diagnostic::at(
                    &s.loc,
                    format!("`{key}` must be one of true, false, found `{}`", s.value),
                ));
                return None;
            }
        };
        Some(Spanned { value, loc: s.loc })
    }

    fn integer(&mut self, key: &str) -> Option<Spanned<i64>> {
        let s = self.string(key, false)?;
        match s.value.parse::<i64>() {
            Ok(v) => Some(Spanned {
                value: v,
                loc: s.loc,
            }),
            Err(_) => {
                self.diags.push(Diagnostic::at(
                    &s.loc,
                    format!("`{key}` must be a whole number, found `{}`", s.value),
                ));
                None
            }
        }
    }

    fn map(&mut self, key: &str, mandatory: bool) -> Option<&'n Node> {
        let node = self.get(key, mandatory)?;
        if matches!(node.value, NodeValue::Mapping(_)) {
            Some(node)
        } else {
            self.diags.push(Diagnostic::at(
                &node.loc,
                format!("`{key}` must be a mapping, found {}", node.kind_name()),
            ));
            None
        }
    }

    fn seq(&mut self, key: &str, mandatory: bool) -> Option<&'n [Node]> {
        let node = self.get(key, mandatory)?;
        match &node.value {
            NodeValue::Sequence(items) => Some(items),
            _ if node.is_null() => Some(&[]),
            _ => {
                self.diags.push(Diagnostic::at(
                    &node.loc,
                    format!("`{key}` must be a list, found {}", node.kind_name()),
                ));
                None
            }
        }
    }

    fn seq_loc(&mut self, key: &str) -> Option<(&'n [Node], Location)> {
        let loc = self.key_loc(key);
        self.seq(key, false).map(|s| (s, loc))
    }

    fn finish(self) {
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            if !used {
                self.diags.push(Diagnostic::at(
                    &key.loc,
                    format!(
                        "unknown key `{}` in {}",
                        key.as_scalar().unwrap_or_default(),
                        self.what
                    ),
                ));
            }
        }
    }
}
