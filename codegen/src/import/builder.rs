//! The state machine that turns classified lines (from either format) into an [`ImportedApi`].

use super::facts::{
    api_name, backticked, fixed_value, map_action, map_type, max_length, opens_value_list,
    retry_rules, returned_on_success, value_bullet, value_range,
};
use super::json_text::reindent;
use super::line::{ExampleKind, Line, Numbered, Section};
use super::model::{
    Action, Direction, ImportError, ImportWarning, Imported, ImportedApi, ImportedCode,
    ImportedField, PageFormat, Required, Status, TransportRetry,
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

struct Builder {
    state: State,
    name: Option<String>,
    path: Option<String>,
    saw_params: bool,
    idempotency_key: Option<String>,
    u_rule: Option<TransportRetry>,
    /// Result codes the result-process logic gives a retry rule of their own.
    code_rules: Vec<(String, TransportRetry)>,
    request: Vec<ImportedField>,
    response: Vec<ImportedField>,
    open: Vec<(usize, ImportedField)>,
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
    builder.close_fields(0);
    builder.finish(format)
}

impl Builder {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            line,
            message: message.into(),
        });
    }

    fn feed(&mut self, number: usize, line: Line) {
        match line {
            Line::Blank | Line::TableRule | Line::ChildrenHidden | Line::Date(_) => {}
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
        self.close_fields(0);
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
        self.close_fields(0);
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
        let parent_depth = self.open.last().map(|(d, _)| *d);
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
        self.close_fields(depth);
        let page_type = if type_text.is_empty() {
            let message = format!(
                "the page gives no type for `{name}`; read as string, the least specific type"
            );
            self.warn(number, message);
            map_type("String")
        } else {
            map_type(type_text)
        };
        let mut field = match page_type {
            Some(page_type) => {
                let mut field = ImportedField::new(name, &page_type.ty, required, number);
                field.items = page_type.items;
                field
            }
            None => {
                self.warn(
                    number,
                    format!("unknown type `{type_text}` of `{name}`; written as string"),
                );
                ImportedField::new(name, "string", required, number)
            }
        };
        field.line = number;
        self.open.push((depth, field));
        self.mode = FieldMode::Prose;
    }

    /// Closes every open field at `depth` or deeper, attaching each to its parent or message.
    fn close_fields(&mut self, depth: usize) {
        while self.open.last().is_some_and(|(d, _)| *d >= depth) {
            let Some((_, field)) = self.open.pop() else {
                break;
            };
            if !field.children.is_empty() && is_primitive(&field.ty) {
                let message = format!(
                    "`{}` is a {} but the page shows children; children kept",
                    field.name, field.ty
                );
                self.warn(field.line, message);
            }
            match self.open.last_mut() {
                Some((_, parent)) => parent.children.push(field),
                None => match self.state {
                    State::Params(Message::Request) => self.request.push(field),
                    _ => self.response.push(field),
                },
            }
        }
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
        let Some((_, field)) = self.open.last_mut() else {
            self.warn(number, "bullet before the first parameter; ignored");
            return;
        };
        match self.mode {
            FieldMode::Values => match value_bullet(text) {
                Some(value) => field.values.push(value),
                None => self.mode = FieldMode::Prose,
            },
            FieldMode::Facts => {
                if let Some(length) = max_length(text).filter(|_| !is_primitive(&field.ty)) {
                    let message = format!(
                        "the page gives a maximum length ({length}) for `{}`, which is an object ({}); not read as a length",
                        field.name, field.ty
                    );
                    self.warn(number, message);
                } else if let Some(length) = max_length(text) {
                    field.max_length = Some(length);
                } else if let Some((low, high)) =
                    value_range(text).filter(|_| field.ty == "integer")
                {
                    field.minimum = Some(low);
                    field.maximum = Some(high);
                } else if text.contains("idempotency field") {
                    if message == Message::Request && top_level {
                        self.idempotency_key = Some(field.name.clone());
                    }
                } else if !text.contains("ISO 8601") {
                    let message =
                        format!("unrecognized fact about `{}`: {}", field.name, clip(text));
                    self.warn(number, message);
                }
            }
            FieldMode::Prose => {
                if let Some(value) = fixed_value(text) {
                    field.values = vec![value];
                }
            }
        }
    }

    fn text(&mut self, number: usize, text: &str) {
        match self.state {
            State::Params(_) => {
                let Some((_, field)) = self.open.last_mut() else {
                    self.warn(
                        number,
                        format!("text before the first parameter: {}", clip(text)),
                    );
                    return;
                };
                if returned_on_success(text) {
                    field.required = Required::OnSuccess;
                }
                if let Some(value) = fixed_value(text) {
                    field.values = vec![value];
                    self.mode = FieldMode::Prose;
                } else if opens_value_list(text) {
                    let lower = text.to_ascii_lowercase();
                    let at = lower.find("values are").unwrap_or(0);
                    field.values = backticked(&text[at..]);
                    self.mode = FieldMode::Values;
                } else {
                    self.mode = FieldMode::Prose;
                }
            }
            State::ResultLogic => self.result_logic(text),
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

    fn finish(mut self, format: PageFormat) -> Result<Imported, ImportError> {
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
        let u_rule = self.u_rule;
        if self.idempotency_key.is_none() && direction == Direction::MerchantToAntom {
            self.warn(
                1,
                "no request field is called the idempotency field; idempotency.key written as TODO",
            );
        }
        if u_rule.is_none() && direction == Direction::MerchantToAntom {
            self.warn(1, "the result-process logic does not say how to retry U; transport_retry written as TODO");
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
            result_codes.push(ImportedCode {
                code: raw.code,
                status: raw.status,
                action,
                line: raw.line,
            });
        }
        Ok(Imported {
            api: ImportedApi {
                name,
                format,
                direction,
                path: self.path,
                idempotency_key: self.idempotency_key,
                transport_retry: u_rule,
                request: self.request,
                response: self.response,
                result_codes,
                example_request: self.example_request,
                example_response: self.example_response,
            },
            warnings: self.warnings,
        })
    }
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

fn is_primitive(ty: &str) -> bool {
    matches!(
        ty,
        "string" | "url" | "datetime" | "boolean" | "integer" | "array"
    )
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
