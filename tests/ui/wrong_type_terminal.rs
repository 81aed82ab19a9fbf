//! `env.terminalType` wants a `TerminalType`, not a boolean.
use antom_vault::Env;

fn main() {
    let _env = Env::builder().terminal_type(true).build();
}
