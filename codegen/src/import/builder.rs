//! The state machine that turns classified lines (from any form) into the [`Spec`] the generator
//! reads (one API, and the objects whose children the page lists), plus a [`PageView`] of what
//! the page showed in full.

use super::facts::{
    api_name, backticked, fixed_value, map_action, map_type, max_length, opens_value_list,
    retry_rules, returned_on_success, value_bullet, value_range,
};
use super::json_text::reindent;
use super::line::{ExampleKind, Line, Numbered, Section};
use super::model::{
    Examples, ImportError, ImportWarning, Imported, PAGE, PageFormat, PageView, Part,
};
use crate::diagnostic::Location;
use crate::model::kinds::is_primitive;
use crate::model::{
    Action, ApiSpec, Direction, FieldSpec, IdempotencySpec, Known, MessageSpec, ObjectSpec,
    Required, ResultCodeSpec, Spanned, Status, TransportRetry, placeholder,
};

/// Where in the page the builder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Site navigation before the title.
    Preamble,
    /// Title, date, endpoint and summary.
    Head,
    /// The "Structure" boilerplate.
    Boilerplate,
    /// A parameter list.
    Params(Message),
    /// "Result process logic".
    ResultLogic,
    /// The code table (and any prose before it).
    Codes,
    /// Example bodies and explorer chrome.
    Examples,
    /// Footer after the code table.
    Trailer,
    /// A section the importer does not know.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Message {
    Request,
    Response,
}

/// What the lines after a field heading are read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldMode {
    Prose,
    Values,
    Facts,
}

/// Column positions of the code table.
#[derive(Clone, Copy, Debug)]
struct Columns {
    code: usize,
    status: usize,
    action: Option<usize>,
}

struct RawCode {
    code: String,
    status: Status,
    action_text: String,
    line: usize,
}

/// A field whose heading has been read and whose facts are still being read.
struct Open {
    depth: usize,
    field: FieldSpec,
    children: Vec<FieldSpec>,
}

struct Builder {
    state: State,
    name: Option<String>,
    date: Option<String>,
    view: PageView,
    objects: Vec<ObjectSpec>,
    path: Option<String>,
    saw_params: bool,
    idempotency_key: Option<String>,
    u_rule: Option<TransportRetry>,
    /// Result codes the result-process logic gives a retry rule of their own.
    code_rules: Vec<(String, TransportRetry)>,
    request: Vec<FieldSpec>,
    response: Vec<FieldSpec>,
    open: Vec<Open>,
    mode: FieldMode,
    columns: Option<Columns>,
    codes: Vec<RawCode>,
    example_request: Option<String>,
    example_response: Option<String>,
    warnings: Vec<ImportWarning>,
}

/// Builds the API from classified lines.
pub fn build(format: PageFormat, lines: Vec<Numbered>) -> Result<Imported, ImportError> {
    let mut builder = Builder {
        state: State::Preamble,
        name: None,
        date: None,
        view: PageView::new(format),
        objects: Vec::new(),
        path: None,
        saw_params: false,
        idempotency_key: None,
        u_rule: None,
        code_rules: Vec::new(),
        request: Vec::new(),
        response: Vec::new(),
        open: Vec::new(),
        mode: FieldMode::Prose,
        columns: None,
        codes: Vec::new(),
        example_request: None,
        example_response: None,
        warnings: Vec::new(),
    };
    for (number, line) in lines {
        builder.feed(number, line);
    }
    builder.close_fields(0, false);
    builder.finish()
}

impl Builder {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            line,
            message: message.into(),
        });
    }

    fn feed(&mut self, number: usize, line: Line) {
        let heading = matches!(
            line,
            Line::Title(_) | Line::Section(_) | Line::UnknownSection(_) | Line::Field { .. }
        );
        if heading && self.state == State::Trailer {
            // A heading after the code table's footer: the table was shown in full.
            self.part_finished();
        }
        match line {
            Line::Blank | Line::TableRule | Line::ChildrenHidden => {}
            Line::Date(date) => {
                if self.date.is_none() && matches!(self.state, State::Preamble | State::Head) {
                    self.date = Some(date);
                }
            }
            Line::Title(title) => self.title(number, &title),
            Line::Endpoint(path) => self.endpoint(number, &path),
            Line::Section(section) => self.section(section),
            Line::UnknownSection(title) => self.unknown_section(number, &title),
            Line::Field {
                depth,
                name,
                type_text,
                required,
            } => self.field(number, depth, &name, &type_text, required),
            Line::MoreInfo => {
                if !self.open.is_empty() {
                    self.mode = FieldMode::Facts;
                }
            }
            Line::Bullet(text) => self.bullet(number, &text),
            Line::TableRow(cells) => self.table_row(number, cells),
            Line::Example(kind, text) => self.example(number, kind, &text),
            Line::Text(text) => self.text(number, &text),
        }
    }

    fn title(&mut self, number: usize, title: &str) {
        match (&self.name, api_name(title)) {
            (None, Some(name)) if self.state == State::Preamble => {
                self.name = Some(name);
                self.state = State::Head;
            }
            (Some(known), Some(name)) if *known == name => {}
            _ if self.state == State::Preamble || self.state == State::Trailer => {}
            _ => self.warn(number, format!("unexpected title `{title}`; ignored")),
        }
    }

    fn endpoint(&mut self, number: usize, path: &str) {
        let full = if path.starts_with("/ams/") {
            path.to_owned()
        } else {
            format!("/ams/api{path}")
        };
        match &self.path {
            None => self.path = Some(full),
            Some(known) if *known == full => {}
            Some(known) => {
                let message = format!("second endpoint `{full}` differs from `{known}`; ignored");
                self.warn(number, message);
            }
        }
    }

    fn section(&mut self, section: Section) {
        self.close_fields(0, true);
        self.part_finished();
        self.state = match section {
            Section::Structure => State::Boilerplate,
            Section::RequestParams => State::Params(Message::Request),
            Section::ResponseParams => State::Params(Message::Response),
            Section::ResultLogic => State::ResultLogic,
            Section::Codes => State::Codes,
            Section::ExampleRequest | Section::ExampleResponse | Section::Explorer => {
                State::Examples
            }
        };
        if matches!(self.state, State::Params(_)) {
            self.saw_params = true;
        }
    }

    fn unknown_section(&mut self, number: usize, title: &str) {
        if matches!(self.state, State::Preamble | State::Trailer) {
            return;
        }
        self.close_fields(0, true);
        self.part_finished();
        self.warn(
            number,
            format!("unknown section `{title}`; skipped up to the next known section"),
        );
        self.state = State::Unknown;
    }

    fn field(&mut self, number: usize, depth: usize, name: &str, type_text: &str, required: bool) {
        let State::Params(_) = self.state else {
            if !matches!(
                self.state,
                State::Preamble | State::Trailer | State::Unknown
            ) {
                self.warn(
                    number,
                    format!("parameter heading `{name}` outside a parameter list; ignored"),
                );
            }
            return;
        };
        let parent_depth = self.open.last().map(|o| o.depth);
        let depth = match parent_depth {
            Some(p) if depth > p + 1 => {
                self.warn(
                    number,
                    format!(
                        "`{name}` is nested more than one level below its parent; read as a child"
                    ),
                );
                p + 1
            }
            None if depth > 0 => {
                self.warn(
                    number,
                    format!("`{name}` is a child heading without a parent; read as top-level"),
                );
                0
            }
            _ => depth,
        };
        self.close_fields(depth, true);
        let page_type = if type_text.is_empty() {
            let message = format!(
                "the page gives no type for `{name}`; read as string, the least specific type"
            );
            self.warn(number, message);
            map_type("String")
        } else {
            map_type(type_text)
        };
        let (ty, items) = match page_type {
            Some(page_type) => (page_type.ty, page_type.items),
            None => {
                self.warn(
                    number,
                    format!("unknown type `{type_text}` of `{name}`; written as string"),
                );
                ("string".to_owned(), None)
            }
        };
        let required = if required {
            Required::Yes
        } else {
            Required::No
        };
        self.open.push(Open {
            depth,
            field: page_field(name, ty, items, required, number),
            children: Vec::new(),
        });
        self.mode = FieldMode::Prose;
    }

    /// Closes every open field at `depth` or deeper, attaching each to its parent or message,
    /// and its children to the object its type names. `finished` tells whether the page went on
    /// past the field (a later heading or section) or ended inside it.
    fn close_fields(&mut self, depth: usize, finished: bool) {
        while self.open.last().is_some_and(|o| o.depth >= depth) {
            let Some(Open {
                field, children, ..
            }) = self.open.pop()
            else {
                break;
            };
            let line = field.loc.line;
            if !children.is_empty() {
                if is_primitive(&field.ty.value) {
                    let message = format!(
                        "`{}` is a {} but the page shows children; children kept",
                        field.name.value, field.ty.value
                    );
                    self.warn(line, message);
                }
                let object = object_name(&field).to_owned();
                if finished {
                    self.view.complete.insert(Part::Children(object.clone()));
                }
                if !self.objects.iter().any(|o| o.name.value == object) {
                    self.objects.push(ObjectSpec {
                        rust_name: shadows_prelude(&object)
                            .then(|| at(format!("Antom{object}"), line)),
                        name: at(object.clone(), line),
                        description: Some(placeholder(&format!("describe {object}"))),
                        fields: children,
                    });
                }
            }
            let parent = self.open.last().map(|o| object_name(&o.field).to_owned());
            let path = match &parent {
                Some(object) => format!("objects.{object}.{}", field.name.value),
                None if self.state == State::Params(Message::Request) => {
                    format!("request.{}", field.name.value)
                }
                None => format!("response.{}", field.name.value),
            };
            if !finished {
                self.view.unfinished.push(path);
            }
            match self.open.last_mut() {
                Some(parent) => parent.children.push(field),
                None => match self.state {
                    State::Params(Message::Request) => self.request.push(field),
                    _ => self.response.push(field),
                },
            }
        }
    }

    /// The part the builder was in is shown in full: the page went on to another section.
    fn part_finished(&mut self) {
        let part = match self.state {
            State::Params(Message::Request) => Part::Request,
            State::Params(Message::Response) => Part::Response,
            State::Codes | State::Trailer => Part::ResultCodes,
            State::ResultLogic => Part::ResultLogic,
            _ => return,
        };
        self.view.complete.insert(part);
    }

    fn bullet(&mut self, number: usize, text: &str) {
        match self.state {
            State::Params(message) => self.field_bullet(number, message, text),
            State::ResultLogic => self.result_logic(text),
            State::Codes => self.warn(number, "bullet in the result-code section; ignored"),
            _ => {}
        }
    }

    fn field_bullet(&mut self, number: usize, message: Message, text: &str) {
        let top_level = self.open.len() == 1;
        let Some(Open { field, .. }) = self.open.last_mut() else {
            self.warn(number, "bullet before the first parameter; ignored");
            return;
        };
        match self.mode {
            FieldMode::Values => match value_bullet(text) {
                Some(value) => push_value(field, value, number),
                None => self.mode = FieldMode::Prose,
            },
            FieldMode::Facts => {
                if let Some(length) = max_length(text).filter(|_| !is_primitive(&field.ty.value)) {
                    let message = format!(
                        "the page gives a maximum length ({length}) for `{}`, which is an object ({}); not read as a length",
                        field.name.value, field.ty.value
                    );
                    self.warn(number, message);
                } else if let Some(length) = max_length(text) {
                    field.max_length = Some(at(length, number));
                } else if let Some((low, high)) =
                    value_range(text).filter(|_| field.ty.value == "integer")
                {
                    field.minimum = Some(at(low, number));
                    field.maximum = Some(at(high, number));
                } else if text.contains("idempotency field") {
                    if message == Message::Request && top_level {
                        self.idempotency_key = Some(field.name.value.clone());
                    }
                } else if !text.contains("ISO 8601") {
                    let message = format!(
                        "unrecognized fact about `{}`: {}",
                        field.name.value,
                        clip(text)
                    );
                    self.warn(number, message);
                }
            }
            FieldMode::Prose => {
                if let Some(value) = fixed_value(text) {
                    set_values(field, vec![value], number);
                }
            }
        }
    }

    fn text(&mut self, number: usize, text: &str) {
        match self.state {
            State::Params(_) => {
                let Some(Open { field, .. }) = self.open.last_mut() else {
                    self.warn(
                        number,
                        format!("text before the first parameter: {}", clip(text)),
                    );
                    return;
                };
                if returned_on_success(text) {
                    field.required = at(Required::OnSuccess, number);
                }
                if let Some(value) = fixed_value(text) {
                    set_values(field, vec![value], number);
                    self.mode = FieldMode::Prose;
                } else if opens_value_list(text) {
                    let lower = text.to_ascii_lowercase();
                    let from = lower.find("values are").unwrap_or(0);
                    set_values(field, backticked(&text[from..]), number);
                    self.mode = FieldMode::Values;
                } else {
                    self.mode = FieldMode::Prose;
                }
            }
            State::ResultLogic => self.result_logic(text),
            // Text after the rows may be the footer or a row the page cuts short: the table
            // counts as shown in full only once a heading follows.
            State::Codes if !self.codes.is_empty() => self.state = State::Trailer,
            State::Unknown => {}
            _ => {}
        }
    }

    /// A line of the result-process logic: the `U` line's general rule, and any code's own rule.
    fn result_logic(&mut self, text: &str) {
        let rules = retry_rules(text);
        if value_bullet(text).as_deref() == Some(Status::U.as_spec()) {
            self.u_rule = rules.general.or(self.u_rule);
        }
        for (code, rule) in rules.per_code {
            if !self.code_rules.iter().any(|(c, _)| *c == code) {
                self.code_rules.push((code, rule));
            }
        }
    }

    fn table_row(&mut self, number: usize, cells: Vec<String>) {
        if self.state != State::Codes {
            if !matches!(
                self.state,
                State::Trailer | State::Unknown | State::Preamble
            ) {
                self.warn(number, "table outside the result-code section; ignored");
            }
            return;
        }
        let Some(columns) = self.columns else {
            self.columns = header_columns(&cells);
            if self.columns.is_none() {
                self.warn(
                    number,
                    "result-code table without `Code` and `Value` columns; table ignored",
                );
                self.state = State::Unknown;
            }
            return;
        };
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let code = cell(columns.code);
        let status_text = cell(columns.status);
        let status = match status_text.parse::<Status>() {
            Ok(status) if !code.is_empty() => status,
            _ => {
                self.warn(
                    number,
                    format!(
                        "result-code row `{code}` has status `{status_text}`, not S/F/U; skipped"
                    ),
                );
                return;
            }
        };
        let action_text = columns.action.map(cell).unwrap_or_default();
        self.codes.push(RawCode {
            code,
            status,
            action_text,
            line: number,
        });
    }

    fn example(&mut self, number: usize, kind: ExampleKind, text: &str) {
        match reindent(text) {
            Ok(json) => {
                let slot = match kind {
                    ExampleKind::Request => &mut self.example_request,
                    ExampleKind::Response => &mut self.example_response,
                };
                if slot.is_some() {
                    self.warn(number, "second example body of the same kind; ignored");
                } else {
                    *slot = Some(json);
                }
            }
            Err(error) => self.warn(
                number,
                format!("example body is not JSON ({error}); not written"),
            ),
        }
    }

    fn finish(mut self) -> Result<Imported, ImportError> {
        let name = self
            .name
            .take()
            .ok_or_else(|| ImportError::NotAnApiReference {
                reason: "no title naming an API (like `createVaultingSession`) was found".into(),
            })?;
        if !self.saw_params {
            return Err(ImportError::NotAnApiReference {
                reason: format!(
                    "`{name}` has no \"Request parameters\" or \"Response parameters\" section"
                ),
            });
        }
        let direction = if self.path.is_some() {
            Direction::MerchantToAntom
        } else if name.starts_with("notify") {
            Direction::AntomToMerchant
        } else {
            self.warn(
                1,
                format!("no `POST /v1/...` endpoint for `{name}`; written without a path"),
            );
            Direction::MerchantToAntom
        };
        let merchant = direction == Direction::MerchantToAntom;
        let u_rule = self.u_rule;
        if self.idempotency_key.is_none() && merchant {
            self.warn(
                1,
                "no request field is called the idempotency field; idempotency.key written as TODO",
            );
        }
        if u_rule.is_none() && merchant {
            self.warn(1, "the result-process logic does not say how to retry U; transport_retry written as TODO");
        }
        if !self.view.shows(&Part::ResultCodes)
            && let Some(last) = self.codes.last()
        {
            self.view
                .unfinished
                .push(format!("result_codes.{}", last.code));
        }
        let mut result_codes = Vec::new();
        for raw in std::mem::take(&mut self.codes) {
            let mut action = map_action(raw.status, &raw.action_text, u_rule);
            let own_rule = self.code_rules.iter().find(|(c, _)| *c == raw.code);
            if let Some(own) = own_rule.and_then(|(_, rule)| retry_action(*rule)) {
                let message = format!(
                    "result code `{}`: the result-process logic gives it its own rule ({}); used instead of the table's wording ({})",
                    raw.code,
                    own.as_spec(),
                    action.map_or("not mapped", Action::as_spec)
                );
                self.warn(raw.line, message);
                action = Some(own);
            }
            if action.is_none() {
                let message = format!(
                    "result code `{}`: could not map the further action \"{}\" to an action; written as TODO",
                    raw.code,
                    clip(&raw.action_text)
                );
                self.warn(raw.line, message);
            }
            result_codes.push(ResultCodeSpec {
                description: Some(placeholder(&format!("describe {}", raw.code))),
                code: at(raw.code, raw.line),
                status: at(raw.status, raw.line),
                action: at(Known::from_option(action), raw.line),
            });
        }
        self.view.date = self.date;
        self.view.ends_early = matches!(
            self.state,
            State::Head | State::Boilerplate | State::Params(_) | State::ResultLogic | State::Codes
        ) && !self.view.shows(&Part::ResultCodes);
        let message = |fields: Vec<FieldSpec>| MessageSpec {
            name: None,
            description: None,
            fields,
            loc: Location::new(PAGE, 1, 1),
        };
        let api = ApiSpec {
            summary: placeholder(&format!("summarize {name}")),
            name: at(name, 1),
            direction: at(direction, 1),
            path: self.path.map(|p| at(p, 1)),
            doc: None,
            description: None,
            idempotency: IdempotencySpec {
                key: at(Known::from_option(self.idempotency_key), 1),
                transport_retry: merchant.then(|| at(Known::from_option(u_rule), 1)),
            },
            request: message(self.request),
            response: message(self.response),
            result_codes,
            gateway_codes: None,
            decisions: Vec::new(),
            covers: Vec::new(),
            synced_from: None,
            page: None,
            loc: Location::new(PAGE, 1, 1),
        };
        Ok(Imported::new(
            api,
            self.view,
            self.objects,
            Examples {
                request: self.example_request,
                response: self.example_response,
            },
            self.warnings,
        ))
    }
}

/// Names that would shadow a prelude or runtime type in generated Rust; such objects get an
/// `Antom` prefix as their Rust name, as `spec/objects.yaml` does for `Result`.
fn shadows_prelude(name: &str) -> bool {
    matches!(
        name,
        "Result" | "Option" | "String" | "Vec" | "Box" | "Error"
    )
}

/// A value read at a 1-based line of the page.
fn at<T>(value: T, line: usize) -> Spanned<T> {
    Spanned {
        value,
        loc: Location::new(PAGE, line, 1),
    }
}

/// A field with only its heading facts, its description a TODO marker.
fn page_field(
    name: &str,
    ty: String,
    items: Option<String>,
    required: Required,
    line: usize,
) -> FieldSpec {
    FieldSpec {
        name: at(name.to_owned(), line),
        ty: at(ty, line),
        required: at(required, line),
        max_length: None,
        values: None,
        minimum: None,
        maximum: None,
        items: items.map(|i| at(i, line)),
        sensitive: false,
        reveal: None,
        format: None,
        essential: None,
        description: Some(placeholder(&format!("describe {name}"))),
        since: None,
        note: None,
        rust_name: None,
        loc: Location::new(PAGE, line, 1),
    }
}

fn set_values(field: &mut FieldSpec, values: Vec<String>, line: usize) {
    field.values = Some(at(values.into_iter().map(|v| at(v, line)).collect(), line));
}

fn push_value(field: &mut FieldSpec, value: String, line: usize) {
    match &mut field.values {
        Some(values) => values.value.push(at(value, line)),
        None => set_values(field, vec![value], line),
    }
}

/// The object a field with children defines: its type, or its item type for arrays.
pub fn object_name(field: &FieldSpec) -> &str {
    field.items.as_ref().map_or(&field.ty.value, |i| &i.value)
}

fn header_columns(cells: &[String]) -> Option<Columns> {
    let find = |names: &[&str]| {
        cells
            .iter()
            .position(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
    };
    Some(Columns {
        code: find(&["Code", "Result code"])?,
        status: find(&["Value", "Status", "Result status"])?,
        action: find(&["Further action", "Action"]),
    })
}

/// The action that resends under a retry rule (`None` for a rule that never resends).
fn retry_action(rule: TransportRetry) -> Option<Action> {
    match rule {
        TransportRetry::NewId => Some(Action::RetryNewId),
        TransportRetry::SameId => Some(Action::RetrySameId),
        TransportRetry::Never => None,
    }
}

/// The first 60 characters of a text, for warnings.
fn clip(text: &str) -> String {
    let clipped: String = text.chars().take(60).collect();
    if clipped.len() < text.len() {
        format!("{clipped}...")
    } else {
        clipped
    }
}
