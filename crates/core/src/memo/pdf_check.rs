//! Checks a memo PDF against itself before its attached case is trusted: itaku-navi writes
//! a memo in one piece with one attached case, and prints the case's hash on every page.
//! A PDF changed afterwards — an incremental update that swaps the attachment, a second
//! attachment, pages that show another hash — is reported, so `verify` cannot say "ok"
//! for a memo whose pages and attachment disagree.

use super::AttachmentError;
use crate::case::integrity::PREFIX;
use crate::dates::DateStyle;
use crate::rules::files::{OrganisationFile, PdfArchive};
use crate::text::Lang;

/// What a memo PDF was made from beyond its attached case, kept in the PDF's keywords:
/// enough to make the same memo again from the attached case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoStamp {
    /// The version of itaku-navi that made it.
    pub version: String,
    /// The fingerprint of what the build that made it makes memos from (`None`: stamped
    /// before builds were fingerprinted).
    pub layout: Option<String>,
    /// The memo's language.
    pub lang: Lang,
    /// Its date of issue (the header's 日付), YYYY-MM-DD.
    pub issued_on: String,
    /// How it writes dates (the organisation's choice when it was made).
    pub dates: DateStyle,
    /// Its archive format (the organisation's choice when it was made).
    pub archive: PdfArchive,
    /// The rule files it was made under: the first 12 hex digits of their fingerprint
    /// (`None`: stamped before memos carried it).
    pub rules: Option<String>,
}

/// The part of a rule set's fingerprint a memo's stamp keeps.
#[must_use]
pub fn rules_mark(rules: &crate::rules::RuleSet) -> String {
    rules.fingerprint.trim_start_matches(PREFIX).chars().take(12).collect()
}

/// The first word of a memo's keywords.
const STAMP_WORD: &str = "itaku-navi-memo";

impl MemoStamp {
    /// The stamp this build writes.
    #[must_use]
    pub fn current(lang: Lang, issued_on: &str, rules: &crate::rules::RuleSet) -> Self {
        let organisation: &OrganisationFile = &rules.organisation;
        Self {
            version: env!("CARGO_PKG_VERSION").to_string(),
            layout: Some(env!("ITAKU_MEMO_LAYOUT").to_string()),
            lang,
            issued_on: issued_on.to_string(),
            dates: organisation.date_style,
            archive: organisation.pdf_archive,
            rules: Some(rules_mark(rules)).filter(|m| !m.is_empty()),
        }
    }

    /// As the PDF's keywords carry it:
    /// `itaku-navi-memo version=0.1.0 layout=3f2a… lang=ja issued=2026-12-05`, followed by
    /// `dates=japanese_era` and `archive=pdf_a_3b` where the organisation chose them.
    #[must_use]
    pub fn keywords(&self) -> String {
        let lang = if self.lang == Lang::Ja { "ja" } else { "en" };
        let layout = self.layout.as_ref().map(|l| format!(" layout={l}")).unwrap_or_default();
        let dates = if self.dates.is_western() { String::new() } else { format!(" dates={}", self.dates.code()) };
        let archive = if self.archive.is_plain() { String::new() } else { format!(" archive={}", self.archive.code()) };
        let rules = self.rules.as_ref().map(|r| format!(" rules={r}")).unwrap_or_default();
        format!(
            "{STAMP_WORD} version={}{layout} lang={lang} issued={}{dates}{archive}{rules}",
            self.version, self.issued_on
        )
    }

    /// Reads [`MemoStamp::keywords`] back; `None` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut words = text.split_whitespace();
        if words.next()? != STAMP_WORD {
            return None;
        }
        let (mut version, mut layout, mut lang, mut issued_on) = (None, None, None, None);
        let (mut dates, mut archive, mut rules) = (DateStyle::Western, PdfArchive::Plain, None);
        for w in words {
            match w.split_once('=')? {
                ("version", v) => version = Some(v.to_string()),
                ("layout", l) => layout = Some(l.to_string()),
                ("lang", "ja") => lang = Some(Lang::Ja),
                ("lang", "en") => lang = Some(Lang::En),
                ("issued", d) => issued_on = Some(d.to_string()),
                ("dates", d) => dates = DateStyle::parse(d)?,
                ("archive", a) => archive = PdfArchive::parse(a)?,
                ("rules", r) => rules = Some(r.to_string()),
                _ => return None,
            }
        }
        Some(Self { version: version?, layout, lang: lang?, issued_on: issued_on?, dates, archive, rules })
    }

    /// Whether this build made it (and so can make it again to the letter): the same
    /// version and the same memo sources.
    #[must_use]
    pub fn is_this_version(&self) -> bool {
        self.version == env!("CARGO_PKG_VERSION") && self.layout.as_deref() == Some(env!("ITAKU_MEMO_LAYOUT"))
    }
}

/// How a memo's pages compare with the pages made again from its attached case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageComparison {
    /// Every page shows the same text.
    Same,
    /// The number of pages differs.
    PageCount {
        /// Pages the attached case gives.
        expected: usize,
        /// Pages the PDF has.
        found: usize,
    },
    /// A page shows other text.
    Differs {
        /// The page (from 1).
        page: usize,
        /// The first line that differs, as the attached case gives it.
        expected: String,
        /// That line as the page shows it.
        found: String,
    },
}

/// Compares the text of each page, line by line (spaces at either end of a line and empty
/// lines ignored; a page whose text cannot be read differs).
#[must_use]
pub fn compare_pages(expected: &[Option<String>], found: &[Option<String>]) -> PageComparison {
    if expected.len() != found.len() {
        return PageComparison::PageCount { expected: expected.len(), found: found.len() };
    }
    let lines = |t: &Option<String>| -> Vec<String> {
        t.as_deref().unwrap_or_default().lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
    };
    for (page, (e, f)) in (1..).zip(expected.iter().zip(found)) {
        if e.is_some() && f.is_none() {
            return PageComparison::Differs {
                page,
                expected: lines(e).first().cloned().unwrap_or_default(),
                found: "(page text unreadable)".into(),
            };
        }
        let (e, f) = (lines(e), lines(f));
        if e != f {
            let at = e.iter().zip(&f).position(|(a, b)| a != b).unwrap_or(e.len().min(f.len()));
            return PageComparison::Differs {
                page,
                expected: e.get(at).cloned().unwrap_or_else(|| "(no more lines)".into()),
                found: f.get(at).cloned().unwrap_or_else(|| "(no more lines)".into()),
            };
        }
    }
    PageComparison::Same
}

/// For a memo this build cannot make again to the letter (an earlier version, other rules):
/// the values that decide, as the attached case gives them, that no page shows. Each is
/// looked for in the text of all pages, spaces ignored.
#[must_use]
pub fn missing_values(memo: &super::Memo, pages: &[Option<String>]) -> Vec<String> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '\u{200B}').collect::<String>();
    let all = squeeze(&pages.iter().flatten().map(String::as_str).collect::<Vec<_>>().join(""));
    let mut wanted: Vec<String> = Vec::new();
    if let Some(super::Block::Fields(rows)) = memo.sections.first().and_then(|s| s.blocks.first()) {
        // The outcome, and the count of conditions, on page 1.
        wanted.extend(rows.iter().take(1).map(|(_, v)| v.clone()));
        wanted.extend(rows.iter().filter(|(k, _)| k == "付す条件" || k == "Conditions").map(|(_, v)| v.clone()));
    }
    for (label, on) in &memo.approval.choices {
        wanted.push(format!("{}{label}", if *on { "■" } else { "□" }));
    }
    wanted.extend(memo.approval.fields.iter().map(|(_, v)| v.clone()));
    wanted.into_iter().filter(|v| !v.trim().is_empty() && !all.contains(&squeeze(v))).collect()
}

/// What the PDF itself says, beside its attached case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFacts {
    /// The attached case file, as text.
    pub case_text: String,
    /// The `sha256:…` hashes printed as the case's hash on each page (after the footer's
    /// label, [`super::HASH_LABEL`]), page by page: one each as itaku-navi writes it; none on
    /// a page whose text cannot be read. Other hashes a page shows (a reseal's, the previous
    /// revision's) are not among them.
    pub page_hashes: Vec<Vec<String>>,
    /// How many times the file was saved: 1 as itaku-navi writes it; more means an
    /// incremental update was appended.
    pub revisions: usize,
    /// How many files are attached: 1 as itaku-navi writes it.
    pub attachments: usize,
    /// The text of each page (`None` where it cannot be read).
    pub page_texts: Vec<Option<String>>,
    /// What the memo was made from, from the PDF's keywords (`None`: made before memos
    /// carried it, or not a memo).
    pub stamp: Option<MemoStamp>,
    /// The file is, byte for byte, the memo this build makes from its attached case
    /// ([`pdf_facts_for`]): every other check holds by construction, and the page texts
    /// were not read.
    pub exact: bool,
}

impl PdfFacts {
    /// The first way the PDF disagrees with how itaku-navi writes it and with its attached
    /// case's stored hash, in words; `None` when it agrees.
    #[must_use]
    pub fn disagreement(&self, stored_hash: Option<&str>) -> Option<String> {
        if self.exact {
            return None;
        }
        if self.revisions > 1 {
            return Some(format!(
                "the PDF was changed after it was written ({} revisions; itaku-navi writes one)",
                self.revisions
            ));
        }
        if self.attachments != 1 {
            return Some(format!("the PDF carries {} attached files; itaku-navi attaches one", self.attachments));
        }
        let Some(stored) = stored_hash else {
            return Some("the attached case carries no hash".into());
        };
        if self.page_hashes.is_empty() {
            return Some("the PDF has no pages".into());
        }
        // Every page, not the document as a whole: a page put in from another memo, or one
        // that shows no hash, is caught even when the other pages agree.
        for (n, hashes) in (1..).zip(&self.page_hashes) {
            if hashes.is_empty() {
                return Some(format!("page {n} shows no integrity hash"));
            }
            if let Some(other) = hashes.iter().find(|h| *h != stored) {
                return Some(format!("the pages show {other} (page {n}) but the attached case carries {stored}"));
            }
        }
        None
    }
}

/// Reads the facts of a memo PDF: its attached case, the hashes printed on its pages, its
/// revisions and attachments.
pub fn pdf_facts(pdf: &[u8]) -> Result<PdfFacts, AttachmentError> {
    // Parsed once: the attachment, the count of attachments and the page texts all come
    // from the same document.
    let doc = super::attachment::load_pdf(pdf)?;
    let mut facts = facts_but_pages(&doc, pdf)?;
    read_pages(&doc, &mut facts);
    Ok(facts)
}

/// What the PDF says besides its pages' text (not read yet: `page_texts` empty).
fn facts_but_pages(doc: &lopdf::Document, pdf: &[u8]) -> Result<PdfFacts, AttachmentError> {
    Ok(PdfFacts {
        case_text: super::attachment::attached_case_in(doc)?,
        page_hashes: Vec::new(),
        revisions: pdf.windows(5).filter(|w| *w == b"%%EOF").count().max(1),
        attachments: super::attachment::embedded_files(doc).count(),
        page_texts: Vec::new(),
        stamp: keywords_of(doc).as_deref().and_then(MemoStamp::parse),
        exact: false,
    })
}

/// Reads every page's text and the hashes printed on it into `facts`.
fn read_pages(doc: &lopdf::Document, facts: &mut PdfFacts) {
    facts.page_texts = texts_of(doc);
    facts.page_hashes = facts.page_texts.iter().map(|t| hashes_in(t.as_deref().unwrap_or_default())).collect();
}

/// [`pdf_facts`], first trying the quick answer: a memo of this build, written once, whose
/// attached case makes it again byte for byte is exact, and its pages need no reading
/// (reading 185 pages' text took longer than making them). Anything else is read in full.
pub fn pdf_facts_for(rules: &crate::rules::RuleSet, pdf: &[u8]) -> Result<PdfFacts, AttachmentError> {
    let doc = super::attachment::load_pdf(pdf)?;
    let mut facts = facts_but_pages(&doc, pdf)?;

    let this_build = facts.stamp.as_ref().is_some_and(MemoStamp::is_this_version);
    if facts.revisions == 1
        && facts.attachments == 1
        && this_build
        && let Ok(case) = crate::case::parse_case("attached case", &facts.case_text)
        && matches!(crate::case::integrity::verify(&case), crate::case::integrity::Verdict::Intact { .. })
        && let Ok(again) = remake(rules, &case, &facts)
        && again == pdf
    {
        facts.exact = true;
        return Ok(facts);
    }
    read_pages(&doc, &mut facts);
    Ok(facts)
}

/// The document's keywords (the Info dictionary's `/Keywords`), if readable.
fn keywords_of(doc: &lopdf::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        lopdf::Object::Dictionary(d) => d,
        _ => return None,
    };
    let lopdf::Object::String(bytes, _) = info.get(b"Keywords").ok()? else { return None };
    // A PDF text string: UTF-16BE with its byte-order mark, or (for ASCII) plain bytes.
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16(&units).ok();
    }
    String::from_utf8(bytes.clone()).ok()
}

/// The text of each page of a PDF, as a reader's copy-and-paste or search would see it
/// (glyph runs may be separated by spaces or line breaks); `None` for a page whose text
/// cannot be read.
pub fn page_texts(pdf: &[u8]) -> Result<Vec<Option<String>>, AttachmentError> {
    Ok(texts_of(&super::attachment::load_pdf(pdf)?))
}

/// How many decompressed bytes one page's content may take before its text is not read:
/// a memo page takes tens of kilobytes; a small stream that inflates past this is a bomb.
const PAGE_CONTENT_LIMIT: usize = 16 * 1024 * 1024;

/// The text of each page of a loaded PDF, in page order. A run of text in a font whose
/// encoding cannot be read is left out and the rest of the page kept, so one odd font does
/// not hide the footer's hash.
fn texts_of(doc: &lopdf::Document) -> Vec<Option<String>> {
    doc.get_pages()
        .keys()
        .map(|&page| {
            // lopdf may panic on a damaged page; a hostile file must not stop `verify`.
            let chunks = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                doc.extract_text_chunks_with_limit(&[page], PAGE_CONTENT_LIMIT)
            }))
            .ok()?;
            let read: Vec<String> = chunks.into_iter().filter_map(Result::ok).collect();
            (!read.is_empty()).then(|| read.concat())
        })
        .collect()
}

/// The hashes a page's text shows as the case's hash (`完全性ハッシュ: sha256:…` or
/// `Integrity hash: sha256:…`), whitespace ignored (the extractor may break a line of
/// glyphs anywhere).
fn hashes_in(text: &str) -> Vec<String> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(text);
    let mut found = Vec::new();
    for label in [super::HASH_LABEL.0, super::HASH_LABEL.1] {
        let marker = squeeze(&format!("{label}: {PREFIX}"));
        let mut rest = text.as_str();
        while let Some(at) = rest.find(&marker) {
            rest = &rest[at + marker.len()..];
            let hex: String = rest.chars().take_while(char::is_ascii_hexdigit).take(64).collect();
            if hex.len() == 64 {
                found.push(format!("{PREFIX}{hex}"));
            }
        }
    }
    found
}

/// How a memo PDF's pages stand against the memo its attached case makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagesCheck {
    /// The file is, byte for byte, the memo this version makes from its attached case:
    /// every page, font and drawing is what the case gives.
    Identical,
    /// Only partly checked (another version made it, it carries no stamp, or the case was
    /// decided under other rules): every page shows the hash and the values that decide.
    Partial(String),
    /// The pages do not show what the attached case gives.
    Altered(String),
    /// The memo could not be made again (an error of this program, not of the file).
    CannotRemake(String),
}

/// Compares a memo PDF (`pdf`, read into `facts`) with the memo `rules` make from its
/// attached `case` on the date and in the language its stamp records. The one check that
/// `verify` and the fuzz run use: [`remake`], then [`compare_with`].
#[must_use]
pub fn check_pages(
    rules: &crate::rules::RuleSet,
    case: &crate::case::Case,
    pdf: &[u8],
    facts: &PdfFacts,
) -> PagesCheck {
    if facts.exact {
        return PagesCheck::Identical;
    }
    match remake(rules, case, facts) {
        Ok(again) => compare_with(&again, pdf, facts),
        Err(verdict) => verdict,
    }
}

/// The memo PDF this version makes from `case` as `facts`' stamp records it; `Err` with the
/// verdict where it cannot be made to the letter (a partial check, or one that already
/// shows a page without a value the case records).
pub fn remake(
    rules: &crate::rules::RuleSet,
    case: &crate::case::Case,
    facts: &PdfFacts,
) -> Result<Vec<u8>, PagesCheck> {
    let (id, version) = rules.stamp();
    let same_rules = case.rule_set.ruleset_id == id && case.rule_set.version == version;
    let partial_why = match &facts.stamp {
        None => {
            Some("the memo carries no stamp of the version that made it (made before memos were stamped)".to_string())
        }
        Some(s) if !s.is_this_version() => Some(format!(
            "the memo was made by itaku-navi {} (memo build {}); this is {} (memo build {})",
            s.version,
            s.layout.as_deref().unwrap_or("not recorded"),
            env!("CARGO_PKG_VERSION"),
            env!("ITAKU_MEMO_LAYOUT")
        )),
        // Made under other rule files of the same id and version (the organisation's folder,
        // an edited 付録1, profile or approver list): the memo cannot be made again to the
        // byte here, which says nothing against it.
        Some(s) if s.rules.as_deref().is_some_and(|r| r != rules_mark(rules)) => Some(format!(
            "the memo was made under other rule files (rules {}) than the ones loaded (rules {}); give the organisation's rules folder with --rules",
            s.rules.as_deref().unwrap_or_default(),
            rules_mark(rules)
        )),
        Some(_) if !same_rules => Some(format!(
            "the case was decided under rules {} {}, and the rules loaded are {id} {version} (give them with --rules)",
            case.rule_set.ruleset_id, case.rule_set.version
        )),
        Some(_) => None,
    };
    let (lang, issued) = facts.stamp.as_ref().map_or_else(
        || {
            let ja = facts.page_texts.iter().flatten().any(|t| t.contains(super::HASH_LABEL.0));
            (if ja { Lang::Ja } else { Lang::En }, chrono::Local::now().format("%Y-%m-%d").to_string())
        },
        |s| (s.lang, s.issued_on.clone()),
    );
    // The organisation's choices when the memo was made, not today's profile: a memo
    // written in 和暦 or as PDF/A is made again as it was.
    let chosen = facts.stamp.as_ref().map(|s| (s.dates, s.archive));
    let restyled;
    let rules = match chosen {
        Some((dates, archive))
            if (dates, archive) != (rules.organisation.date_style, rules.organisation.pdf_archive) =>
        {
            let mut r = rules.clone();
            r.organisation.date_style = dates;
            r.organisation.pdf_archive = archive;
            restyled = r;
            &restyled
        }
        _ => rules,
    };
    let memo = super::build(rules, case, lang, &issued);
    if let Some(why) = partial_why {
        let missing = missing_values(&memo, &facts.page_texts);
        if missing.is_empty() {
            return Err(PagesCheck::Partial(why));
        }
        let list = missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ");
        return Err(PagesCheck::Altered(format!("the pages do not show what the attached case records: {list}")));
    }
    super::render_memo(&memo, case, super::Format::Pdf).map_err(|e| PagesCheck::CannotRemake(e.to_string()))
}

/// A memo PDF against the one made again from its attached case ([`remake`]): identical,
/// or altered with the first page that reads otherwise.
#[must_use]
pub fn compare_with(again: &[u8], pdf: &[u8], facts: &PdfFacts) -> PagesCheck {
    if again == pdf {
        return PagesCheck::Identical;
    }
    let texts = match page_texts(again) {
        Ok(t) => t,
        Err(e) => return PagesCheck::CannotRemake(e.to_string()),
    };
    PagesCheck::Altered(match compare_pages(&texts, &facts.page_texts) {
        PageComparison::PageCount { expected, found } => {
            format!("the memo has {found} page(s); its attached case gives {expected}")
        }
        PageComparison::Differs { page, expected, found } => format!(
            "page {page} does not show what the attached case gives; first differing line: shows \"{found}\", the case gives \"{expected}\""
        ),
        // Same words, other bytes: a font's glyphs, a drawing or the file's structure changed
        // (what is seen can differ although the text reads the same).
        PageComparison::Same => "the file is not the memo its attached case makes: every page's text is the same, but its fonts, drawings or structure were changed".to_string(),
    })
}
