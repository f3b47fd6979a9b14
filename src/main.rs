//! Starts the desktop app, or runs a CLI command when one is given: the one place that
//! knows both front ends.

use std::process::ExitCode;

use itaku_navi::cli::{self, Start};

fn main() -> ExitCode {
    match cli::parse() {
        Ok(Start::App { rules, open }) => match itaku_navi::ui::run(rules.as_deref(), open.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("itaku-navi: {e}");
                ExitCode::from(cli::EXIT_INVALID)
            }
        },
        Ok(Start::Command(invocation)) => cli::run(invocation),
        Err(code) => code,
    }
}
