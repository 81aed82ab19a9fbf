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
//! Fields of the messages Antom sends (responses, notifications) that the spec does not mark
//! `essential` use the [`lenient`] helpers instead: a missing field, `null`, or a value of the wrong
//! JSON type decodes as `None`, so one odd field never bounces a whole notification.
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

pub mod fast;

/// Decodes a message body (a response or a notification) into `T`.
///
/// A JSON text is UTF-8, so the body is checked once, as a whole, and read as text: serde_json then
/// takes every string in it as checked instead of checking each one again, which was about a third
/// of the time spent decoding a vaulting response. A body that is not UTF-8 goes through the byte
/// reader instead, so that its error names the same line and column as before.
///
/// Text is first offered to `fast`, the generated fast path of `T` ([`fast`]): it returns the
/// message serde would return, or `None` to leave the text to serde, which then decodes it or
/// reports the error.
pub(crate) fn decode_body<T: serde::de::DeserializeOwned>(
    body: &[u8],
    fast: fn(&str) -> Option<T>,
) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => match fast(text) {
            Some(message) => Ok(message),
            None => serde_json::from_str(text),
        },
        Err(_) => serde_json::from_slice(body),
    }
}

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

/// A generated enum: read as [`scalar`] reads a `String` (a JSON number or boolean keeps its
/// JSON spelling), but a known value is matched on the borrowed text, so only a value the enum
/// does not know allocates (for its `Unknown` variant).
pub mod text {
    use super::*;

    /// Reads a string, boolean or number into `T` through `T::from(&str)`.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        T: for<'a> From<&'a str>,
        D: Deserializer<'de>,
    {
        struct TextVisitor<T>(std::marker::PhantomData<T>);

        impl<T: for<'a> From<&'a str>> TextVisitor<T> {
            /// A number or boolean spelled as `String` would keep it.
            fn spelled<E: de::Error>(spelling: Result<String, E>) -> Result<T, E> {
                spelling.map(|text| T::from(text.as_str()))
            }
        }

        impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for TextVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(String::EXPECTED)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
                Ok(T::from(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
                Self::spelled(ScalarVisitor::<String>(std::marker::PhantomData).visit_bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
                Self::spelled(ScalarVisitor::<String>(std::marker::PhantomData).visit_i64(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
                Self::spelled(ScalarVisitor::<String>(std::marker::PhantomData).visit_u64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
                Self::spelled(ScalarVisitor::<String>(std::marker::PhantomData).visit_f64(v))
            }
        }

        deserializer.deserialize_any(TextVisitor(std::marker::PhantomData))
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

    /// Reads `null` as `None`, anything else as [`scalar`] does.
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

    /// Writes `Some(items)` as [`list`] does, `None` as `null`.
    pub fn serialize<T: WireScalar, S: Serializer>(
        value: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::list::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `None`, an array as [`list`] does.
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

/// Decoding of the non-essential fields of messages Antom sends.
///
/// Each helper decodes an `Option<T>` in one pass: a value of the expected JSON shape decodes as
/// usual; a missing field, `null`, or a value of another shape (an object where text belongs, text
/// where an object belongs, `"yes"` for a boolean) is consumed and becomes `None`. Nothing of the
/// value is kept or reported. Essential fields (the spec's `essential: true`) keep the strict
/// helpers, so a message without them still fails to decode.
///
/// | module                  | field type                                   |
/// |-------------------------|----------------------------------------------|
/// | [`lenient::scalar`]      | `Option<T>`, `T` a [`WireScalar`]            |
/// | [`lenient::value`]       | `Option<E>`, `E` a generated enum            |
/// | [`lenient::object`]      | `Option<O>`, `O` a generated object          |
/// | [`lenient::scalar_list`] | `Option<Vec<T>>`, `T` a [`WireScalar`]       |
/// | [`lenient::value_list`]  | `Option<Vec<E>>`                             |
/// | [`lenient::object_list`] | `Option<Vec<O>>`                             |
///
/// A list decodes as `None` when any of its items has the wrong shape.
///
/// Serialization is that of the strict helpers: [`optional`] and [`optional_list`] for scalars,
/// the type's own `Serialize` otherwise.
pub mod lenient {
    use std::marker::PhantomData;

    use serde::de::value::{
        BoolDeserializer, F64Deserializer, I64Deserializer, MapAccessDeserializer, StrDeserializer,
        U64Deserializer,
    };
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};
    use serde::{Deserialize, Serialize};

    use super::*;

    /// What one JSON shape becomes; every method defaults to "not this type" (`None`), after
    /// consuming the value.
    trait Shape<'de> {
        type Out;
        fn text(_: &str) -> Option<Self::Out> {
            None
        }
        fn boolean(_: bool) -> Option<Self::Out> {
            None
        }
        fn signed(_: i64) -> Option<Self::Out> {
            None
        }
        fn unsigned(_: u64) -> Option<Self::Out> {
            None
        }
        fn float(_: f64) -> Option<Self::Out> {
            None
        }
        fn map<A: MapAccess<'de>>(mut map: A) -> Result<Option<Self::Out>, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self::Out>, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }

    /// A [`WireScalar`]: text, booleans and numbers as [`scalar`](super::scalar) reads them.
    struct Scalar<T>(PhantomData<T>);

    /// What a JSON string becomes in a field of a generated enum, lenient or essential: the
    /// enum's own `Deserialize` reading the text. The fast path reads strings through this same
    /// function.
    pub(crate) fn value_text<'de, T: Deserialize<'de>>(v: &str) -> Option<T> {
        T::deserialize(StrDeserializer::<PlainError>::new(v)).ok()
    }

    impl<'de, T: WireScalar> Shape<'de> for Scalar<T> {
        type Out = T;
        fn text(v: &str) -> Option<T> {
            T::from_wire_str(v)
        }
        fn boolean(v: bool) -> Option<T> {
            T::from_wire_bool(v)
        }
        fn signed(v: i64) -> Option<T> {
            T::from_wire_i64(v)
        }
        fn unsigned(v: u64) -> Option<T> {
            T::from_wire_u64(v)
        }
        fn float(v: f64) -> Option<T> {
            T::from_wire_f64(v)
        }
    }

    /// A type that decodes from a JSON scalar (the generated enums).
    struct Value<T>(PhantomData<T>);

    type PlainError = serde::de::value::Error;

    impl<'de, T: Deserialize<'de>> Shape<'de> for Value<T> {
        type Out = T;
        fn text(v: &str) -> Option<T> {
            value_text(v)
        }
        fn boolean(v: bool) -> Option<T> {
            T::deserialize(BoolDeserializer::<PlainError>::new(v)).ok()
        }
        fn signed(v: i64) -> Option<T> {
            T::deserialize(I64Deserializer::<PlainError>::new(v)).ok()
        }
        fn unsigned(v: u64) -> Option<T> {
            T::deserialize(U64Deserializer::<PlainError>::new(v)).ok()
        }
        fn float(v: f64) -> Option<T> {
            T::deserialize(F64Deserializer::<PlainError>::new(v)).ok()
        }
    }

    /// A type that decodes from a JSON object (the generated structs).
    struct Object<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Shape<'de> for Object<T> {
        type Out = T;
        fn map<A: MapAccess<'de>>(map: A) -> Result<Option<T>, A::Error> {
            // Inside, the object's own essential fields still decide: their absence fails.
            T::deserialize(MapAccessDeserializer::new(map)).map(Some)
        }
    }

    /// A JSON array whose items all have the shape `S`.
    struct List<S>(PhantomData<S>);

    impl<'de, S: Shape<'de>> Shape<'de> for List<S> {
        type Out = Vec<S::Out>;
        fn seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self::Out>, A::Error> {
            // `None` from the first item that does not fit; the rest is still read (and dropped).
            let mut items = Some(Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64)));
            while let Some(item) = seq.next_element_seed(Tolerant::<S>(PhantomData))? {
                match (item, &mut items) {
                    (Some(value), Some(fitting)) => fitting.push(value),
                    (None, _) => items = None,
                    _ => {}
                }
            }
            Ok(items)
        }
    }

    /// Visits any JSON value and hands it to the shape `S`.
    struct Tolerant<S>(PhantomData<S>);

    impl<'de, S: Shape<'de>> Visitor<'de> for Tolerant<S> {
        type Value = Option<S::Out>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(S::text(v))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(S::boolean(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(S::signed(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(S::unsigned(v))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(S::float(v))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            S::map(map)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            S::seq(seq)
        }
    }

    impl<'de, S: Shape<'de>> DeserializeSeed<'de> for Tolerant<S> {
        type Value = Option<S::Out>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    fn decode<'de, S: Shape<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<S::Out>, D::Error> {
        d.deserialize_any(Tolerant::<S>(PhantomData))
    }

    fn serialize_plain<T: Serialize, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => v.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// `Option<T>` of a [`WireScalar`].
    pub mod scalar {
        use super::*;

        /// Writes as [`optional`] does.
        pub fn serialize<T: WireScalar, S: Serializer>(
            value: &Option<T>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            crate::wire::optional::serialize(value, serializer)
        }

        /// Reads text, a boolean or a number as [`scalar`](crate::wire::scalar) does; anything
        /// else, or a value `T` cannot take, becomes `None`.
        pub fn deserialize<'de, T: WireScalar, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<T>, D::Error> {
            decode::<Scalar<T>, D>(deserializer)
        }
    }

    /// `Option<Vec<T>>` of a [`WireScalar`].
    pub mod scalar_list {
        use super::*;

        /// Writes as [`optional_list`] does.
        pub fn serialize<T: WireScalar, S: Serializer>(
            value: &Option<Vec<T>>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            crate::wire::optional_list::serialize(value, serializer)
        }

        /// Reads an array of scalars; anything else, or any item `T` cannot take, is `None`.
        pub fn deserialize<'de, T: WireScalar, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Vec<T>>, D::Error> {
            decode::<List<Scalar<T>>, D>(deserializer)
        }
    }

    /// A module of helpers for `Option<$ty>` whose `Some` serializes with the type's own
    /// `Serialize` and decodes with the shape `$shape`.
    macro_rules! plain_module {
        ($(#[$doc:meta])* $name:ident, $ty:ty, $shape:ty, $reads:literal) => {
            $(#[$doc])*
            pub mod $name {
                use super::*;

                /// Writes `Some` with the type's own `Serialize`, `None` as `null`.
                pub fn serialize<T: Serialize, S: Serializer>(
                    value: &Option<$ty>,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    serialize_plain(value, serializer)
                }

                #[doc = $reads]
                pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Option<$ty>, D::Error> {
                    decode::<$shape, D>(deserializer)
                }
            }
        };
    }

    plain_module!(
        /// `Option<E>` of a type read from a JSON scalar (a generated enum).
        value, T, Value<T>,
        "Reads a JSON scalar into `T`; an object or array becomes `None`."
    );
    plain_module!(
        /// `Option<O>` of a type read from a JSON object (a generated struct).
        object, T, Object<T>,
        "Reads a JSON object into `T`; any other JSON value becomes `None`."
    );
    plain_module!(
        /// `Option<Vec<E>>` of a type read from a JSON scalar (a generated enum).
        value_list, Vec<T>, List<Value<T>>,
        "Reads an array of scalars into `T`s; anything else, or any other item, is `None`."
    );
    plain_module!(
        /// `Option<Vec<O>>` of a type read from a JSON object (a generated struct).
        object_list, Vec<T>, List<Object<T>>,
        "Reads an array of objects; anything else, or any item that is not an object, is `None`."
    );
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

    #[derive(Deserialize, Serialize, Debug, PartialEq)]
    struct Tolerant {
        #[serde(with = "super::lenient::scalar", default)]
        flag: Option<bool>,
        #[serde(with = "super::lenient::scalar_list", default)]
        words: Option<Vec<String>>,
        #[serde(with = "super::lenient::object_list", default)]
        items: Option<Vec<Inner>>,
    }

    #[derive(Deserialize, Serialize, Debug, PartialEq)]
    struct Inner {
        #[serde(with = "super::scalar")]
        id: String,
    }

    #[test]
    fn lenient_fields_decode_the_wrong_shape_as_absent() {
        let t: Tolerant = serde_json::from_str(
            r#"{"flag":"yes","words":["a",{"b":1}],"items":[{"id":"1"},"x"]}"#,
        )
        .unwrap();
        assert_eq!((t.flag, t.words, t.items), (None, None, None));
        let t: Tolerant =
            serde_json::from_str(r#"{"flag":true,"words":["a",2],"items":[{"id":3}]}"#).unwrap();
        assert_eq!(t.flag, Some(true));
        assert_eq!(t.words, Some(vec!["a".to_owned(), "2".to_owned()]));
        assert_eq!(t.items, Some(vec![Inner { id: "3".into() }]));
        // Inside an object, its own strict fields still decide.
        assert!(serde_json::from_str::<Tolerant>(r#"{"items":[{}]}"#).is_err());
    }
}

/// Tests written against mutation testing (scripts/mutants.sh): each native JSON value every
/// [`WireScalar`] accepts or refuses, one at a time.
#[cfg(test)]
mod mutation_tests {
    use serde::Deserialize;

    /// One strict scalar field.
    #[derive(Deserialize, Debug, PartialEq)]
    struct One<T: super::WireScalar> {
        #[serde(with = "super::scalar")]
        v: T,
    }

    fn one<T: super::WireScalar>(value: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str::<One<T>>(&format!(r#"{{"v":{value}}}"#)).map(|o| o.v)
    }

    #[test]
    fn text_keeps_the_json_spelling_of_negative_and_fractional_numbers() {
        assert_eq!(one::<String>("-7").unwrap(), "-7");
        assert_eq!(one::<String>("1.5").unwrap(), "1.5");
    }

    #[test]
    fn a_boolean_refuses_every_number() {
        for value in ["-1", "0", "1", "1.5", "0.0"] {
            assert!(one::<bool>(value).is_err(), "{value}");
        }
    }

    #[test]
    fn an_integer_refuses_booleans_and_numbers_it_cannot_hold() {
        assert!(one::<i64>("true").is_err());
        assert!(one::<i64>("false").is_err());
        assert_eq!(one::<i64>("120").unwrap(), 120);
        assert_eq!(one::<i64>("9223372036854775807").unwrap(), i64::MAX);
        assert!(one::<i64>("9223372036854775808").is_err());
        // Whole, but beyond i64: `as` would saturate to i64::MAX.
        assert!(one::<i64>("1e20").is_err());
        assert!(one::<i64>("-1e20").is_err());
        assert_eq!(one::<i64>("-3.0").unwrap(), -3);
    }

    /// One lenient field read with the type's own `Deserialize` (the generated enums' helper).
    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(bound(deserialize = "T: serde::de::DeserializeOwned"))]
    struct Loose<T> {
        #[serde(with = "super::lenient::value", default = "Option::default")]
        v: Option<T>,
    }

    fn loose<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
        serde_json::from_str::<Loose<T>>(&format!(r#"{{"v":{value}}}"#))
            .unwrap()
            .v
    }

    #[test]
    fn a_lenient_value_takes_every_json_scalar_its_type_takes() {
        assert_eq!(loose::<bool>("true"), Some(true));
        assert_eq!(loose::<i64>("-5"), Some(-5));
        assert_eq!(loose::<u64>("18446744073709551615"), Some(u64::MAX));
        assert_eq!(loose::<f64>("1.5"), Some(1.5));
        assert_eq!(loose::<String>(r#""x""#), Some("x".to_owned()));
        for other in ["{}", "[true]", r#""yes""#, "null", "1"] {
            assert_eq!(loose::<bool>(other), None, "{other}");
        }
    }

    /// A deserializer of a format that marks a present value as `Some` around the value itself
    /// (JSON never does; the lenient decoder reads such values as the value).
    struct MarkedSome<'a>(&'a str);

    impl<'de> serde::Deserializer<'de> for MarkedSome<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            visitor.visit_some(serde::de::value::StrDeserializer::<Self::Error>::new(
                self.0,
            ))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
            identifier ignored_any
        }
    }

    #[test]
    fn a_lenient_value_marked_some_is_read_as_the_value() {
        let read = super::lenient::scalar::deserialize::<String, _>(MarkedSome("x")).unwrap();
        assert_eq!(read.as_deref(), Some("x"));
    }

    /// One lenient list read with the items' own `Deserialize`.
    #[derive(Deserialize, Debug, PartialEq)]
    struct LooseList {
        #[serde(with = "super::lenient::value_list", default)]
        v: Option<Vec<bool>>,
    }

    #[test]
    fn a_lenient_list_is_whole_or_absent() {
        let read = |json: &str| serde_json::from_str::<LooseList>(json).unwrap().v;
        assert_eq!(read(r#"{"v":[true,false]}"#), Some(vec![true, false]));
        assert_eq!(read(r#"{"v":[]}"#), Some(vec![]));
        assert_eq!(read(r#"{"v":[true,"x",false]}"#), None);
        assert_eq!(read(r#"{"v":["x",true]}"#), None);
        assert_eq!(read(r#"{"v":true}"#), None);
    }

    /// One lenient scalar field.
    #[derive(Deserialize, Debug, PartialEq)]
    struct LooseScalar<T: super::WireScalar> {
        #[serde(with = "super::lenient::scalar", default = "Option::default")]
        v: Option<T>,
    }

    fn loose_scalar<T: super::WireScalar>(value: &str) -> Option<T> {
        serde_json::from_str::<LooseScalar<T>>(&format!(r#"{{"v":{value}}}"#))
            .unwrap()
            .v
    }

    #[test]
    fn a_lenient_scalar_reads_what_the_strict_one_reads_and_drops_the_rest() {
        assert_eq!(
            loose_scalar::<String>("18446744073709551615").as_deref(),
            Some("18446744073709551615")
        );
        assert_eq!(loose_scalar::<String>("-2").as_deref(), Some("-2"));
        assert_eq!(loose_scalar::<String>("0.5").as_deref(), Some("0.5"));
        assert_eq!(loose_scalar::<String>("false").as_deref(), Some("false"));
        assert_eq!(loose_scalar::<i64>("18446744073709551615"), None);
        assert_eq!(loose_scalar::<i64>("7"), Some(7));
        assert_eq!(loose_scalar::<i64>("-7"), Some(-7));
        assert_eq!(loose_scalar::<i64>("7.0"), Some(7));
        assert_eq!(loose_scalar::<bool>(r#""true""#), Some(true));
        assert_eq!(loose_scalar::<bool>(r#""false""#), Some(false));
        assert_eq!(loose_scalar::<bool>("false"), Some(false));
        assert_eq!(loose_scalar::<bool>("[]"), None);
    }

    #[test]
    fn a_body_that_is_not_utf8_is_refused_at_its_position() {
        let err =
            super::decode_body::<serde_json::Value>(b"{\"a\":\n\"\xff\"}", |_| None).unwrap_err();
        assert_eq!(
            (err.line(), err.classify()),
            (2, serde_json::error::Category::Syntax)
        );
        let value: serde_json::Value =
            super::decode_body("{\"a\":\"é\"}".as_bytes(), |_| None).unwrap();
        assert_eq!(value["a"], "é");
    }

    #[test]
    fn values_go_out_as_strings() {
        use super::WireScalar;
        assert_eq!("a b".to_owned().to_wire(), "a b");
        assert_eq!(true.to_wire(), "true");
        assert_eq!(false.to_wire(), "false");
        assert_eq!((-120i64).to_wire(), "-120");
        assert_eq!(String::from_wire_bool(true).as_deref(), Some("true"));
    }

    #[test]
    fn errors_for_a_value_of_the_wrong_type_say_what_was_expected() {
        use serde::de::value::{BytesDeserializer, Error, StrDeserializer};
        let err = one::<String>("{}").unwrap_err().to_string();
        assert!(
            err.contains("expected a string (or a JSON number or boolean)"),
            "{err}"
        );
        // A deserializer that hands the option helper text without going through `Some`.
        let err = super::optional::deserialize::<bool, _>(StrDeserializer::<Error>::new("x"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(r#"expected null or "true", "false", true or false"#),
            "{err}"
        );
        let err =
            super::lenient::scalar::deserialize::<bool, _>(BytesDeserializer::<Error>::new(b"x"))
                .unwrap_err()
                .to_string();
        assert!(err.contains("expected any JSON value"), "{err}");
        // A generated enum says what it expected as a `String` field does.
        let err = serde_json::from_str::<crate::CardBrand>("{}")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("expected a string (or a JSON number or boolean)"),
            "{err}"
        );
    }

    #[test]
    fn an_enum_reads_text_numbers_and_booleans_as_a_string_field_does() {
        use crate::CardBrand;
        let brand = |json: &str| serde_json::from_str::<CardBrand>(json).unwrap();
        assert_eq!(brand(r#""VISA""#), CardBrand::Visa);
        assert_eq!(
            brand(r#""NOT_A_BRAND""#),
            CardBrand::Unknown("NOT_A_BRAND".into())
        );
        assert_eq!(brand("true"), CardBrand::Unknown("true".into()));
        assert_eq!(brand("-12"), CardBrand::Unknown("-12".into()));
        assert_eq!(brand("12"), CardBrand::Unknown("12".into()));
        assert_eq!(brand("1.5"), CardBrand::Unknown("1.5".into()));
    }
}
