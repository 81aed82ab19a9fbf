//! Tokens → Rust text without a formatter, for `build.rs`: the compiler reads this output, and a
//! person sees it only in the lines a compiler error quotes. So it stays cheap (one pass over the
//! tokens, no parse) but puts each statement, field, match arm, attribute and brace on its own
//! line, indented by depth, with the usual spacing around `::`, `:` and `<…>`, so that a quoted
//! line is a short, recognisable piece of code rather than the whole file.
//!
//! Line breaks and spaces never change what Rust tokens mean, so these rules only decide layout.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Writes `tokens` as Rust text, one statement or attribute per line.
pub fn write(tokens: TokenStream, out: &mut String) {
    let mut w = Writer::new(out);
    w.write(tokens);
    w.finish();
}

/// Writes a file's items one after the other (each a [`TokenStream`] of whole items), as
/// [`write()`] writes them all at once.
pub struct Writer<'a> {
    printer: Printer<'a>,
}

impl<'a> Writer<'a> {
    /// A writer that appends to `out`.
    pub fn new(out: &'a mut String) -> Self {
        Writer {
            printer: Printer {
                out,
                depth: 0,
                line_start: true,
                glue: false,
                prev: Prev::Other,
            },
        }
    }

    /// Writes the next items.
    pub fn write(&mut self, items: TokenStream) {
        self.printer.stream(items, true);
    }

    /// Opens the body of the item written last (`pub mod name`): its items follow, up to
    /// [`Writer::close_block`].
    pub fn open_block(&mut self) {
        self.printer.token("{", false);
        self.printer.depth += 1;
        self.printer.newline();
    }

    /// Closes the body opened by [`Writer::open_block`].
    pub fn close_block(&mut self) {
        self.printer.depth = self.printer.depth.saturating_sub(1);
        self.printer.newline();
        self.printer.token("}", false);
        self.printer.newline();
    }

    /// Ends the last line.
    pub fn finish(self) {
        if !self.printer.line_start {
            self.printer.out.push('\n');
        }
    }
}

/// What the previous token was, as far as spacing cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// A name other than a keyword that starts a type or a clause (`impl`, `for`, …).
    Name,
    /// A closing `)`, `]` or `>`.
    Close,
    /// Anything else.
    Other,
}

/// Whether `name` is a keyword after which `::` and `(` keep their space (`impl ::std::…`,
/// `in (…)`).
fn spaced_keyword(name: &str) -> bool {
    matches!(
        name,
        "impl"
            | "for"
            | "as"
            | "dyn"
            | "mut"
            | "in"
            | "return"
            | "where"
            | "let"
            | "else"
            | "move"
            | "ref"
            | "if"
            | "match"
            | "while"
    )
}

struct Printer<'a> {
    out: &'a mut String,
    depth: usize,
    /// Nothing but indentation written on the current line yet.
    line_start: bool,
    /// No space before the next token (after `::`, `#`, `!`, `&`, `.`, an opening bracket, …).
    glue: bool,
    prev: Prev,
}

impl Printer<'_> {
    /// `block`: the tokens are items, statements, fields or match arms (inside braces), so a
    /// comma outside angle brackets ends a line too.
    fn stream(&mut self, tokens: TokenStream, block: bool) {
        let mut attribute = false;
        let mut angles = 0usize;
        let mut tokens = tokens.into_iter().peekable();
        while let Some(tt) = tokens.next() {
            match tt {
                TokenTree::Group(g) => {
                    let delimiter = g.delimiter();
                    // Dropping the group first leaves `inner` the only owner of its tokens, so
                    // iterating it moves them instead of copying every one.
                    let inner = g.stream();
                    drop(g);
                    match delimiter {
                        Delimiter::Brace => {
                            self.token("{", false);
                            self.depth += 1;
                            self.newline();
                            self.stream(inner, true);
                            self.depth -= 1;
                            self.newline();
                            self.token("}", false);
                            self.newline();
                        }
                        Delimiter::Parenthesis => self.nested("(", inner, ")"),
                        Delimiter::Bracket => {
                            self.nested("[", inner, "]");
                            if attribute {
                                self.newline();
                            }
                        }
                        Delimiter::None => self.stream(inner, block),
                    }
                    attribute = false;
                }
                TokenTree::Punct(p) => {
                    let c = p.as_char();
                    let joint = p.spacing() == Spacing::Joint;
                    let next_colon =
                        matches!(tokens.peek(), Some(TokenTree::Punct(n)) if n.as_char() == ':');
                    if c == ':' && joint && next_colon {
                        tokens.next();
                        self.punct("::", matches!(self.prev, Prev::Name | Prev::Close), true);
                        self.prev = Prev::Other;
                        continue;
                    }
                    let mut buf = [0u8; 4];
                    let text = c.encode_utf8(&mut buf);
                    match c {
                        ',' | ';' | '.' | '?' | ':' => self.punct(text, true, c == '.'),
                        '!' => self.punct(text, self.prev == Prev::Name, true),
                        '#' | '&' => self.punct(text, false, true),
                        '<' => {
                            angles += 1;
                            self.punct(text, self.prev == Prev::Name, true);
                        }
                        '>' if self.prev != Prev::Other || !self.glue => {
                            angles = angles.saturating_sub(1);
                            self.punct(text, true, joint);
                            self.prev = Prev::Close;
                            continue;
                        }
                        _ => self.punct(text, false, joint),
                    }
                    attribute = c == '#' || (attribute && c == '!');
                    if c == ';' || (c == ',' && block && angles == 0) {
                        self.newline();
                    }
                }
                TokenTree::Ident(i) => {
                    self.space();
                    let start = self.out.len();
                    let _ = write!(self.out, "{i}");
                    let keyword = spaced_keyword(&self.out[start..]);
                    self.line_start = false;
                    self.prev = if keyword { Prev::Other } else { Prev::Name };
                    attribute = false;
                }
                TokenTree::Literal(l) => {
                    self.space();
                    let _ = write!(self.out, "{l}");
                    self.line_start = false;
                    self.prev = Prev::Other;
                    attribute = false;
                }
            }
        }
    }

    /// A parenthesised or bracketed group, kept on the current line.
    fn nested(&mut self, open: &str, inner: TokenStream, close: &str) {
        self.punct(open, matches!(self.prev, Prev::Name | Prev::Close), true);
        self.stream(inner, false);
        self.glue = true;
        self.token(close, false);
        self.prev = Prev::Close;
    }

    /// A punctuation mark: `tight_before` drops the space before it, `tight_after` the one after.
    fn punct(&mut self, text: &str, tight_before: bool, tight_after: bool) {
        self.glue |= tight_before;
        self.token(text, tight_after);
    }

    fn token(&mut self, text: &str, tight_after: bool) {
        self.space();
        self.out.push_str(text);
        self.line_start = false;
        self.glue = tight_after;
        self.prev = Prev::Other;
    }

    /// Indentation at the start of a line, else a separating space unless glued.
    fn space(&mut self) {
        if self.line_start {
            for _ in 0..self.depth {
                self.out.push_str("    ");
            }
        } else if !self.glue {
            self.out.push(' ');
        }
        self.glue = false;
    }

    fn newline(&mut self) {
        if !self.line_start {
            self.out.push('\n');
            self.line_start = true;
            self.glue = false;
            self.prev = Prev::Other;
        }
    }
}
