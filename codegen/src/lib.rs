pub fn placeholder() {}
pub mod diff;
pub mod import;
