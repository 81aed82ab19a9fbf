//! What a doc page shows: its form, its date, the parts it shows in full and the entries it ends
//! inside. The importer records it on the API it reads ([`super::ApiSpec::page`]) and writes it
//! under `page:` in an import; `diff` and `sync` read it to tell "not on this page" from
//! "removed". spec/ files never carry it.

use std::collections::BTreeSet;
use std::fmt;

/// Which layout the page uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageFormat {
    /// The docs.antom.com markdown export (`#### name (Type, REQUIRED)` headings).
    AntomMarkdown,
    /// The global.alipay.com text export (`#### name Type  REQUIRED` headings).
    AlipayText,
    /// The plain text of a rendered page on either site (`name Type REQUIRED` heading lines).
    RenderedText,
}

impl fmt::Display for PageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PageFormat::AntomMarkdown => "docs.antom.com markdown",
            PageFormat::AlipayText => "global.alipay.com text",
            PageFormat::RenderedText => "rendered page text",
        })
    }
}

impl PageFormat {
    /// Every form.
    pub const ALL: [PageFormat; 3] = [
        PageFormat::AntomMarkdown,
        PageFormat::AlipayText,
        PageFormat::RenderedText,
    ];

    /// The word written under `page: form:`.
    pub fn word(self) -> &'static str {
        match self {
            PageFormat::AntomMarkdown => "antom_markdown",
            PageFormat::AlipayText => "alipay_text",
            PageFormat::RenderedText => "rendered_text",
        }
    }
}

/// A part of an API reference page that the page can show in full or not at all.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The request (or notification) parameter list.
    Request,
    /// The response (or acknowledgement) parameter list.
    Response,
    /// The "Result process logic" section.
    ResultLogic,
    /// The result-code table.
    ResultCodes,
    /// The child parameters of the object with this spec name.
    Children(String),
}

/// What the page showed: which parts it shows in full, where it ends, and its date. A field,
/// code or object is removed only where the page shows the part it would be in; everything else
/// is "not shown on this page".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageView {
    /// The form the page was read in.
    pub format: PageFormat,
    /// The page's own date (`YYYY-MM-DD`), when it shows one.
    pub date: Option<String>,
    /// The parts the page shows in full (the page goes on past their end).
    pub complete: BTreeSet<Part>,
    /// Entries the page ends inside (`request.x`, `objects.O.f`, `result_codes.C`): their facts
    /// may be cut short, so they are neither added nor compared.
    pub unfinished: Vec<String>,
    /// Whether the page stops before its result codes (it was cut off).
    pub ends_early: bool,
}

impl PageView {
    /// A page that has shown nothing yet.
    pub fn new(format: PageFormat) -> Self {
        PageView {
            format,
            date: None,
            complete: Default::default(),
            unfinished: Vec::new(),
            ends_early: false,
        }
    }

    /// Whether the page shows `part` in full.
    pub fn shows(&self, part: &Part) -> bool {
        self.complete.contains(part)
    }

    /// Whether the page ends inside the entry at `path`.
    pub fn is_unfinished(&self, path: &str) -> bool {
        self.unfinished.iter().any(|p| p == path)
    }
}

impl Part {
    /// The word written under `page: shows:` (`request`, `children.Result`).
    pub fn word(&self) -> String {
        match self {
            Part::Request => "request".into(),
            Part::Response => "response".into(),
            Part::ResultLogic => "result_logic".into(),
            Part::ResultCodes => "result_codes".into(),
            Part::Children(object) => format!("children.{object}"),
        }
    }

    /// Reads a word of [`Part::word`].
    pub fn parse(word: &str) -> Option<Part> {
        Some(match word {
            "request" => Part::Request,
            "response" => Part::Response,
            "result_logic" => Part::ResultLogic,
            "result_codes" => Part::ResultCodes,
            _ => Part::Children(word.strip_prefix("children.")?.to_owned()),
        })
    }
}
