//! Files written on Windows (issue 10): Notepad's UTF-8 byte-order mark and CRLF line ends
//! are accepted everywhere a file is read (case, rules folder, training samples, verify);
//! a file in `Shift_JIS` (CP932) or UTF-16 is refused with a message naming the encoding
//! and how to save it as UTF-8, and the file named.

use std::path::{Path, PathBuf};
use std::process::Command;

use itaku_navi::core::case::load_case;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/08_exception_request_payroll_operations.case.json")
}

/// The example case as Notepad saves it: BOM and CRLF.
fn notepad_utf8(text: &str) -> Vec<u8> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    bytes
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_itaku-navi")).args(args).output().expect("run itaku-navi")
}

#[test]
fn a_case_saved_by_notepad_with_bom_and_crlf_opens_decides_and_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(example()).expect("example");
    let path = dir.path().join("給与 入力（BOM付き）.case.json");
    std::fs::write(&path, notepad_utf8(&text)).expect("write");
    let case = load_case(&path).expect("a BOM and CRLF are fine");
    assert_eq!(case, load_case(&example()).expect("example"));
    let out = run(&["decide", path.to_str().expect("utf-8 path"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["verify", path.to_str().expect("utf-8 path")]);
    let original = run(&["verify", example().to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), original.status.code(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn shift_jis_and_utf16_cases_are_refused_naming_the_encoding_and_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A case as typed in an old Japanese Notepad (「ANSI」 = CP932).
    let text = "{\n  \"schema_version\": 1,\n  \"rule_set\": {\"ruleset_id\": \"nisc-outsourcing-template\", \"version\": \"1\"},\n  \"basics\": {\"task_name\": \"給与計算データの入力\", \"section\": \"人事課\"}\n}\n";
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "the text is CP932-safe");
    for (name, bytes, encoding) in
        [("sjis.case.json", sjis.into_owned(), "Shift_JIS (CP932)"), ("utf16.case.json", utf16le(text), "UTF-16 LE")]
    {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = load_case(&path).expect_err("not UTF-8").to_string();
        assert!(err.contains(encoding) && err.contains("UTF-8") && err.contains(name), "{err}");
        for command in ["decide", "verify"] {
            let out = run(&[command, path.to_str().expect("utf-8 path")]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
            assert!(stderr.contains(encoding) && stderr.contains(name), "{command}: {stderr}");
        }
    }
}

#[test]
fn a_rules_folder_edited_in_notepad_loads_and_a_shift_jis_rule_file_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in itaku_navi::core::rules::embedded::files() {
        std::fs::write(dir.path().join(name), notepad_utf8(text)).expect("write");
    }
    let rules = itaku_navi::core::rules::load_dir(dir.path()).expect("BOM and CRLF in every rule file are fine");
    assert!(!rules.appendix1.entries.is_empty());
    let out = run(&["check", dir.path().to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let appendix1 = itaku_navi::core::rules::embedded::files()
        .find(|(n, _)| *n == "appendix1.json")
        .map(|(_, t)| t)
        .expect("appendix1.json");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(appendix1);
    std::fs::write(dir.path().join("appendix1.json"), sjis).expect("write");
    let err = itaku_navi::core::rules::load_dir(dir.path()).expect_err("Shift_JIS").to_string();
    assert!(err.contains("Shift_JIS (CP932)") && err.contains("appendix1.json"), "{err}");
}

/// The window's icon decodes, and the exe's icon holds every size Windows asks for (the
/// title bar's 16 px to the Start menu's 256 px) — a size missing is scaled blurrily.
#[test]
fn the_window_and_the_exe_carry_the_programs_icon_at_every_size() {
    let icon = itaku_navi::ui::window_icon().expect("the window icon decodes");
    assert_eq!((icon.width, icon.height), (256, 256));
    let ico = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icon/itaku-navi.ico")).expect("ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    let count = usize::from(u16::from_le_bytes([ico[4], ico[5]]));
    // Each directory entry is 16 bytes; its first byte is the width (0 means 256).
    let sizes: Vec<u32> =
        (0..count).map(|i| ico[6 + 16 * i]).map(|w| if w == 0 { 256 } else { u32::from(w) }).collect();
    for wanted in [16, 20, 24, 32, 40, 48, 64, 256] {
        assert!(sizes.contains(&wanted), "{wanted} px missing from the exe's icon: {sizes:?}");
    }
}
