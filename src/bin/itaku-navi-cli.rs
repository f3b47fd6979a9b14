//! The program for commands (`itaku-navi-cli verify 判断記録.pdf`), never a window: on
//! Windows a console-subsystem exe, so cmd, PowerShell and batch files wait for it, show its
//! output in order and get its exit code (`%ERRORLEVEL%`, `$LASTEXITCODE`), which the
//! window program `itaku-navi.exe` (GUI subsystem) cannot give them.

use std::process::ExitCode;

use itaku_navi::cli::{self, Start};

fn main() -> ExitCode {
    match cli::parse() {
        Ok(Start::Command(invocation)) => cli::run(invocation),
        Ok(Start::App { .. }) => cli::refuse_window(),
        Err(code) => code,
    }
}
