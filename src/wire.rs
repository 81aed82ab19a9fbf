//! Antom's wire rule, as serde `with` helpers used by the generated types.
//!
//! Antom wants every non-array value as a JSON string: booleans as `"true"`/`"false"`, integers as
//! `"-120"`. The generated code always **emits** strings, and **accepts** strings as well as
//! native JSON booleans and numbers when decoding (the official SDKs send native values). A `false`
//! is always emitted, never dropped. Text fields also accept a JSON number or boolean and keep its
//! JSON spelling.
//!
//! The helpers are generic over [`WireScalar`] (`String`, `bool`, `i64`):
//!
//! | module             | field type          |
//! |--------------------|---------------------|
//! | [`scalar`]         | `T`                 |
//! | [`optional`]       | `Option<T>`         |
//! | [`list`]           | `Vec<T>`            |
//! | [`optional_list`]  | `Option<Vec<T>>`    |
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
//! struct Flags {
//!     #[serde(with = "antom_vault::wire::scalar")]
//!     secure: bool,
//!     #[serde(with = "antom_vault::wire::optional", default)]
//!     offset: Option<i64>,
//! }
//! let flags: Flags = serde_json::from_str(r#"{"secure": true, "offset": -120}"#).unwrap();
//! assert_eq!(serde_json::to_string(&flags).unwrap(), r#"{"secure":"true","offset":"-120"}"#);
//! ```

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// A scalar that travels as a JSON string.
pub trait WireScalar: Sized {
    /// What the decoder expects, for error messages.
    const EXPECTED: &'static str;
    /// The string form sent on the wire.
    fn to_wire(&self) -> std::borrow::Cow<'_, str>;
    /// Parses the string form.
    fn from_wire_str(s: &str) -> Option<Self>;
    /// Accepts a native JSON boolean.
    fn from_wire_bool(b: bool) -> Option<Self>;
    /// Accepts a native JSON integer.
    fn from_wire_i64(n: i64) -> Option<Self>;
    /// Accepts a native JSON unsigned integer.
    fn from_wire_u64(n: u64) -> Option<Self>;
    /// Accepts a native JSON float.
    fn from_wire_f64(n: f64) -> Option<Self>;
}

impl WireScalar for String {
    const EXPECTED: &'static str = "a string (or a JSON number or boolean)";
    fn to_wire(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(self)
    }
    fn from_wire_str(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
    fn from_wire_bool(b: bool) -> Option<Self> {
        Some(b.to_string())
    }
    fn from_wire_i64(n: i64) -> Option<Self> {
        Some(n.to_string())
    }
    fn from_wire_u64(n: u64) -> Option<Self> {
        Some(n.to_string())
    }
    fn from_wire_f64(n: f64) -> Option<Self> {
        Some(n.to_string())
    }
}

impl WireScalar for bool {
    const EXPECTED: &'static str = "\"true\", \"false\", true or false";
    fn to_wire(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(if *self { "true" } else { "false" })
    }
    fn from_wire_str(s: &str) -> Option<Self> {
        match s {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
    fn from_wire_bool(b: bool) -> Option<Self> {
        Some(b)
    }
    fn from_wire_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_wire_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_wire_f64(_: f64) -> Option<Self> {
        None
    }
}

impl WireScalar for i64 {
    const EXPECTED: &'static str = "an integer, as a string such as \"-120\" or a JSON number";
    fn to_wire(&self) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(self.to_string())
    }
    fn from_wire_str(s: &str) -> Option<Self> {
        s.trim().parse().ok()
    }
    fn from_wire_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_wire_i64(n: i64) -> Option<Self> {
        Some(n)
    }
    fn from_wire_u64(n: u64) -> Option<Self> {
        i64::try_from(n).ok()
    }
    fn from_wire_f64(n: f64) -> Option<Self> {
        // Only whole numbers within range; `as` saturates, so compare back.
        let i = n as i64;
        (n.fract() == 0.0 && i as f64 == n).then_some(i)
    }
}

struct ScalarVisitor<T>(std::marker::PhantomData<T>);

impl<T: WireScalar> ScalarVisitor<T> {
    fn check<E: de::Error>(v: Option<T>, unexp: de::Unexpected<'_>) -> Result<T, E> {
        v.ok_or_else(|| E::invalid_value(unexp, &T::EXPECTED))
    }
}

impl<'de, T: WireScalar> Visitor<'de> for ScalarVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        // Never echo the received text: it may be card data.
        Self::check(T::from_wire_str(v), de::Unexpected::Other("a string"))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Self::check(T::from_wire_bool(v), de::Unexpected::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Self::check(T::from_wire_i64(v), de::Unexpected::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Self::check(T::from_wire_u64(v), de::Unexpected::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Self::check(T::from_wire_f64(v), de::Unexpected::Float(v))
    }
}

/// `T` as a JSON string; decodes from a string, boolean or number.
pub mod scalar {
    use super::*;

    /// Writes `value` as a JSON string.
    pub fn serialize<T: WireScalar, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_wire())
    }

    /// Reads a string, boolean or number into `T`.
    pub fn deserialize<'de, T: WireScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        deserializer.deserialize_any(ScalarVisitor(std::marker::PhantomData))
    }
}

/// `Option<T>`: `None` is skipped by the generated code (`skip_serializing_if`); `null` decodes
/// to `None`.
pub mod optional {
    use super::*;

    /// Writes `Some(value)` as a JSON string, `None` as `null`.
    pub fn serialize<T: WireScalar, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.serialize_str(&v.to_wire()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `None`, anything else as [`scalar`](super::scalar) does.
    pub fn deserialize<'de, T: WireScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        struct Opt<T>(std::marker::PhantomData<T>);
        impl<'de, T: WireScalar> Visitor<'de> for Opt<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "null or {}", T::EXPECTED)
            }
            fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                super::scalar::deserialize(d).map(Some)
            }
        }
        deserializer.deserialize_option(Opt(std::marker::PhantomData))
    }
}

/// `Vec<T>`: a JSON array whose items follow the wire rule.
pub mod list {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Writes each item as a JSON string.
    pub fn serialize<T: WireScalar, S: Serializer>(
        value: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(item.to_wire().as_ref())?;
        }
        seq.end()
    }

    /// Reads an array of strings, booleans or numbers.
    pub fn deserialize<'de, T: WireScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        struct Item<T>(T);
        impl<'de, T: WireScalar> serde::Deserialize<'de> for Item<T> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::scalar::deserialize(d).map(Item)
            }
        }
        let items: Vec<Item<T>> = serde::Deserialize::deserialize(deserializer)?;
        Ok(items.into_iter().map(|i| i.0).collect())
    }
}

/// `Option<Vec<T>>`.
pub mod optional_list {
    use super::*;

    /// Writes `Some(items)` as [`list`](super::list) does, `None` as `null`.
    pub fn serialize<T: WireScalar, S: Serializer>(
        value: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::list::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `None`, an array as [`list`](super::list) does.
    pub fn deserialize<'de, T: WireScalar, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<T>>, D::Error> {
        struct Wrapped<T>(Vec<T>);
        impl<'de, T: WireScalar> serde::Deserialize<'de> for Wrapped<T> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                super::list::deserialize(d).map(Wrapped)
            }
        }
        let v: Option<Wrapped<T>> = serde::Deserialize::deserialize(deserializer)?;
        Ok(v.map(|w| w.0))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Sample {
        #[serde(with = "super::scalar")]
        flag: bool,
        #[serde(with = "super::scalar")]
        offset: i64,
        #[serde(with = "super::scalar")]
        text: String,
        #[serde(
            with = "super::optional",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        maybe: Option<bool>,
        #[serde(with = "super::list", default)]
        many: Vec<i64>,
        #[serde(
            with = "super::optional_list",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        more: Option<Vec<String>>,
    }

    fn decode(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn emits_strings_and_keeps_false() {
        let s = Sample {
            flag: false,
            offset: -120,
            text: "x".into(),
            maybe: Some(false),
            many: vec![1, -2],
            more: Some(vec!["a".into()]),
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"flag":"false","offset":"-120","text":"x","maybe":"false","many":["1","-2"],"more":["a"]}"#
        );
    }

    #[test]
    fn accepts_strings_and_native_values() {
        let a = decode(r#"{"flag":"true","offset":"-120","text":"7","many":["3"]}"#).unwrap();
        let b = decode(r#"{"flag":true,"offset":-120,"text":7,"many":[3]}"#).unwrap();
        assert_eq!(a, b);
        assert!(a.flag);
        assert_eq!(a.offset, -120);
        assert_eq!(a.text, "7");
        assert_eq!(a.many, vec![3]);
        let c =
            decode(r#"{"flag":false,"offset":0,"text":true,"maybe":null,"more":null}"#).unwrap();
        assert_eq!(c.text, "true");
        assert_eq!(c.maybe, None);
        assert_eq!(c.more, None);
        let d =
            decode(r#"{"flag":"false","offset":1.0,"text":"","maybe":"true","more":[1,false]}"#)
                .unwrap();
        assert_eq!(d.maybe, Some(true));
        assert_eq!(d.offset, 1);
        assert_eq!(d.more, Some(vec!["1".to_owned(), "false".to_owned()]));
    }

    #[test]
    fn rejects_nonsense_without_echoing_it() {
        let err = decode(r#"{"flag":"yes-4111111111111111","offset":"1","text":"x"}"#).unwrap_err();
        assert!(!err.to_string().contains("4111"), "{err}");
        assert!(decode(r#"{"flag":1,"offset":"1","text":"x"}"#).is_err());
        assert!(decode(r#"{"flag":"true","offset":"1.5","text":"x"}"#).is_err());
        assert!(decode(r#"{"flag":"true","offset":1.5,"text":"x"}"#).is_err());
        assert!(decode(r#"{"flag":"true","offset":"1","text":{}}"#).is_err());
    }
}
