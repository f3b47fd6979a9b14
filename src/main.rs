//! Starts the desktop app, or runs a CLI command when one is given: the one place that
//! knows both front ends.
// On Windows the exe is a GUI program, so a double-click opens no console window; commands
// typed in a terminal print there through `console::attach_parent`.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use itaku_navi::cli::{self, Start};

fn main() -> ExitCode {
    itaku_navi::ui::bench_mark("main");
    itaku_navi::console::attach_parent();
    match cli::parse() {
        Ok(Start::App { rules, cases, open }) => {
            match itaku_navi::ui::run(rules.as_deref(), cases.as_deref(), open.as_deref()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    itaku_navi::console::report_fatal(&itaku_navi::tr("app.title"), &format!("{e:#}"));
                    ExitCode::from(cli::EXIT_INVALID)
                }
            }
        }
        Ok(Start::Command(invocation)) => cli::run(invocation),
        Err(code) => code,
    }
}
