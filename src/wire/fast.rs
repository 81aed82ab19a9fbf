//! The fast path for decoding the messages Antom sends (responses and notifications).
//!
//! serde's derive reads a message through a visitor per struct and per field; for a verified
//! vaultPaymentMethod response that was most of the time the client spends beyond the RSA
//! verification (docs/performance.md). So the generator also emits, for every struct Antom sends,
//! a [`FastDecode`] impl that reads the common form of a message straight into the struct: keys
//! are matched by their bytes, strings are borrowed until they become the field's value.
//!
//! **The fast path decides nothing on its own.** It returns exactly the message serde would
//! return, or `None`, and then the whole text goes to serde, which decodes it or reports the
//! error. It returns `None` on anything outside the common form:
//!
//! - a string with an escape (`\`) or a control character, keys included;
//! - a native JSON number or boolean in a known field, or a JSON shape the field does not take
//!   (serde's lenient rules then apply);
//! - a known field given twice, a required field missing;
//! - nesting deeper than [`MAX_DEPTH`], or anything but whitespace after the message;
//! - an unknown field whose value breaks the JSON grammar or one of the rules above.
//!
//! A value read on both paths is converted from its text by the same function:
//! [`WireScalar::from_wire_str`] for scalars and the type's own
//! `Deserialize` for the generated enums (the lenient helpers call the same two functions). The
//! promise (whenever the fast path returns a message, serde returns an equal one) is checked by
//! `tests/fast_decode.rs` over every fixture and thousands of edits of each, and by the `decode`
//! fuzz target.
//!
//! Generated code calls the items of this module; nothing here is meant to be called directly.

use std::borrow::Cow;

use serde::Deserialize;

use super::WireScalar;
use super::lenient::value_text;

/// How deeply objects and arrays may nest before the fast path hands over (serde_json's own
/// limit is 128, so the fast path never accepts what serde refuses for depth).
pub const MAX_DEPTH: usize = 64;

/// A struct that the fast path can read.
pub trait FastDecode: Sized {
    /// Reads the object at the reader's position; `None` hands the whole message to serde.
    fn fast_decode(reader: &mut Reader<'_>) -> Option<Self>;
}

impl<T: FastDecode> FastDecode for Box<T> {
    fn fast_decode(reader: &mut Reader<'_>) -> Option<Self> {
        T::fast_decode(reader).map(Box::new)
    }
}

/// Reads `text` as one message of type `T`; `None` when serde has to decide.
pub fn decode<T: FastDecode>(text: &str) -> Option<T> {
    let mut reader = Reader {
        text,
        pos: 0,
        depth: 0,
    };
    let message = T::fast_decode(&mut reader)?;
    reader.skip_whitespace();
    (reader.pos == text.len()).then_some(message)
}

/// A position in the text of one message.
#[derive(Debug)]
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte that is not whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes().get(self.pos).copied()
    }

    /// Consumes `byte` as the next byte that is not whitespace.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Consumes `word` at the position.
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.pos.checked_add(word.len())?;
        (self.bytes().get(self.pos..end)? == word).then(|| self.pos = end)
    }

    /// Consumes a `null` if one is next.
    fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.literal(b"null").is_some()
    }

    /// One level deeper; `None` past [`MAX_DEPTH`].
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A string: borrowed from the text when it has no escape, unescaped as serde_json does
    /// otherwise. `None` on a control character, an unknown escape or a lone surrogate.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.pos;
        let run = plain_run(self.bytes().get(start..)?)?;
        if self.bytes().get(start + run) == Some(&b'"') {
            self.pos = start + run + 1;
            return self.text.get(start..start + run).map(Cow::Borrowed);
        }
        self.pos = start + run;
        let mut unescaped = String::from(self.text.get(start..start + run)?);
        // At a stop: the closing quote or an escape.
        while self.bytes().get(self.pos)? == &b'\\' {
            let escape = *self.bytes().get(self.pos + 1)?;
            self.pos += 2;
            unescaped.push(match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode_escape()?,
                _ => return None,
            });
            let run = plain_run(self.bytes().get(self.pos..)?)?;
            unescaped.push_str(self.text.get(self.pos..self.pos + run)?);
            self.pos += run;
        }
        self.pos += 1;
        Some(Cow::Owned(unescaped))
    }

    /// The character of a `\uXXXX` escape (the `\u` read), with its low surrogate when it is a
    /// high one; `None` on a lone surrogate, which serde_json refuses (`char::from_u32` refuses
    /// a lone low one).
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        let code = if (0xD800..=0xDBFF).contains(&first) {
            self.literal(b"\\u")?;
            let second = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&second) {
                return None;
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code)
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes().get(self.pos..self.pos + 4)?;
        let mut value = 0;
        for &digit in digits {
            value = value * 16 + char::from(digit).to_digit(16)?;
        }
        self.pos += 4;
        Some(value)
    }

    /// Reads an object, handing each key to `field`, which reads the key's value.
    pub fn object(&mut self, mut field: impl FnMut(&mut Self, &[u8]) -> Option<()>) -> Option<()> {
        self.delimited(b'{', b'}', |reader| {
            let key = reader.string()?;
            reader.eat(b':')?;
            field(reader, key.as_bytes())
        })
    }

    /// Reads an array, calling `item` for each item.
    fn array(&mut self, item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.delimited(b'[', b']', item)
    }

    /// Reads `open`, then entries that `entry` reads, separated by commas, then `close`.
    fn delimited(
        &mut self,
        open: u8,
        close: u8,
        mut entry: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.eat(open)?;
        self.enter()?;
        if self.peek()? != close {
            loop {
                entry(self)?;
                match self.peek()? {
                    b',' => self.pos += 1,
                    next if next == close => break,
                    _ => return None,
                }
            }
        }
        self.pos += 1;
        self.depth -= 1;
        Some(())
    }

    /// Reads a JSON number by its grammar (its value is not needed).
    fn number(&mut self) -> Option<()> {
        let bytes = self.bytes();
        let digits_from = |mut at: usize| {
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            at
        };
        let mut at = self.pos;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        at = match bytes.get(at)? {
            b'0' => at + 1,
            b'1'..=b'9' => digits_from(at),
            _ => return None,
        };
        if bytes.get(at) == Some(&b'.') {
            let end = digits_from(at + 1);
            if end == at + 1 {
                return None;
            }
            at = end;
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            let end = digits_from(at);
            if end == at {
                return None;
            }
            at = end;
        }
        self.pos = at;
        Some(())
    }

    /// Reads and drops the value of a field the struct does not know.
    pub fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => self.object(|reader, _| reader.skip_value()),
            b'[' => self.array(Reader::skip_value),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }
}

/// The length of the text before the first `"` or `\` of `rest`; `None` when a control
/// character or the end of the text comes first. Eight bytes at a time: a byte is a stop when it
/// is `"`, `\` or below 0x20, and the lowest flagged byte of a word is always a real stop (a
/// false flag only ever sits above a real one).
fn plain_run(rest: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let stop_at = |at: usize| (*rest.get(at)? >= 0x20).then_some(at);
    let mut chunks = rest.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let stops = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word))
            & HIGH;
        if stops != 0 {
            return stop_at(offset + stops.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    let at = tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    stop_at(offset + at)
}

/// One field of a struct being read: empty until its key is met.
#[derive(Debug)]
pub struct Slot<T>(Option<T>);

impl<T> Slot<T> {
    /// A field not met yet.
    pub const EMPTY: Self = Slot(None);

    /// Reads the field's value with `read`; `None` (hand over) when the field was already met:
    /// serde refuses a field given twice.
    pub fn fill(
        &mut self,
        reader: &mut Reader<'_>,
        read: impl FnOnce(&mut Reader<'_>) -> Option<T>,
    ) -> Option<()> {
        if self.0.is_some() {
            return None;
        }
        self.0 = Some(read(reader)?);
        Some(())
    }

    /// The value of a required field; `None` (hand over) when it was missing.
    pub fn required(self) -> Option<T> {
        self.0
    }
}

impl<T> Slot<Option<T>> {
    /// The value of an optional field: `None` when it was missing or `null`.
    pub fn optional(self) -> Option<T> {
        self.0.flatten()
    }
}

/// A field that the fast path does not read: always hands over.
pub fn hand_over<T>(_: &mut Reader<'_>) -> Option<T> {
    None
}

/// A required scalar ([`super::scalar`]): text only.
pub fn scalar<T: WireScalar>(reader: &mut Reader<'_>) -> Option<T> {
    T::from_wire_str(&reader.string()?)
}

/// A required generated enum: text only.
pub fn value<T: for<'de> Deserialize<'de>>(reader: &mut Reader<'_>) -> Option<T> {
    value_text(&reader.string()?)
}

/// A required generated struct.
pub fn object<T: FastDecode>(reader: &mut Reader<'_>) -> Option<T> {
    if reader.peek()? != b'{' {
        return None;
    }
    T::fast_decode(reader)
}

/// A required array whose items `item` reads.
pub fn list<T>(
    reader: &mut Reader<'_>,
    mut item: impl FnMut(&mut Reader<'_>) -> Option<T>,
) -> Option<Vec<T>> {
    let mut items = Vec::new();
    reader.array(|reader| {
        items.push(item(reader)?);
        Some(())
    })?;
    Some(items)
}

/// A lenient scalar ([`super::lenient::scalar`]): text, or `null` for `None`.
pub fn lenient_scalar<T: WireScalar>(reader: &mut Reader<'_>) -> Option<Option<T>> {
    if reader.null() {
        return Some(None);
    }
    Some(T::from_wire_str(&reader.string()?))
}

/// A lenient generated enum ([`super::lenient::value`]): text, or `null` for `None`.
pub fn lenient_value<T: for<'de> Deserialize<'de>>(reader: &mut Reader<'_>) -> Option<Option<T>> {
    if reader.null() {
        return Some(None);
    }
    Some(value_text(&reader.string()?))
}

/// A lenient generated struct ([`super::lenient::object`]): an object, or `null` for `None`.
pub fn lenient_object<T: FastDecode>(reader: &mut Reader<'_>) -> Option<Option<T>> {
    if reader.null() {
        return Some(None);
    }
    object(reader).map(Some)
}

/// A lenient array ([`super::lenient`]'s lists): `null` is `None`; so is an array with an item
/// that `item` reads as `None`, as serde's lenient lists decode it.
pub fn lenient_list<T>(
    reader: &mut Reader<'_>,
    mut item: impl FnMut(&mut Reader<'_>) -> Option<Option<T>>,
) -> Option<Option<Vec<T>>> {
    if reader.null() {
        return Some(None);
    }
    let mut items = Some(Vec::new());
    reader.array(|reader| {
        match (item(reader)?, &mut items) {
            (Some(value), Some(fitting)) => fitting.push(value),
            (None, _) => items = None,
            (Some(_), None) => {}
        }
        Some(())
    })?;
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain byte loop that [`plain_run`] must agree with.
    fn plain_run_bytewise(rest: &[u8]) -> Option<usize> {
        let at = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        (rest[at] >= 0x20).then_some(at)
    }

    #[test]
    fn the_word_scan_finds_the_same_stop_as_a_byte_loop() {
        let specials = [b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, b'a'];
        // Every special byte at every position of texts up to 20 bytes, over two backgrounds.
        for len in 0..20 {
            for background in [b'a', 0x80] {
                for at in 0..len {
                    for &special in &specials {
                        for &second in &specials {
                            let mut text = vec![background; len];
                            text[at] = special;
                            if at + 1 < len {
                                text[at + 1] = second;
                            }
                            assert_eq!(plain_run(&text), plain_run_bytewise(&text), "{text:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn numbers_follow_the_json_grammar() {
        let reads = |text: &str| {
            let mut reader = Reader {
                text,
                pos: 0,
                depth: 0,
            };
            reader.number().map(|()| reader.pos)
        };
        for (text, end) in [
            ("0", 1),
            ("-0", 2),
            ("12", 2),
            ("1.5", 3),
            ("-1.5e10", 7),
            ("1E+2", 4),
            ("1e-2", 4),
            ("01", 1),
            ("1.5.", 3),
        ] {
            assert_eq!(reads(text), Some(end), "{text}");
        }
        for text in ["-", "+1", ".5", "1.", "1e", "1e+", "-a", ""] {
            assert_eq!(reads(text), None, "{text}");
        }
    }

    #[test]
    fn nesting_past_the_limit_hands_over() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let skips = |text: &str| {
            let mut reader = Reader {
                text,
                pos: 0,
                depth: 0,
            };
            reader.skip_value().is_some()
        };
        assert!(skips(&nested(MAX_DEPTH)));
        assert!(!skips(&nested(MAX_DEPTH + 1)));
        // Depth is nesting, not a count: many containers side by side are read.
        let siblings = format!("[{}]", vec!["{\"a\":[]}"; 3 * MAX_DEPTH].join(","));
        assert!(skips(&siblings));
    }
}
