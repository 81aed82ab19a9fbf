//! Lenient reading of request JSON: Antom accepts native JSON booleans and numbers where its
//! docs ask for strings, so the emulator reads both.

use serde_json::{Map, Value};

/// The value at `path` as text: strings as they are, numbers and booleans in their JSON form.
pub fn text(value: &Value, path: &[&str]) -> Option<String> {
    match at(value, path)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether the value at `path` is `true` or `"true"`.
pub fn flag(value: &Value, path: &[&str]) -> bool {
    text(value, path).is_some_and(|t| t.eq_ignore_ascii_case("true"))
}

fn at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, key| v.get(*key))
}

/// A form of a request for comparing repeats: every scalar becomes its text and `null`s vanish,
/// so `true` and `"true"`, or a pretty-printed and a compact body, compare equal. Keys are sorted,
/// so the serialized form does not depend on the order the sender used.
pub fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> =
                map.iter().filter(|(_, v)| !v.is_null()).collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), canonical(v)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        Value::String(s) => Value::String(s.clone()),
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Null => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_strings_numbers_and_booleans() {
        let v = json!({"a": {"b": true, "c": -120, "d": "x"}});
        assert_eq!(text(&v, &["a", "b"]).as_deref(), Some("true"));
        assert_eq!(text(&v, &["a", "c"]).as_deref(), Some("-120"));
        assert_eq!(text(&v, &["a", "d"]).as_deref(), Some("x"));
        assert_eq!(text(&v, &["a", "zz"]), None);
        assert!(flag(&v, &["a", "b"]));
        assert!(!flag(&v, &["a", "d"]));
    }

    #[test]
    fn canonical_form_ignores_wire_typing() {
        let a = json!({"x": true, "n": 20, "o": {"k": "v"}, "gone": null});
        let b = json!({"o": {"k": "v"}, "n": "20", "x": "true"});
        assert_eq!(canonical(&a), canonical(&b));
        let a_text = serde_json::to_string(&canonical(&a)).expect("json");
        assert_eq!(
            a_text,
            serde_json::to_string(&canonical(&b)).expect("json"),
            "key order does not matter"
        );
        assert_ne!(
            canonical(&a),
            canonical(&json!({"x": "false", "n": "20", "o": {"k": "v"}}))
        );
    }
}
