//! Reading the text files people write on Windows PCs: UTF-8 with or without the byte-order
//! mark Notepad adds, and CRLF line ends, are read as they are; a file in UTF-16 or in
//! `Shift_JIS` (CP932) is refused with a message that names the encoding found and says how
//! to save it as UTF-8. Nothing is ever written back in another encoding.

use std::path::Path;

/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a file's bytes are not UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EncodingProblem {
    /// UTF-16 (Notepad's 「UTF-16 LE」/「Unicode」), recognised by its byte-order mark.
    #[error(
        "the file is encoded as UTF-16{}, not UTF-8: open it in Notepad and save it again with the encoding 「UTF-8」 (名前を付けて保存 → 文字コード: UTF-8)",
        if *big_endian { " BE" } else { " LE" }
    )]
    Utf16 {
        /// Big-endian rather than little-endian.
        big_endian: bool,
    },
    /// `Shift_JIS` / CP932 (older Japanese Windows' 「ANSI」).
    #[error(
        "the file is encoded as Shift_JIS (CP932), not UTF-8: open it in Notepad and save it again with the encoding 「UTF-8」 (名前を付けて保存 → 文字コード: UTF-8)"
    )]
    ShiftJis,
    /// Neither UTF-8 nor a recognised encoding.
    #[error("the file is not UTF-8 text (the first invalid byte is at offset {offset}); save it as UTF-8")]
    NotText {
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
    },
}

/// Decodes a file's bytes as UTF-8 text, dropping a leading byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, EncodingProblem> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Err(EncodingProblem::Utf16 { big_endian: false });
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Err(EncodingProblem::Utf16 { big_endian: true });
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text),
        Err(e) => {
            let (_, _, had_errors) = encoding_rs::SHIFT_JIS.decode(body);
            Err(if had_errors {
                EncodingProblem::NotText { offset: e.valid_up_to() + (bytes.len() - body.len()) }
            } else {
                EncodingProblem::ShiftJis
            })
        }
    }
}

/// The largest case or rule file read, in bytes: far above the largest case the per-field
/// limits allow (10 000 items), and small enough that a stray huge file is refused before
/// it is read, not after it fills the memory.
pub const FILE_LIMIT: u64 = 32 * 1024 * 1024;

/// Why a text file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read at all.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// Not a regular file (a folder, a pipe, a device, a socket): never opened, since
    /// reading one can wait forever or never end.
    #[error("not a regular file (a pipe, a device or a folder): not read")]
    NotAFile,
    /// Larger than [`FILE_LIMIT`].
    #[error("the file is {len} bytes, more than the {limit} bytes a case or rule file may have: not read")]
    TooLarge {
        /// Its size.
        len: u64,
        /// The limit.
        limit: u64,
    },
    /// It is not UTF-8 text.
    #[error("{0}")]
    Encoding(#[from] EncodingProblem),
}

/// Reads a UTF-8 text file (with or without a byte-order mark); see [`read_bytes`].
pub fn read(path: &Path) -> Result<String, ReadError> {
    let bytes = read_bytes(path)?;
    Ok(decode(&bytes)?.to_string())
}

/// Reads a case or rule file's bytes: only a regular file (a link is followed to one), and
/// at most [`FILE_LIMIT`] bytes, checked before reading and while reading (a file that
/// grows meanwhile is cut off and refused).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > FILE_LIMIT {
        return Err(ReadError::TooLarge { len: meta.len(), limit: FILE_LIMIT });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)?.take(FILE_LIMIT + 1).read_to_end(&mut bytes)?;
    let len = bytes.len() as u64;
    if len > FILE_LIMIT {
        return Err(ReadError::TooLarge { len, limit: FILE_LIMIT });
    }
    Ok(bytes)
}

/// A path as shown in messages: quoted, so a trailing space or an odd character is visible.
#[must_use]
pub fn quoted(path: &Path) -> String {
    format!("\"{}\"", crate::text::shown_path(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_and_crlf() {
        assert_eq!(decode(b"\xEF\xBB\xBF{\"a\": 1}\r\n"), Ok("{\"a\": 1}\r\n"));
        assert_eq!(decode("案件".as_bytes()), Ok("案件"));
    }

    #[test]
    fn utf16_and_shift_jis_are_named() {
        assert_eq!(decode(b"\xFF\xFE{\0"), Err(EncodingProblem::Utf16 { big_endian: false }));
        assert_eq!(decode(b"\xFE\xFF\0{"), Err(EncodingProblem::Utf16 { big_endian: true }));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("{\"task_name\": \"給与計算\"}");
        assert_eq!(decode(&sjis), Err(EncodingProblem::ShiftJis));
        assert!(matches!(decode(b"ok\xFF\xFF\xFF"), Err(EncodingProblem::NotText { offset: 2 })));
    }
}
