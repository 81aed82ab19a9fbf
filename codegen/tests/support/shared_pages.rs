//! Where the openings of Antom's real pages are: `../shared/antom/pages/` beside the repository,
//! or under the folder named by `ANTOM_SHARED`.

use std::path::{Path, PathBuf};

/// The folder of page openings, or `None` (saying that `test` is skipped) when it is absent.
pub fn pages_dir(test: &str) -> Option<PathBuf> {
    let shared = std::env::var_os("ANTOM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let dir = shared.join("antom/pages");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED {test}: no page openings at {} (set ANTOM_SHARED to the shared folder)",
            dir.display()
        );
        None
    }
}
