//! Approvals only the approver can make: the approver's own Ed25519 key (created in the app,
//! kept in the user's profile under a passphrase, never beside the cases) signs an approval
//! entry as an SSH signature (SSHSIG), checked against the organisation's list of approvers
//! (`approvers.json`). The signature covers the entry's `approved_content` — the case
//! content and the decision — with the signer's name and the list it was made under.
//! OpenSSH's `ssh-keygen -Y verify` checks the same signature ([`allowed_signers`],
//! [`message`]). What it proves: the holder of that key approved exactly this content and
//! decision; not a legal signature under 電子署名法, and the approval system stays
//! authoritative.

use std::path::{Path, PathBuf};

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::case::{Approval, ApprovalSignature};
use crate::rules::RuleSet;
use crate::rules::files::{ApproverDef, ApproversFile};
use crate::text::{Lang, l};

/// The SSHSIG namespace of an approval signature (`ssh-keygen -Y … -n` takes it).
pub const NAMESPACE: &str = "itaku-navi-approval";

/// The shortest passphrase a signing key is created with.
pub const MIN_PASSPHRASE: usize = 8;

/// Why a key could not be made, read or used.
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    /// No key in the user's profile yet.
    #[error("no signing key at {0} (create one first)")]
    Missing(String),
    /// A key exists already and is never overwritten.
    #[error("a signing key exists already at {0}; it is never overwritten")]
    Exists(String),
    /// The passphrase does not open the key.
    #[error("the passphrase does not open the signing key")]
    WrongPassphrase,
    /// The passphrase is too short to protect a key.
    #[error("a passphrase of at least {MIN_PASSPHRASE} characters is needed")]
    ShortPassphrase,
    /// The key file is not an OpenSSH private key.
    #[error("the key file {0} is not a readable OpenSSH key: {1}")]
    Unreadable(String, String),
    /// The entry has no recorded content hash to sign (record the decision first).
    #[error("the approval entry records no content hash to sign (record the decision first)")]
    NothingToSign,
    /// Reading or writing the key failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The key library failed.
    #[error("signing key: {0}")]
    Key(String),
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(key_err)`
fn key_err(e: ssh_key::Error) -> SigningError {
    SigningError::Key(e.to_string())
}

/// Where the user's signing key is kept: `keys/approver_ed25519` (and `.pub`) in the app's
/// own folder in the user's profile (`%APPDATA%\itaku-navi` on Windows).
#[must_use]
pub fn key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("keys").join("approver_ed25519")
}

/// Creates the user's signing key, encrypted with `passphrase` (OpenSSH format,
/// bcrypt-pbkdf + AES-256-CTR), and returns its public key in OpenSSH form for the
/// organisation's approver list. An existing key is never overwritten.
pub fn create_key(data_dir: &Path, name: &str, passphrase: &str) -> Result<String, SigningError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(SigningError::ShortPassphrase);
    }
    let path = key_path(data_dir);
    if path.exists() {
        return Err(SigningError::Exists(crate::text::shown_path(&path)));
    }
    let mut rng = ssh_key::rand_core::OsRng;
    let mut key = PrivateKey::random(&mut rng, ssh_key::Algorithm::Ed25519).map_err(key_err)?;
    key.set_comment(name);
    let encrypted = key.encrypt(&mut rng, passphrase).map_err(key_err)?;
    let text = encrypted.to_openssh(LineEnding::LF).map_err(key_err)?;
    let public = key.public_key().to_openssh().map_err(key_err)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let write = |p: &Path, bytes: &[u8]| {
        crate::atomic::write_atomic(p, bytes, false).map_err(|e| SigningError::Key(e.to_string()))
    };
    write(&path, text.as_bytes())?;
    restrict_to_owner(&path)?;
    write(&path.with_extension("pub"), format!("{public}\n").as_bytes())?;
    Ok(public)
}

/// Only the owner may read the private key (on Windows the profile folder is the user's own).
fn restrict_to_owner(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    let _ = path;
    Ok(())
}

/// The user's public key in OpenSSH form (what the approver list needs), with the name it
/// was made for (kept beside the key: the encrypted key hides its comment).
pub fn public_key(data_dir: &Path) -> Result<String, SigningError> {
    let path = key_path(data_dir);
    if let Ok(text) = std::fs::read_to_string(path.with_extension("pub"))
        && PublicKey::from_openssh(text.trim()).is_ok()
        && path.exists()
    {
        return Ok(text.trim().to_string());
    }
    read_key(&path)?.public_key().to_openssh().map_err(key_err)
}

/// Opens the user's signing key with `passphrase`.
pub fn load_key(data_dir: &Path, passphrase: &str) -> Result<PrivateKey, SigningError> {
    let key = read_key(&key_path(data_dir))?;
    if key.is_encrypted() { key.decrypt(passphrase).map_err(|_| SigningError::WrongPassphrase) } else { Ok(key) }
}

/// Reads the key file (still encrypted), saying which file is missing or unreadable.
fn read_key(path: &Path) -> Result<PrivateKey, SigningError> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => SigningError::Missing(crate::text::shown_path(path)),
        _ => SigningError::Io(e),
    })?;
    PrivateKey::from_openssh(text.trim())
        .map_err(|e| SigningError::Unreadable(crate::text::shown_path(path), e.to_string()))
}

/// A public key's SHA-256 fingerprint as OpenSSH prints it (`SHA256:…`); `None` when the
/// text is not a public key in OpenSSH form.
#[must_use]
pub fn fingerprint(public_key: &str) -> Option<String> {
    PublicKey::from_openssh(public_key.trim()).ok().map(|k| k.fingerprint(HashAlg::Sha256).to_string())
}

/// The fingerprint of an approver list (`sha256:…` over its entries): a signature names the
/// list it was made under, and the register and `verify` say which list they checked with.
#[must_use]
pub fn approvers_fingerprint(list: &ApproversFile) -> String {
    crate::case::integrity::hex_hash(&serde_json::to_vec(&list.approvers).unwrap_or_default())
}

/// The bytes a signature covers: the entry's recorded content-and-decision hash, the
/// signer's name and the approver list's fingerprint. `None` while the entry records no hash.
#[must_use]
pub fn message(entry: &Approval, signer: &str, approvers: &str) -> Option<Vec<u8>> {
    let covers = entry.approved_content.as_deref()?;
    Some(format!("itaku-navi approval v1\ncovers {covers}\nsigner {signer}\napprovers {approvers}\n").into_bytes())
}

/// Signs a recorded approval entry with `key` as `signer`, under the rules' approver list.
pub fn sign(
    entry: &Approval,
    key: &PrivateKey,
    signer: &str,
    rules: &RuleSet,
) -> Result<ApprovalSignature, SigningError> {
    let approvers = approvers_fingerprint(&rules.approvers);
    let msg = message(entry, signer, &approvers).ok_or(SigningError::NothingToSign)?;
    let sig = key.sign(NAMESPACE, HashAlg::Sha512, &msg).map_err(key_err)?;
    Ok(ApprovalSignature {
        signer: signer.to_string(),
        public_key: key.public_key().to_openssh().map_err(key_err)?,
        approvers,
        sshsig: sig.to_pem(LineEnding::LF).map_err(key_err)?,
    })
}

/// What an approval entry's signature shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SignatureCheck {
    /// No signature.
    Unsigned,
    /// Signed by a listed approver whose key counted on the decision's date.
    Listed {
        /// The approver's name.
        signer: String,
        /// The key's fingerprint (`SHA256:…`).
        fingerprint: String,
        /// The list signed under is not the list checked with (it changed since).
        list_changed: bool,
    },
    /// A good signature by a key the approver list does not hold.
    UnknownKey {
        /// The name the signature carries.
        signer: String,
        /// The key's fingerprint.
        fingerprint: String,
    },
    /// A listed key, but the decision's date lies outside the key's validity.
    OutsideValidity {
        /// The approver's name.
        signer: String,
        /// The key's fingerprint.
        fingerprint: String,
    },
    /// The signature does not match the entry (content, decision, signer or list changed
    /// after signing, or the signature is damaged).
    Broken(String),
}

/// Checks an entry's signature against the approver list of `rules`.
#[must_use]
pub fn check(entry: &Approval, rules: &RuleSet) -> SignatureCheck {
    let Some(s) = &entry.signature else { return SignatureCheck::Unsigned };
    let Ok(public) = PublicKey::from_openssh(s.public_key.trim()) else {
        return SignatureCheck::Broken("the signer's public key cannot be read".into());
    };
    let Ok(sig) = SshSig::from_pem(s.sshsig.trim()) else {
        return SignatureCheck::Broken("the signature cannot be read".into());
    };
    let Some(msg) = message(entry, &s.signer, &s.approvers) else {
        return SignatureCheck::Broken("the entry records no content hash".into());
    };
    if public.verify(NAMESPACE, &msg, &sig).is_err() {
        return SignatureCheck::Broken(
            "the signature does not match this entry: its content, decision, signer or list changed after signing"
                .into(),
        );
    }
    let fingerprint = public.fingerprint(HashAlg::Sha256).to_string();
    let listed = rules
        .approvers
        .approvers
        .iter()
        .find(|a| PublicKey::from_openssh(a.public_key.trim()).is_ok_and(|k| k.key_data() == public.key_data()));
    let Some(approver) = listed else {
        return SignatureCheck::UnknownKey { signer: s.signer.clone(), fingerprint };
    };
    if approver.name != s.signer {
        return SignatureCheck::Broken(format!(
            "signed with the key listed for {} but naming {}",
            approver.name, s.signer
        ));
    }
    if !counts_on(approver, &entry.decided_on) {
        return SignatureCheck::OutsideValidity { signer: s.signer.clone(), fingerprint };
    }
    SignatureCheck::Listed {
        signer: s.signer.clone(),
        fingerprint,
        list_changed: s.approvers != approvers_fingerprint(&rules.approvers),
    }
}

/// Whether the approver's key counts on the date a decision was made.
fn counts_on(approver: &ApproverDef, decided_on: &str) -> bool {
    let date = |d: &str| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
    let (Some(day), Some(from)) = (date(decided_on), date(&approver.valid_from)) else { return false };
    day >= from && approver.valid_until.as_deref().and_then(date).is_none_or(|until| day <= until)
}

impl SignatureCheck {
    /// Whether the signature is a listed approver's, within the key's validity.
    #[must_use]
    pub fn is_trusted(&self) -> bool {
        matches!(self, Self::Listed { .. })
    }

    /// Whether it needs a look: anything but a trusted signature, where the organisation
    /// requires signed approvals; a broken, unknown or expired one always.
    #[must_use]
    pub fn needs_look(&self, required: bool) -> bool {
        match self {
            Self::Listed { .. } => false,
            Self::Unsigned => required,
            _ => true,
        }
    }

    /// The check in words, as the memo, the register and the outcome screen say it.
    #[must_use]
    pub fn words(&self, lang: Lang, required: bool) -> String {
        match (self, lang) {
            (Self::Unsigned, _) if required => l(lang, "署名なし（要確認）", "unsigned (needs a look)"),
            (Self::Unsigned, _) => l(lang, "署名なし", "unsigned"),
            (Self::Listed { signer, fingerprint, list_changed }, Lang::Ja) => format!(
                "{signer} の署名（鍵 {fingerprint}、承認者一覧に登録済み）{}",
                if *list_changed { "。署名後に承認者一覧が変更されています" } else { "" }
            ),
            (Self::Listed { signer, fingerprint, list_changed }, Lang::En) => format!(
                "signed by {signer} (key {fingerprint}, a listed approver){}",
                if *list_changed { "; the approver list changed since signing" } else { "" }
            ),
            (Self::UnknownKey { signer, fingerprint }, Lang::Ja) => {
                format!("承認者一覧にない鍵による署名（{signer}、鍵 {fingerprint}）（要確認）")
            }
            (Self::UnknownKey { signer, fingerprint }, Lang::En) => {
                format!("signed by a key not on the approver list ({signer}, key {fingerprint}) (needs a look)")
            }
            (Self::OutsideValidity { signer, fingerprint }, Lang::Ja) => {
                format!("有効期間外の鍵による署名（{signer}、鍵 {fingerprint}）（要確認）")
            }
            (Self::OutsideValidity { signer, fingerprint }, Lang::En) => {
                format!("signed by a key outside its validity ({signer}, key {fingerprint}) (needs a look)")
            }
            (Self::Broken(why), Lang::Ja) => format!("署名が壊れています（{why}）"),
            (Self::Broken(why), Lang::En) => format!("signature broken ({why})"),
        }
    }
}

/// The approver list as OpenSSH's `allowed_signers` file, so a signature can be checked
/// outside this program: `ssh-keygen -Y verify -f FILE -I NAME -n itaku-navi-approval -s SIG < MSG`.
#[must_use]
pub fn allowed_signers(list: &ApproversFile) -> String {
    let mut out = String::new();
    for a in &list.approvers {
        use std::fmt::Write as _;
        let principal = a.name.replace(char::is_whitespace, "_");
        let from = a.valid_from.replace('-', "");
        let until =
            a.valid_until.as_deref().map(|u| format!(",valid-before=\"{}\"", u.replace('-', ""))).unwrap_or_default();
        let _ = writeln!(
            out,
            "{principal} namespaces=\"{NAMESPACE}\",valid-after=\"{from}\"{until} {}",
            a.public_key.trim()
        );
    }
    out
}
