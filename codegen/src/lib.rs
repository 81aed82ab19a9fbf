pub fn placeholder() {}
pub mod import;
