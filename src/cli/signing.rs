//! `key new`, `key show` and `sign`: the approver's signing key in the user's profile, and
//! signing the last approval entry of a case with it. The passphrase is read from
//! `ITAKU_NAVI_PASSPHRASE` when set (scripts, tests), else as one line from standard input.

use std::path::Path;
use std::process::ExitCode;

use crate::core::signing::{self, SigningError};

use super::{EXIT_INVALID, EXIT_USAGE};

/// The passphrase: the environment's, else one line of standard input.
fn passphrase() -> Option<String> {
    if let Ok(p) = std::env::var("ITAKU_NAVI_PASSPHRASE") {
        return Some(p);
    }
    eprint!("passphrase: ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).ok()?;
    Some(line.trim_end_matches(['\r', '\n']).to_string())
}

fn failed(e: &SigningError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(match e {
        SigningError::ShortPassphrase => EXIT_USAGE,
        _ => EXIT_INVALID,
    })
}

/// `key new --name NAME`: creates the signing key and prints its public key.
pub(super) fn key_new(name: &str) -> ExitCode {
    let data = crate::core::register::index::default_data_dir();
    let Some(pass) = passphrase() else { return ExitCode::from(EXIT_USAGE) };
    match signing::create_key(&data, name, &pass) {
        Ok(public) => {
            say!("{public}");
            eprintln!(
                "created {} — give the public key above to the keeper of the approver list (approvers.json)",
                crate::core::text::shown_path(&signing::key_path(&data))
            );
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e),
    }
}

/// `key show`: prints the public key.
pub(super) fn key_show() -> ExitCode {
    match signing::public_key(&crate::core::register::index::default_data_dir()) {
        Ok(public) => {
            say!("{public}");
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e),
    }
}

/// `sign CASE --as NAME`: signs the case's last approval entry and saves the case.
pub(super) fn sign(rules_dir: Option<&Path>, case_path: &Path, signer: &str) -> ExitCode {
    let (rules, mut case) = match super::rules::rules_and_case(rules_dir, case_path) {
        Ok(both) => both,
        Err(code) => return code,
    };
    let Some(entry) = case.approval.clone() else {
        eprintln!("error: the case records no decision to sign — {}", crate::core::text::shown_path(case_path));
        return ExitCode::from(EXIT_INVALID);
    };
    if entry.signature.is_some() {
        eprintln!("error: the last approval entry is signed already; a signature is never replaced");
        return ExitCode::from(EXIT_INVALID);
    }
    let Some(pass) = passphrase() else { return ExitCode::from(EXIT_USAGE) };
    let signature = signing::load_key(&crate::core::register::index::default_data_dir(), &pass)
        .and_then(|key| signing::sign(&entry, &key, signer, &rules));
    match signature {
        Ok(s) => {
            crate::core::edit::apply(
                &mut case,
                crate::core::edit::Edit::SignApproval(s),
                chrono::Local::now().fixed_offset(),
            );
            if let Err(e) = crate::core::case::save_case(case_path, &case) {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_INVALID);
            }
            let check = case.approval.as_ref().map(|e| signing::check(e, &rules));
            say!(
                "signed: {}",
                check
                    .map(|c| c.words(crate::core::text::Lang::En, rules.organisation.signed_approvals_required))
                    .unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e),
    }
}
