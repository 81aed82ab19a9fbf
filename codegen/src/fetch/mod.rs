//! `antom-vault-codegen fetch`: the doc watch loop. For every API in spec/ it downloads the
//! current markdown page (the spec's `doc` address with `.md`, see [`page_url`]), applies the
//! pages that arrived whole with `sync`, regenerates `generated/`, and sums the run up in
//! markdown for a pull request ([`summary`]).
//!
//! A page is applied when it downloaded completely and reads as the API's reference page. A page
//! that ends before its result codes is applied too (sync keeps what it does not show), and the
//! summary asks a maintainer to look at it.

pub mod cli;
pub mod http;
pub mod summary;

use std::path::PathBuf;

use crate::diff::load::load;
use crate::diff::sync::{Older, Outcome, Page, plan};
use crate::import::import_page;
use http::FetchError;

/// What a run works on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The spec directory, edited in place.
    pub spec: PathBuf,
    /// The generated directory, rewritten when the spec changed.
    pub out: PathBuf,
    /// Replaces the scheme and host of every page address (a mirror, or a test server).
    pub base: Option<String>,
    /// Work everything out, write nothing.
    pub dry_run: bool,
}

/// What happened to one API's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageState {
    /// Downloaded whole and handed to sync.
    Applied,
    /// Handed to sync, but the page ends before its result codes: sync keeps what it does not
    /// show, and a maintainer should look at the page.
    EndsEarly,
    /// The spec file records no `doc` address.
    NoAddress,
    /// The recorded address cannot be turned into a page address.
    BadAddress(&'static str),
    /// The download failed.
    NotFetched(FetchError),
    /// The text is not an API reference page.
    NotAPage(String),
}

/// One API's page in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRun {
    /// The API's name.
    pub api: String,
    /// The address fetched, when there is one.
    pub url: Option<String>,
    /// What happened.
    pub state: PageState,
}

/// A whole run.
pub struct Watch {
    /// Each API's page, in spec order.
    pub pages: Vec<PageRun>,
    /// What sync did with the applied pages (`None` when no page was applied or sync refused).
    pub outcome: Option<Outcome>,
    /// Why sync refused the pages, if it did (nothing is written then).
    pub sync_error: Option<String>,
    /// The regeneration: `Some(Ok(files))` when generated/ was rewritten, `Some(Err(_))` when it
    /// failed, `None` when nothing changed (or on a dry run).
    pub generated: Option<Result<usize, String>>,
    /// Whether the run wrote nothing on purpose.
    pub dry_run: bool,
}

impl Watch {
    /// Whether sync left the spec untouched because the result breaks a lint rule.
    pub fn blocked(&self) -> bool {
        self.outcome
            .as_ref()
            .is_some_and(|o| !o.needs_decision.is_empty())
    }

    /// Whether every API's whole page was applied and sync accepted them. (A regeneration the
    /// generator refuses, typically for the TODO descriptions of what sync added, is a decision
    /// for the maintainer, not an incomplete run.)
    pub fn complete(&self) -> bool {
        self.sync_error.is_none()
            && !self.blocked()
            && self.pages.iter().all(|p| p.state == PageState::Applied)
    }
}

/// The markdown page of a spec's `doc` address: `.md` appended (docs.antom.com serves each
/// reference page as markdown there), and with `base` the scheme and host replaced.
pub fn page_url(doc: &str, base: Option<&str>) -> Result<String, &'static str> {
    let rest = doc
        .strip_prefix("https://")
        .or_else(|| doc.strip_prefix("http://"))
        .ok_or("the `doc` address is not an http(s) URL")?;
    let (_, path) = rest
        .split_once('/')
        .ok_or("the `doc` address has no page path")?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let page = if path.ends_with(".md") {
        path.to_owned()
    } else {
        format!("{path}.md")
    };
    let origin = match base {
        Some(base) => base.trim_end_matches('/'),
        None => &doc[..doc.len() - rest.len() + rest.find('/').unwrap_or(rest.len())],
    };
    Ok(format!("{origin}/{page}"))
}

/// Reads one downloaded page: whole, ending early, or not the API's page.
fn judge(text: &str, api: &str) -> PageState {
    match import_page(text) {
        Err(error) => PageState::NotAPage(error.to_string()),
        Ok(imported) if imported.name() != api => {
            PageState::NotAPage(format!("the page is about `{}`", imported.name()))
        }
        Ok(imported) if imported.page().ends_early => PageState::EndsEarly,
        Ok(_) => PageState::Applied,
    }
}

/// Runs the loop once. An error means the spec directory itself could not be read or loaded.
pub fn watch(options: &Options) -> Result<Watch, String> {
    let label = options.spec.display().to_string();
    let files = crate::output::read_sources(&options.spec, &label).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err(format!("{label}: no *.yaml spec files"));
    }
    let spec = load(&files)?;
    let mut runs = Vec::new();
    let mut pages = Vec::new();
    for api in &spec.apis {
        let name = api.name.value.clone();
        let Some(doc) = &api.doc else {
            runs.push(PageRun {
                api: name,
                url: None,
                state: PageState::NoAddress,
            });
            continue;
        };
        let url = match page_url(doc, options.base.as_deref()) {
            Ok(url) => url,
            Err(rule) => {
                runs.push(PageRun {
                    api: name,
                    url: None,
                    state: PageState::BadAddress(rule),
                });
                continue;
            }
        };
        let state = match http::get(&url) {
            Ok(text) => {
                let state = judge(&text, &name);
                if matches!(state, PageState::Applied | PageState::EndsEarly) {
                    pages.push(Page {
                        name: url.clone(),
                        text,
                    });
                }
                state
            }
            Err(error) => PageState::NotFetched(error),
        };
        runs.push(PageRun {
            api: name,
            url: Some(url),
            state,
        });
    }
    let mut watch = Watch {
        pages: runs,
        outcome: None,
        sync_error: None,
        generated: None,
        dry_run: options.dry_run,
    };
    if pages.is_empty() {
        return Ok(watch);
    }
    // A fetched page is the current one: one older than the spec's last source is refused.
    match plan(&files, &pages, Older::Refused) {
        Ok(outcome) => {
            let write = outcome.needs_decision.is_empty() && !options.dry_run;
            if write && !outcome.files.is_empty() {
                for file in &outcome.files {
                    std::fs::write(&file.name, &file.after)
                        .map_err(|e| format!("cannot write {}: {}", file.name, e.kind()))?;
                }
                watch.generated = Some(
                    crate::generate(&options.spec, &options.out)
                        .map(|written| written.len())
                        .map_err(|e| e.to_string()),
                );
            }
            watch.outcome = Some(outcome);
        }
        Err(error) => watch.sync_error = Some(error),
    }
    Ok(watch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_addresses_are_the_doc_address_in_markdown() {
        let doc = "https://docs.antom.com/ac/ams/vaulting_session";
        assert_eq!(
            page_url(doc, None).unwrap(),
            "https://docs.antom.com/ac/ams/vaulting_session.md"
        );
        assert_eq!(
            page_url(doc, Some("http://127.0.0.1:9/")).unwrap(),
            "http://127.0.0.1:9/ac/ams/vaulting_session.md"
        );
        assert_eq!(
            page_url("https://docs.antom.com/ac/ams/x.md#top", None).unwrap(),
            "https://docs.antom.com/ac/ams/x.md"
        );
        assert!(page_url("docs.antom.com/x", None).is_err());
        assert!(page_url("https://docs.antom.com", None).is_err());
    }

    #[test]
    fn a_page_without_its_codes_ends_early_and_another_api_is_not_its_page() {
        let page = "# parkGadget\n\n`POST /v1/gadgets/parkGadget`\n\n## Request parameters\n\n\
                    #### parkRequestId (String, REQUIRED)\n\n## Response parameters\n\n\
                    #### result (Result, REQUIRED)\n";
        assert_eq!(judge(page, "parkGadget"), PageState::EndsEarly);
        assert!(matches!(judge(page, "lockGadget"), PageState::NotAPage(_)));
        assert!(matches!(
            judge("hello", "parkGadget"),
            PageState::NotAPage(_)
        ));
    }
}
