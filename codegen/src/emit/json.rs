//! A small JSON tree for schemas, with one extra node: a reference to another type's definition.
//!
//! The schema emitter ([`crate::emit::schema`]) builds these trees once. The schema files and the
//! OpenAPI document render them as JSON ([`Json::to_value`], references as `#/$defs/<name>`);
//! the Rust emitter renders the same trees as the bodies of the generated `JsonSchema` impls, where
//! a reference becomes `generator.subschema_for::<Name>()` so that schemars registers (and, on a
//! name clash, renames) the definition itself.

/// A JSON value, or a reference to a named type's schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in insertion order (the renderers decide the final order).
    Object(Vec<(String, Json)>),
    /// The value of a `$ref` key naming the definition of the type with this Rust name.
    Ref(String),
}

impl Json {
    /// An empty object.
    pub fn object() -> Json {
        Json::Object(Vec::new())
    }

    /// `{"$ref": <definition of name>}`.
    pub fn reference(name: &str) -> Json {
        Json::object().with("$ref", Json::Ref(name.to_owned()))
    }

    /// This object with `key` set to `value` (replacing an earlier value of `key`); other values
    /// are returned unchanged.
    pub fn with(mut self, key: &str, value: impl Into<Json>) -> Json {
        if let Json::Object(entries) = &mut self {
            let value = value.into();
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some((_, slot)) => *slot = value,
                None => entries.push((key.to_owned(), value)),
            }
        }
        self
    }

    /// This object with `key` set when `value` is `Some`.
    pub fn with_opt(self, key: &str, value: Option<impl Into<Json>>) -> Json {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    /// The value of `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The JSON value, with every reference written as `#/$defs/<name>`.
    #[cfg(feature = "tools")]
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::{Map, Value};
        match self {
            Json::Bool(b) => Value::Bool(*b),
            Json::Int(n) => Value::from(*n),
            Json::Str(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect::<Map<String, Value>>(),
            ),
            Json::Ref(name) => Value::String(format!("#/$defs/{name}")),
        }
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

impl From<&String> for Json {
    fn from(s: &String) -> Json {
        Json::Str(s.clone())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Json {
        Json::Int(n)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Json {
        Json::Array(items)
    }
}

/// An array of strings.
pub fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Json {
    Json::Array(items.into_iter().map(Json::from).collect())
}
