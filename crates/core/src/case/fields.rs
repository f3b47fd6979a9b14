//! The names of the case's basic fields, in one place: the form's labels, the memo's and
//! the drafts' headers, the register's columns, the list of what is missing and the memo's
//! list of changes all read them here, so a field is called the same everywhere.

use crate::text::{Lang, Text, l};

/// A basic field of the case (`Case::basics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 文書番号.
    DocumentNumber,
    /// 業務の名称.
    TaskName,
    /// 業務の概要.
    Summary,
    /// 担当課室.
    Section,
    /// 作成者.
    Author,
    /// 外部委託の形態.
    Form,
    /// 外部委託の形態（細分）.
    Subform,
    /// 契約期間.
    Period,
    /// 予算.
    Budget,
    /// 再委託の見込み.
    SubcontractingExpected,
}

impl Field {
    /// Every basic field, in the form's order.
    pub const ALL: [Field; 10] = [
        Field::TaskName,
        Field::Summary,
        Field::Section,
        Field::Author,
        Field::DocumentNumber,
        Field::Form,
        Field::Subform,
        Field::Period,
        Field::Budget,
        Field::SubcontractingExpected,
    ];

    /// The field's path in the case file (`basics.section`); also the form field's id.
    #[must_use]
    pub const fn path(self) -> &'static str {
        match self {
            Field::DocumentNumber => "basics.document_number",
            Field::TaskName => "basics.task_name",
            Field::Summary => "basics.summary",
            Field::Section => "basics.section",
            Field::Author => "basics.author",
            Field::Form => "basics.form",
            Field::Subform => "basics.subform",
            Field::Period => "basics.period",
            Field::Budget => "basics.budget",
            Field::SubcontractingExpected => "basics.subcontracting_expected",
        }
    }

    /// The field's name, Japanese and English.
    #[must_use]
    pub const fn names(self) -> (&'static str, &'static str) {
        match self {
            Field::DocumentNumber => ("文書番号", "Document number"),
            Field::TaskName => ("業務の名称", "Name of the task"),
            Field::Summary => ("業務の概要", "Summary of the task"),
            Field::Section => ("担当課室", "Section"),
            Field::Author => ("作成者", "Prepared by"),
            Field::Form => ("外部委託の形態", "Form of outsourcing"),
            Field::Subform => ("外部委託の形態（細分）", "Sub-form"),
            Field::Period => ("契約期間", "Contract period"),
            Field::Budget => ("予算", "Budget"),
            Field::SubcontractingExpected => ("再委託の見込み", "Subcontracting expected"),
        }
    }

    /// The field's name in `lang`.
    #[must_use]
    pub fn name(self, lang: Lang) -> String {
        let (ja, en) = self.names();
        l(lang, ja, en)
    }

    /// The field's name in both languages.
    #[must_use]
    pub fn text(self) -> Text {
        let (ja, en) = self.names();
        Text::new(ja, en)
    }

    /// The field at a case-file path, if it is a basic field.
    #[must_use]
    pub fn at(path: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.path() == path)
    }
}
