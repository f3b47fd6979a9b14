//! Starts the app, or runs a CLI command when one is given.

fn main() -> std::process::ExitCode {
    itaku_navi::cli::main()
}
