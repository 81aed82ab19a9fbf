//! Property test: whatever text a page holds, the importer's YAML parses and reads back as that
//! text, in every place page text reaches the output (API name, path, idempotency key, field names,
//! types, item types, allowed values, object names, result codes, TODO descriptions, the source
//! name in the header comment). A small deterministic generator, so failures reproduce.

use antom_vault_codegen::import::{ImportedApi, ImportedCode, ImportedField, PageFormat, render};
use antom_vault_codegen::model::{Action, Direction, Status, TransportRetry};
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

fn field(rng: &mut Rng, children: Vec<ImportedField>) -> ImportedField {
    let mut f = ImportedField::new(&rng.text(), &rng.text(), rng.below(2) == 0, 1);
    if rng.below(2) == 0 {
        f.items = Some(rng.text());
    }
    f.values = (0..rng.below(3)).map(|_| rng.text()).collect();
    f.children = children;
    f
}

fn check_field(node: &Node, f: &ImportedField) {
    assert_eq!(text(get(node, "name")), f.name);
    assert_eq!(text(get(node, "type")), f.ty);
    if let Some(i) = &f.items {
        assert_eq!(text(get(node, "items")), i);
    }
    if !f.values.is_empty() {
        let values: Vec<&str> = items(get(node, "values")).iter().map(text).collect();
        assert_eq!(values, f.values);
    }
    assert_eq!(
        text(get(node, "description")),
        format!("TODO: describe {}", f.name)
    );
}

#[test]
fn every_page_text_reads_back_exactly_from_the_imported_yaml() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..1500 {
        let child = field(&mut rng, Vec::new());
        let parent = field(&mut rng, vec![child.clone()]);
        let api = ImportedApi {
            name: rng.text(),
            format: PageFormat::AntomMarkdown,
            direction: Direction::MerchantToAntom,
            path: Some(rng.text()),
            idempotency_key: Some(rng.text()),
            transport_retry: Some(TransportRetry::SameId),
            request: vec![field(&mut rng, Vec::new()), parent.clone()],
            response: vec![field(&mut rng, Vec::new())],
            result_codes: vec![ImportedCode {
                code: rng.text(),
                status: Status::F,
                action: if rng.below(2) == 0 {
                    Some(Action::FixRequest)
                } else {
                    None
                },
                line: 1,
            }],
            example_request: None,
            example_response: None,
        };
        let source = rng.text();
        let yaml = render(&api, &source);
        let root = parse("import.yaml", &yaml)
            .unwrap_or_else(|e| panic!("case {case}: {e}\n--- yaml ---\n{yaml}"));
        assert_eq!(text(get(&root, "api")), api.name, "case {case}");
        assert_eq!(Some(text(get(&root, "path"))), api.path.as_deref());
        let key = get(get(&root, "idempotency"), "key");
        assert_eq!(Some(text(key)), api.idempotency_key.as_deref());
        let request = items(get(get(&root, "request"), "fields"));
        check_field(&request[0], &api.request[0]);
        check_field(&request[1], &parent);
        check_field(
            &items(get(get(&root, "response"), "fields"))[0],
            &api.response[0],
        );
        let code = &items(get(&root, "result_codes"))[0];
        assert_eq!(text(get(code, "code")), api.result_codes[0].code);
        assert_eq!(
            text(get(code, "description")),
            format!("TODO: describe {}", api.result_codes[0].code)
        );
        let object = &items(get(&root, "objects"))[0];
        let object_name = parent.items.as_ref().unwrap_or(&parent.ty);
        assert_eq!(text(get(object, "name")), object_name);
        check_field(&items(get(object, "fields"))[0], &child);
    }
}
