//! Property test: whatever text a page holds, the importer's YAML parses and reads back as that
//! text, in every place page text reaches the output (API name, path, idempotency key, field names,
//! types, item types, allowed values, object names, result codes, TODO descriptions, the source
//! name in the header comment). A small deterministic generator, so failures reproduce.

use antom_vault_codegen::diagnostic::Location;
use antom_vault_codegen::import::{Examples, Imported, PageFormat, PageView, render};
use antom_vault_codegen::model::{
    Action, ApiSpec, Direction, FieldSpec, IdempotencySpec, Known, MessageSpec, ObjectSpec,
    Required, ResultCodeSpec, Spanned, Status, TransportRetry, placeholder,
};
use antom_vault_codegen::yaml::{Node, NodeValue, parse};

/// xorshift64*: enough randomness for text, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Text built from pieces YAML treats specially, plus arbitrary characters.
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "\"", "'", "\\", ": ", ":", "#", " #", " ", "  ", "- ", "? ", "[", "]", "{", "}", ",",
            "&a", "*a", "!t", "|", ">", "%", "@", "`", "\n", "\r", "\t", "\0", "\u{7}", "\u{1b}",
            "\u{7f}", "\u{85}", "\u{a0}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{fffe}", "é",
            "中文", "🦀", "true", "null", "~", "0x1F", "1e3", "-", ".", "---", "...", "TODO", "a",
            "Z", "_", "/", "9",
        ];
        let len = self.below(8);
        let mut out = String::new();
        for _ in 0..len {
            if self.below(4) == 0 {
                let c = char::from_u32(self.below(0x3_0000) as u32).unwrap_or('x');
                out.push(c);
            } else {
                out.push_str(PIECES[self.below(PIECES.len())]);
            }
        }
        out
    }
}

fn get<'a>(node: &'a Node, key: &str) -> &'a Node {
    let NodeValue::Mapping(entries) = &node.value else {
        panic!("expected a mapping holding `{key}`")
    };
    entries
        .iter()
        .find(|(k, _)| k.as_scalar() == Some(key))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no key `{key}`"))
}

fn items(node: &Node) -> &[Node] {
    match &node.value {
        NodeValue::Sequence(items) => items,
        _ => panic!("expected a list"),
    }
}

fn text(node: &Node) -> &str {
    node.as_scalar().expect("a scalar")
}

fn at<T>(value: T) -> Spanned<T> {
    Spanned {
        value,
        loc: Location::new("page", 1, 1),
    }
}

fn field(rng: &mut Rng) -> FieldSpec {
    let name = rng.text();
    let required = if rng.below(2) == 0 {
        Required::Yes
    } else {
        Required::No
    };
    let items = (rng.below(2) == 0).then(|| at(rng.text()));
    let values: Vec<Spanned<String>> = (0..rng.below(3)).map(|_| at(rng.text())).collect();
    FieldSpec {
        description: Some(placeholder(&format!("describe {name}"))),
        name: at(name),
        ty: at(rng.text()),
        required: at(required),
        max_length: None,
        values: (!values.is_empty()).then(|| at(values)),
        minimum: None,
        maximum: None,
        items,
        sensitive: false,
        reveal: None,
        format: None,
        essential: None,
        since: None,
        note: None,
        rust_name: None,
        loc: Location::new("page", 1, 1),
    }
}

fn check_field(node: &Node, f: &FieldSpec) {
    assert_eq!(text(get(node, "name")), f.name.value);
    assert_eq!(text(get(node, "type")), f.ty.value);
    if let Some(i) = &f.items {
        assert_eq!(text(get(node, "items")), i.value);
    }
    if !f.value_list().is_empty() {
        let values: Vec<&str> = items(get(node, "values")).iter().map(text).collect();
        assert_eq!(values, f.value_list());
    }
    assert_eq!(
        text(get(node, "description")),
        format!("TODO: describe {}", f.name.value)
    );
}

fn message(fields: Vec<FieldSpec>) -> MessageSpec {
    MessageSpec {
        name: None,
        description: None,
        fields,
        loc: Location::new("page", 1, 1),
    }
}

#[test]
fn every_page_text_reads_back_exactly_from_the_imported_yaml() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..1500 {
        let child = field(&mut rng);
        let parent = field(&mut rng);
        let first = field(&mut rng);
        let answer = field(&mut rng);
        let name = rng.text();
        let code = rng.text();
        let action = if rng.below(2) == 0 {
            Known::Stated(Action::FixRequest)
        } else {
            Known::Unknown
        };
        let api = ApiSpec {
            summary: placeholder(&format!("summarize {name}")),
            name: at(name),
            direction: at(Direction::MerchantToAntom),
            path: Some(at(rng.text())),
            doc: None,
            description: None,
            idempotency: IdempotencySpec {
                key: at(Known::Stated(rng.text())),
                transport_retry: Some(at(Known::Stated(TransportRetry::SameId))),
            },
            request: message(vec![first.clone(), parent.clone()]),
            response: message(vec![answer.clone()]),
            result_codes: vec![ResultCodeSpec {
                description: Some(placeholder(&format!("describe {code}"))),
                code: at(code.clone()),
                status: at(Status::F),
                action: at(action),
            }],
            gateway_codes: None,
            decisions: Vec::new(),
            covers: Vec::new(),
            synced_from: None,
            page: None,
            loc: Location::new("page", 1, 1),
        };
        let object_name = parent.scalar_type().to_owned();
        let imported = Imported::new(
            api,
            PageView::new(PageFormat::AntomMarkdown),
            vec![ObjectSpec {
                name: at(object_name.clone()),
                rust_name: None,
                description: Some(placeholder(&format!("describe {object_name}"))),
                fields: vec![child.clone()],
            }],
            Examples::default(),
            Vec::new(),
        );
        let api = imported.api();
        let source = rng.text();
        let yaml = render(&imported, &source);
        let root = parse("import.yaml", &yaml)
            .unwrap_or_else(|e| panic!("case {case}: {e}\n--- yaml ---\n{yaml}"));
        assert_eq!(text(get(&root, "api")), api.name.value, "case {case}");
        assert_eq!(
            Some(text(get(&root, "path"))),
            api.path.as_ref().map(|p| p.value.as_str())
        );
        let key = get(get(&root, "idempotency"), "key");
        assert_eq!(
            Some(text(key)),
            api.idempotency_key().stated().map(String::as_str)
        );
        let request = items(get(get(&root, "request"), "fields"));
        check_field(&request[0], &first);
        check_field(&request[1], &parent);
        check_field(&items(get(get(&root, "response"), "fields"))[0], &answer);
        let code_node = &items(get(&root, "result_codes"))[0];
        assert_eq!(text(get(code_node, "code")), code);
        assert_eq!(
            text(get(code_node, "description")),
            format!("TODO: describe {code}")
        );
        let object = &items(get(&root, "objects"))[0];
        assert_eq!(text(get(object, "name")), object_name);
        check_field(&items(get(object, "fields"))[0], &child);
    }
}
