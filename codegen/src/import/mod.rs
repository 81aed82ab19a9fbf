//! `antom-vault-codegen import`: reads one Antom API reference page (the docs.antom.com markdown
//! form, the global.alipay.com text form, or the plain text a browser copies from either site's
//! rendered page) and writes spec YAML for that API.
//!
//! Each form has a small line classifier ([`markdown`], [`alipay`], [`rendered`]); all feed one
//! state machine
//! ([`builder`]) that produces the generator's own [`crate::model::Spec`] and a [`PageView`] of
//! what the page showed; one writer ([`yaml_out`]) renders a spec as YAML.

pub mod alipay;
pub mod builder;
pub mod classify;
pub mod cli;
pub mod facts;
pub mod json_text;
pub mod line;
pub mod markdown;
pub mod model;
pub mod rendered;
pub mod yaml_out;

pub use model::{Examples, ImportError, ImportWarning, Imported, PageFormat, PageView, Part};
pub use yaml_out::render;

/// Reads a page in any form. Content that is not understood becomes a warning; a page that is
/// not an API reference is an error.
pub fn import_page(text: &str) -> Result<Imported, ImportError> {
    let (format, lines) = classify_page(text)?;
    builder::build(format, lines)
}

/// Detects the page's form and classifies its lines.
fn classify_page(text: &str) -> Result<(PageFormat, Vec<line::Numbered>), ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    if markdown::detect(&lines) {
        Ok((PageFormat::AntomMarkdown, markdown::classify(&lines)))
    } else if alipay::detect(&lines) {
        Ok((PageFormat::AlipayText, alipay::classify(&lines)))
    } else if rendered::detect(&lines) {
        Ok((PageFormat::RenderedText, rendered::classify(&lines)))
    } else {
        Err(ImportError::NotAnApiReference {
            reason: "the page starts neither with a `# title` heading (docs.antom.com markdown) \
                     nor with an `====`-underlined title (global.alipay.com text), and shows no \
                     `Request parameters` line followed by a `name Type` heading (rendered text)"
                .into(),
        })
    }
}
