//! Visible skips, shared by the workspace's test crates (included with `#[path]`).
//!
//! A test whose tool or input is missing calls [`skip`]: outside CI it prints a `SKIPPED` line
//! naming what is missing and how to get it, and appends that line to the file named by
//! `ANTOM_SKIP_LOG` (scripts/test.sh counts them in its summary); under `CI=true`, where the
//! project's scripts install every tool, it fails the test instead.

use std::io::Write;

/// Reports that `test` cannot run because `missing` is absent; `install` says how to get it.
/// Panics under `CI=true`; the caller returns right after it otherwise.
pub fn skip(test: &str, missing: &str, install: &str) {
    let line = format!("SKIPPED {test}: {missing} is missing; {install}");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{line} (CI=true: a missing tool or input fails the test)");
    }
    eprintln!("{line}");
    if let Some(path) = std::env::var_os("ANTOM_SKIP_LOG") {
        let logged = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| writeln!(file, "{line}"));
        if let Err(e) = logged {
            panic!("{line}; and the skip could not be logged: {e}");
        }
    }
}
