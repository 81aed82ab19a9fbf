//! `antom-vault-codegen import`: reads one Antom API reference page (the docs.antom.com markdown
//! form or the global.alipay.com text form) and writes spec YAML for that API.
//!
//! Each format has a small line classifier ([`markdown`], [`alipay`]); both feed one state machine
//! ([`builder`]) that produces an [`ImportedApi`] in the spec's own vocabulary
//! ([`crate::model::vocab`]), which one writer ([`yaml_out`]) renders as one YAML document.

pub mod alipay;
pub mod builder;
pub mod classify;
pub mod cli;
pub mod facts;
pub mod json_text;
pub mod line;
pub mod markdown;
pub mod model;
pub mod yaml_out;

pub use model::{
    Direction, ImportError, ImportWarning, Imported, ImportedApi, ImportedCode, ImportedField,
    PageFormat,
};
pub use yaml_out::render;

/// Reads a page in either format. Content that is not understood becomes a warning; a page that
/// is not an API reference is an error.
pub fn import_page(text: &str) -> Result<Imported, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    if markdown::detect(&lines) {
        builder::build(PageFormat::AntomMarkdown, markdown::classify(&lines))
    } else if alipay::detect(&lines) {
        builder::build(PageFormat::AlipayText, alipay::classify(&lines))
    } else {
        Err(ImportError::NotAnApiReference {
            reason: "the page starts neither with a `# title` heading (docs.antom.com markdown) \
                     nor with an `====`-underlined title (global.alipay.com text)"
                .into(),
        })
    }
}
