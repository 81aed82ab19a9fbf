//! The promise of the fast decoding path (`antom_vault::wire::fast`), checked against serde:
//! whenever the fast path returns a message, serde decodes the same text to an equal message;
//! otherwise it returns `None` and serde decides. Shared by `tests/fast_decode.rs` (the real
//! messages) and `tests/fast_decode_kinds.rs` (a field of every kind).

use std::fmt::Debug;

use antom_vault::wire::fast::{self, FastDecode};
use serde::de::DeserializeOwned;

/// Which path decided a text.
#[derive(Debug, PartialEq)]
pub enum Decider {
    /// The fast path returned the message, and serde agreed.
    Fast,
    /// The fast path left the text to serde.
    Serde,
}

/// Checks the promise for one text and says which path decided.
pub fn check<T: FastDecode + DeserializeOwned + PartialEq + Debug>(text: &str) -> Decider {
    match fast::decode::<T>(text) {
        Some(message) => {
            let reference = serde_json::from_str::<T>(text);
            assert!(
                reference.as_ref().is_ok_and(|r| *r == message),
                "the fast path returned a message that serde does not decode to: {text:?}\nfast: {message:?}\nserde: {reference:?}"
            );
            Decider::Fast
        }
        None => Decider::Serde,
    }
}

/// How many edits of a text were checked, and how many of them the fast path decided.
#[derive(Debug, Default)]
pub struct EditCount {
    pub edits: usize,
    pub fast: usize,
}

/// Checks the promise on edits of `text`: every cut, every byte replaced by each of a set of
/// JSON-significant bytes, and each of a set of snippets inserted at every position (escapes,
/// values of every JSON type, broken escapes). Only edits that stay UTF-8 are checked: the fast
/// path never sees a body that is not.
pub fn check_edits(text: &str, check: fn(&str) -> Decider, count: &mut EditCount) {
    const REPLACEMENTS: &[u8] = b"\"\\{}[],:0-.e ntx\x01\t";
    const SNIPPETS: &[&str] = &[
        " ",
        "\n",
        "\\",
        "\"",
        ",",
        "null",
        "1",
        "-0.5e3",
        "true",
        "{}",
        "[]",
        "\"x\":1,",
        "\"a\\u0041\":null,",
        "\u{e9}",
        "\u{1}",
        "\\n",
        "\\u00e9",
        "\\ud83d\\ude00",
        "\\ud800",
        "\\udc00",
        "\\u",
        "\\\"",
    ];
    let bytes = text.as_bytes();
    let mut try_text = |candidate: Vec<u8>| {
        if let Ok(candidate) = String::from_utf8(candidate) {
            count.edits += 1;
            if check(&candidate) == Decider::Fast {
                count.fast += 1;
            }
        }
    };
    for cut in 0..bytes.len() {
        try_text(bytes[..cut].to_vec());
    }
    for at in 0..bytes.len() {
        for &byte in REPLACEMENTS {
            let mut edited = bytes.to_vec();
            edited[at] = byte;
            try_text(edited);
        }
        for snippet in SNIPPETS {
            let mut edited = bytes[..at].to_vec();
            edited.extend_from_slice(snippet.as_bytes());
            edited.extend_from_slice(&bytes[at..]);
            try_text(edited);
        }
    }
}
