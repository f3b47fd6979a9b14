//! The rule files as they are written on disk: one serde type per file, with
//! `deny_unknown_fields` everywhere so a misspelt key is an error, and a JSON Schema each.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// `ruleset.json`: the identity of a rule set.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSetFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable id of the rule set; recorded in every case decided under it.
    pub ruleset_id: String,
    /// Version of the rule set; recorded in every case decided under it.
    pub version: String,
    /// Title of the rule set.
    pub title: Text,
    /// True for the shipped sample, which an organisation replaces with its own.
    pub is_sample: bool,
    /// Shown when `is_sample` is true.
    pub sample_notice: Text,
    /// The source documents that citations may name (by `source_id`, e.g. `004 第9条`).
    pub sources: Vec<SourceDef>,
}

/// One source document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    /// Short id used as the prefix of a citation, e.g. `003`.
    pub source_id: String,
    /// File name of the source text.
    pub file: String,
    /// Title of the source.
    pub title: Text,
    /// True for the rule book itself, whose clauses are cited without a prefix.
    pub is_rule_book: bool,
    /// Every place where the rule files do not quote this source letter for letter, with
    /// its reason: the quotation test applies these to the source text, then finds each
    /// quotation in it (issue 22). An edit not listed here fails that test.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotation_edits: Vec<QuotationEdit>,
    /// Marks the rule files put around an instruction to the reader (e.g. 〔…〕 for what
    /// each organisation writes in): a paragraph wholly inside one pair is checked without
    /// them, and without one of `note_prefixes` (e.g. 「記載例：」) at its start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note_brackets: Vec<[String; 2]>,
    /// Labels the rule files put before a quoted instruction (see `note_brackets`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note_prefixes: Vec<String>,
}

/// One declared difference between a source's text and the rule files' quotation of it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuotationEdit {
    /// The source's text (compared without spaces or line breaks).
    pub from: String,
    /// What the rule files print instead.
    pub to: String,
    /// Where the edit applies: citations (`第3部 1.1(10)`) or whole parts and sections
    /// (`第3部`, `第2部 1.1`); empty: everywhere. Consecutive edits of the same text are
    /// alternative readings (the source's 「[納品までに / 年 月 日までに]」), one per variant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_in: Vec<String>,
    /// Why: a substitution the documents declare, or the misprint corrected.
    pub reason: Text,
}

/// `flow.json`: the steps of the decision and the graph of nodes that walks them.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// `node_id` of the first node.
    pub start: String,
    /// The steps, in the order they are shown.
    pub steps: Vec<StepDef>,
    /// The decision graph.
    pub nodes: Vec<NodeDef>,
    /// Guiding questions for judging whether an item is important (5.1(1)).
    pub importance_questions: Vec<GuidingQuestionDef>,
    /// The short name of each of the five outcomes, shown on badges, in the memo and in
    /// quizzes: the one spelling of each outcome everywhere.
    pub outcomes: Vec<OutcomeNameDef>,
    /// How each way an item reaches the contractor is named, with the clause behind it.
    pub access_paths: Vec<AccessPathDef>,
}

/// The short name of one outcome kind.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeNameDef {
    /// The outcome kind named.
    pub outcome: OutcomeKind,
    /// Its short name (委託可, 委託不可…).
    pub name: Text,
    /// Clauses behind the outcome.
    pub citations: Vec<String>,
}

/// The name of one way an item reaches the contractor.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessPathDef {
    /// The path named.
    pub via: AccessVia,
    /// Its short label (業務そのもの, 導入作業, 運用・保守).
    pub label: Text,
    /// Clauses behind it.
    pub citations: Vec<String>,
}

/// One step of the flow (a screen in the app).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    /// Stable id of the step.
    pub step_id: String,
    /// Title of the step.
    pub title: Text,
    /// Guidance shown beside the step.
    pub guidance: Text,
    /// Clauses behind the step.
    pub citations: Vec<String>,
}

/// A guiding question for the importance judgment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuidingQuestionDef {
    /// Stable id.
    pub question_id: String,
    /// The question.
    pub text: Text,
    /// Clauses behind it.
    pub citations: Vec<String>,
}

/// Work the user completes on a structured screen; the engine knows when each is complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// Case basics: name, section, author, form of outsourcing.
    Basics,
    /// The 付録1 look-up.
    Appendix1,
    /// The information inventory with an importance judgment and reason per item.
    Inventory,
    /// A narrowing record (or a reason none is possible) for each important item.
    Narrowing,
    /// Every 表4 / 5.2(5) caution evaluated, plus data location, governing law and court.
    TermsCheck,
    /// At least one assessed risk row.
    RiskAnalysis,
}

/// Facts the engine derives from the case, on which a `switch` node branches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The form of outsourcing (`form_id` of forms.json).
    Form,
    /// `important`, `not_important` or `unlisted`, from the 付録1 look-up (or a recorded judgment).
    Appendix1Status,
    /// `yes` when a service on fixed terms is used.
    TermsServiceUsed,
    /// `yes` when the check of the terms ended with 「このサービスは利用しない」 on a caution.
    TermsServiceDeclined,
    /// `yes` when any inventory item is judged important.
    AnyImportant,
    /// `yes` when an important item remains after narrowing.
    ImportantRemaining,
    /// `yes` when narrowing removed at least one important item.
    NarrowingApplied,
    /// `yes` when subcontracting is expected.
    SubcontractingExpected,
}

impl Fact {
    /// The values of a fact that do not depend on the rule data (all but `Form`).
    #[must_use]
    pub fn fixed_values(self) -> Vec<String> {
        let list: &[&str] = match self {
            Self::Form => &[],
            Self::Appendix1Status => &["important", "not_important", "unlisted"],
            Self::TermsServiceUsed
            | Self::TermsServiceDeclined
            | Self::AnyImportant
            | Self::ImportantRemaining
            | Self::NarrowingApplied
            | Self::SubcontractingExpected => &["yes", "no"],
        };
        list.iter().map(|v| (*v).to_string()).collect()
    }
}

/// How an item reaches the contractor; used to check the access-path questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessVia {
    /// Provided or accessible as part of the task itself.
    Direct,
    /// Reachable through installation work (5.2(3)).
    Installation,
    /// Reachable through operations, maintenance or inspection rights (5.2(4)).
    Operations,
}

impl AccessVia {
    /// All three, in the order the inventory shows them.
    pub const ALL: [Self; 3] = [Self::Direct, Self::Installation, Self::Operations];

    /// The snake-case id used in files.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Installation => "installation",
            Self::Operations => "operations",
        }
    }
}

/// The five outcomes of DOMAIN.md step 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// 委託可 (5.1(2)).
    Permitted,
    /// 委託可（範囲の絞り込みによる） (5.1(2), 5.2(2)).
    PermittedNarrowed,
    /// 判断依頼 (5.1(3), 5.1(4)).
    JudgmentRequest,
    /// 例外許可申請 (5.1(5)).
    ExceptionRequest,
    /// 委託不可 (5.1(1)).
    Prohibited,
}

impl OutcomeKind {
    /// All five, in the order of DOMAIN.md.
    pub const ALL: [Self; 5] =
        [Self::Permitted, Self::PermittedNarrowed, Self::JudgmentRequest, Self::ExceptionRequest, Self::Prohibited];

    /// The snake-case id used in files and on the command line.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Permitted => "permitted",
            Self::PermittedNarrowed => "permitted_narrowed",
            Self::JudgmentRequest => "judgment_request",
            Self::ExceptionRequest => "exception_request",
            Self::Prohibited => "prohibited",
        }
    }
}

/// One node of the decision graph.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum NodeDef {
    /// A structured task that must be complete before the walk goes on.
    Task {
        /// Stable id.
        node_id: String,
        /// The step this node belongs to.
        step: String,
        /// Which task.
        task: TaskKind,
        /// What the user does here.
        text: Text,
        /// Clauses behind it.
        citations: Vec<String>,
        /// Next node.
        next: String,
    },
    /// A question the user answers, with a reason.
    Question {
        /// Stable id; answers are stored under it.
        node_id: String,
        /// The step this node belongs to.
        step: String,
        /// The question.
        text: Text,
        /// Help shown with the question.
        help: Text,
        /// Clauses behind it.
        citations: Vec<String>,
        /// Whether the answer needs a written reason (a judgment the rule book calls for).
        rationale_required: bool,
        /// The possible answers.
        choices: Vec<ChoiceDef>,
    },
    /// A branch on a fact derived from the case.
    Switch {
        /// Stable id.
        node_id: String,
        /// The step this node belongs to.
        step: String,
        /// The fact branched on.
        fact: Fact,
        /// What the fact is, for the basis of the outcome.
        text: Text,
        /// Clauses behind it.
        citations: Vec<String>,
        /// One branch per value.
        cases: Vec<CaseDef>,
        /// Where values without a case go; without it every value must have a case.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<String>,
    },
    /// An outcome: the end of every path.
    Outcome {
        /// Stable id.
        node_id: String,
        /// The step this node belongs to.
        step: String,
        /// Which of the five outcomes.
        outcome: OutcomeKind,
        /// Title (e.g. 委託可).
        title: Text,
        /// What it means and what comes next.
        explanation: Text,
        /// What the memo asks the approver, when not the outcome's usual request
        /// (`memo.ask.<outcome>` of wording.json): a service declined is 委託不可 for another
        /// reason than 5.1(1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ask: Option<Text>,
        /// Clauses behind it.
        citations: Vec<String>,
    },
}

/// One answer of a question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDef {
    /// Value stored in the case.
    pub value: String,
    /// Label shown.
    pub label: Text,
    /// Clauses behind this answer.
    pub citations: Vec<String>,
    /// Next node.
    pub next: String,
    /// When set, this answer means the inventory should hold an item reached this way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expects_inventory_via: Option<AccessVia>,
}

/// One branch of a switch.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseDef {
    /// Value of the fact.
    pub value: String,
    /// Next node.
    pub next: String,
    /// Clauses that apply when the fact has this value (added to the node's own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<String>,
}

/// `forms.json`: the forms of outsourcing (3.1, 3.2).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormsFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The forms.
    pub forms: Vec<FormDef>,
}

/// A form of outsourcing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// Stable id.
    pub form_id: String,
    /// Name.
    pub label: Text,
    /// Clauses behind it.
    pub citations: Vec<String>,
    /// What it covers.
    pub description: Text,
    /// Sub-forms; when non-empty one must be chosen.
    pub subforms: Vec<SubformDef>,
    /// True for 3.2: choosing this form means a service on fixed terms is used.
    #[serde(default)]
    pub implies_terms_service: bool,
}

/// A sub-form (e.g. リモート運用サービス).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubformDef {
    /// Stable id, unique within its form.
    pub subform_id: String,
    /// Name.
    pub label: Text,
    /// Clauses behind it.
    pub citations: Vec<String>,
    /// What it covers.
    pub description: Text,
}

/// `appendix1.json`: the organisation's 付録1 list.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix1File {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// True while this is the shipped sample.
    pub is_sample: bool,
    /// What this list is.
    pub notice: Text,
    /// The listed tasks.
    pub entries: Vec<Appendix1Entry>,
    /// Judgments of unlisted tasks recorded under 5.1(4), awaiting the 統括's update.
    pub judgements: Vec<Appendix1Judgement>,
}

/// Where a 付録1 entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryOrigin {
    /// The template's own placeholder entry.
    Template,
    /// A realistic example added to the sample.
    Example,
    /// The organisation's own entry.
    Organisation,
}

/// A listed task.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix1Entry {
    /// Stable id.
    pub entry_id: String,
    /// The task.
    pub task: Text,
    /// True when listed as handling important information (付録1 1), false for 付録1 2.
    pub handles_important: bool,
    /// Where it is listed.
    pub citations: Vec<String>,
    /// Why it is classified so.
    pub reason: Text,
    /// Where the entry comes from.
    pub origin: EntryOrigin,
    /// Work the entry excludes (「…を除く」): each is asked as soon as the entry is chosen,
    /// and a "yes" leads into the hidden access path it names (5.2(3)/(4)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<ExclusionDef>,
}

/// Work a 付録1 entry excludes, asked of the user as a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExclusionDef {
    /// Stable id within the entry.
    pub exclusion_id: String,
    /// The question: does this task include the excluded work?
    pub question: Text,
    /// The access path the excluded work opens when the task includes it.
    pub via: AccessVia,
    /// Where the exclusion and its consequence come from.
    pub citations: Vec<String>,
}

/// A judgment of an unlisted task by the 情報セキュリティ責任者 (5.1(3)), reported for 付録1 (5.1(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix1Judgement {
    /// Stable id.
    pub judgement_id: String,
    /// The task judged.
    pub task: Text,
    /// The judgment.
    pub handles_important: bool,
    /// Date of the judgment (YYYY-MM-DD).
    pub decided_on: String,
    /// Who judged.
    pub decided_by: String,
    /// Reason given.
    pub reason: Text,
    /// The condition the judgment holds under (empty: none); a case that takes this
    /// judgment carries it as a condition.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub condition: String,
    /// Clauses behind it.
    pub citations: Vec<String>,
}

/// `cautions.json`: the 18 cautions of 表4 and the risks named in 5.2(5).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CautionsFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The cautions.
    pub cautions: Vec<CautionDef>,
}

/// Which list a caution belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CautionGroup {
    /// 表4 (7.6).
    Table4,
    /// The risks of 5.2(5).
    #[serde(rename = "clause_5_2_5")]
    Clause525,
}

/// A caution to check the terms against.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CautionDef {
    /// Stable id.
    pub caution_id: String,
    /// Which list.
    pub group: CautionGroup,
    /// Number within its list (表4 No.).
    pub number: u32,
    /// Clauses behind it.
    pub citations: Vec<String>,
    /// The caution.
    pub text: Text,
}

/// `clauses.json`: the rule-book text behind the citations, shown beside each step.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClausesFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Where the texts come from.
    pub notice: Text,
    /// The clauses.
    pub clauses: Vec<ClauseDef>,
}

/// One clause of the rule book (or of a source), quoted in its original language.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClauseDef {
    /// The citation it answers, exactly as written in the rule files (`5.2(3)`, `表4`).
    pub clause_id: String,
    /// `source_id` of ruleset.json.
    pub source_id: String,
    /// Heading.
    pub heading: Text,
    /// The text, quoted verbatim.
    pub text: String,
}

/// `glossary.json`: the terms a new officer meets, explained plainly, with the words later
/// standards use for a similar idea.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// How to read the later terms.
    pub notice: Text,
    /// The terms.
    pub terms: Vec<TermDef>,
}

/// One glossary entry.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    /// Stable id.
    pub term_id: String,
    /// The term.
    pub term: Text,
    /// A plain explanation.
    pub explanation: Text,
    /// Clauses that define or use it.
    pub citations: Vec<String>,
    /// Words of later standards for a similar idea (clearly not the template's own).
    #[serde(default)]
    pub later_terms: Vec<LaterTermDef>,
}

/// A later word for a similar idea.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LaterTermDef {
    /// The later term.
    pub term: Text,
    /// How it relates.
    pub note: Text,
}

/// `threats.json`: the threat catalogue and the risk matrix.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreatsFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Levels and thresholds.
    pub risk_matrix: RiskMatrixDef,
    /// The threats.
    pub threats: Vec<ThreatDef>,
}

/// The likelihood × impact matrix.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskMatrixDef {
    /// Likelihood levels, 1 upwards.
    pub likelihood_levels: Vec<LevelDef>,
    /// Impact levels, 1 upwards.
    pub impact_levels: Vec<LevelDef>,
    /// Lowest score (likelihood × impact) that counts as medium.
    pub medium_from: u8,
    /// Lowest score that counts as high.
    pub high_from: u8,
    /// Clauses behind it.
    pub citations: Vec<String>,
}

/// One level of a scale.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// The level, 1 upwards.
    pub level: u8,
    /// Its name.
    pub label: Text,
}

/// An assumed threat.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreatDef {
    /// Stable id.
    pub threat_id: String,
    /// Name.
    pub name: Text,
    /// Description.
    pub description: Text,
    /// Clauses or source articles behind it.
    pub citations: Vec<String>,
    /// Countermeasures usually chosen against it (`countermeasure_id`s).
    pub suggested_countermeasures: Vec<String>,
}

/// `countermeasures.json`: the countermeasure catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountermeasuresFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The countermeasures.
    pub countermeasures: Vec<CountermeasureDef>,
}

/// A countermeasure to impose on the contractor.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountermeasureDef {
    /// Stable id.
    pub countermeasure_id: String,
    /// What is required.
    pub label: Text,
    /// Source articles.
    pub citations: Vec<String>,
    /// A model wording of the measure quoted from one of those articles (Japanese, as in
    /// the source): the spec and contract drafts print it with the requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_wording: Option<ModelWording>,
}

/// A clause quoted from a source, as a model for contract wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelWording {
    /// Where it is quoted from (one of the measure's citations, e.g. `002 第1`).
    pub source: String,
    /// The quoted text.
    pub text: String,
}

/// `narrowing.json`: the catalogue of narrowing measures (5.2(2)).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NarrowingFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The measures.
    pub measures: Vec<NarrowingDef>,
}

/// A way to keep important information away from the contractor.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NarrowingDef {
    /// Stable id.
    pub narrowing_id: String,
    /// Name.
    pub label: Text,
    /// What it means.
    pub description: Text,
    /// Clauses behind it.
    pub citations: Vec<String>,
}

/// `measures.json`: 表1 and 表3, the measures to require per form of outsourcing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasuresFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What is known and unknown about the marks.
    pub notice: Text,
    /// The columns: a form, optionally a sub-form.
    pub columns: Vec<MeasureColumnDef>,
    /// 表1 and 表3.
    pub tables: Vec<MeasureTableDef>,
}

/// A column of 表1/表3.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureColumnDef {
    /// Stable id.
    pub column_id: String,
    /// The form (`form_id`).
    pub form_id: String,
    /// The sub-form, when the column is one.
    pub subform_id: Option<String>,
    /// Heading.
    pub label: Text,
}

/// 表1 or 表3.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureTableDef {
    /// Stable id.
    pub table_id: String,
    /// Title.
    pub title: Text,
    /// Clauses behind it.
    pub citations: Vec<String>,
    /// The rows.
    pub rows: Vec<MeasureRowDef>,
}

/// A mark in 表1/表3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// 必要.
    Required,
    /// 選択.
    Optional,
    /// × 非該当又は不必要.
    NotApplicable,
    /// 一般にサービスに含まれている.
    IncludedInService,
    /// Lost in extraction: required or optional, not known.
    Unknown,
}

/// A row of 表1/表3.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureRowDef {
    /// Stable id.
    pub row_id: String,
    /// Number as printed, e.g. `(3)`.
    pub number: String,
    /// The measure.
    pub label: Text,
    /// Clauses behind it.
    pub citations: Vec<String>,
    /// One mark per `column_id`.
    pub marks: BTreeMap<String, Mark>,
    /// Notes printed in a cell (e.g. 物理的対策).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cell_notes: BTreeMap<String, Text>,
}

/// `warnings.json`: the texts of the engine's warnings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarningsFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The warnings.
    pub warnings: Vec<WarningDef>,
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something the approver must see.
    Warning,
    /// A reminder.
    Notice,
}

/// The text of one warning; `{items}` is replaced by the subjects.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarningDef {
    /// Stable id, known to the engine.
    pub warning_id: String,
    /// How serious.
    pub severity: Severity,
    /// Clauses behind it.
    pub citations: Vec<String>,
    /// The message.
    pub text: Text,
}

/// `wording.json`: the fixed wording of generated documents and quizzes that names the rule
/// book (memo headings, standing conditions, requests), so an organisation can reword it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WordingFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The texts, one per id the program uses.
    pub wording: Vec<WordingDef>,
}

/// One piece of fixed wording; `{name}` placeholders are filled in by the program.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WordingDef {
    /// Stable id (see `rules::wording_ids::all`).
    pub wording_id: String,
    /// The text.
    pub text: Text,
    /// Clauses the text names or rests on.
    pub citations: Vec<String>,
}

/// `organisation.json`: the organisation's own words — its name, the word for itself that
/// fills the template's 〔 省 〕, the titles of the roles, the look of its document numbers
/// and the stamp boxes (決裁欄) at the top of the memo. The shipped one is a sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// True for the shipped sample: the app says so until the organisation edits it.
    pub is_sample: bool,
    /// What this file is.
    pub notice: Text,
    /// The organisation's name.
    pub name: Text,
    /// The word the organisation uses for itself (当市, 当県, 当省…): it replaces the
    /// template's 〔 省 〕 and 「当省」 ("the ministry" in English) in the rule texts.
    pub self_word: Text,
    /// The titles of the roles.
    pub roles: RoleTitles,
    /// How a document number looks (「総情第＊＊号」), shown as a hint where it is entered.
    pub document_number_pattern: Text,
    /// 決裁欄: the stamp boxes printed at the top of the memo, left to right (at most 8).
    pub stamp_boxes: Vec<Text>,
    /// Whether an approval entry must carry the number the organisation's approval system
    /// (電子決裁) or document register gave the decision (absent: not required).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approval_reference_required: bool,
    /// How the memo and the drafts write dates: `western` (2026-12-06, the default) or
    /// `japanese_era` (令和8年（2026年）12月6日).
    #[serde(default, skip_serializing_if = "crate::dates::DateStyle::is_western")]
    pub date_style: crate::dates::DateStyle,
    /// The PDF memo's archive format: `plain` (the default) or `pdf_a_3b` (PDF/A-3b, for
    /// archiving; the sealed case stays attached, which PDF/A-2 would not allow).
    #[serde(default, skip_serializing_if = "PdfArchive::is_plain")]
    pub pdf_archive: PdfArchive,
    /// The organisation's own policy, cited by the memo and the drafts (absent: not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<OwnPolicy>,
    /// Whether an approval must carry a listed approver's signature: an unsigned one then
    /// reads 「署名なし（要確認）」 everywhere (absent: not required).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed_approvals_required: bool,
}

/// The organisation's own information-security policy (its 対策基準), which the references
/// of `references.json` point into; the memo and the drafts cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnPolicy {
    /// Its title (「○○市情報セキュリティ対策基準」).
    pub title: Text,
    /// The date of the version in force, `YYYY-MM-DD`.
    pub dated: String,
    /// Where it is published (例規集, the intranet page, the 訓令 number).
    pub published: Text,
}

/// `references.json`: beside each clause of the template the organisation's own article
/// (「○○市情報セキュリティ対策基準 第9条第2項」) and, where the organisation has looked it
/// up, the current national clause. Nothing is set in the shipped file: the program ships
/// no clause number that is not in the sources it quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferencesFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What this file is.
    pub notice: Text,
    /// One entry per template clause that has a reference of the organisation's.
    pub references: Vec<ClauseReference>,
}

/// The organisation's references for one clause of the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClauseReference {
    /// The template's clause, as `clauses.json` names it (`5.1(1)`).
    pub clause_id: String,
    /// The organisation's own article for it.
    pub own: Text,
    /// The current national clause the organisation has looked up (absent: not looked up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national: Option<Text>,
}

/// `approvers.json`: the organisation's list of approvers who sign in this program — name,
/// role, public key and the period the key counts for — as OpenSSH's `allowed_signers`
/// lists who may sign. Empty as shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproversFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What this file is.
    pub notice: Text,
    /// The approvers.
    pub approvers: Vec<ApproverDef>,
}

/// One approver and the key they sign with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproverDef {
    /// The name, as signatures carry it.
    pub name: String,
    /// The role (情報セキュリティ責任者 …).
    pub role: Text,
    /// The public key, OpenSSH one-line form (`ssh-ed25519 AAAA… comment`).
    pub public_key: String,
    /// The first day the key counts for (YYYY-MM-DD).
    pub valid_from: String,
    /// The last day it counts for (YYYY-MM-DD; absent: until removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

/// The PDF memo's archive format (the organisation's profile chooses it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PdfArchive {
    /// A plain PDF 1.7.
    #[default]
    Plain,
    /// PDF/A-3b (ISO 19005-3, level b): an archival PDF that may carry the case file.
    #[serde(rename = "pdf_a_3b")]
    PdfA3b,
}

impl PdfArchive {
    /// Whether this is the default (the profile then leaves the key out).
    #[must_use]
    pub fn is_plain(&self) -> bool {
        *self == Self::Plain
    }

    /// The format's name as the profile and a memo's stamp write it.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Plain => "plain",
            Self::PdfA3b => "pdf_a_3b",
        }
    }

    /// Reads [`PdfArchive::code`] back.
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "plain" => Some(Self::Plain),
            "pdf_a_3b" => Some(Self::PdfA3b),
            _ => None,
        }
    }
}

/// What the organisation calls the roles of the rule book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleTitles {
    /// 情報セキュリティ責任者: decides, and receives the memo.
    pub officer: Text,
    /// 統括情報セキュリティ責任者: keeps 付録1.
    pub chief_officer: Text,
    /// 課室情報セキュリティ責任者: the section's own.
    pub section_officer: Text,
}

/// `drafts.json`: the information-security clauses of the procurement specification
/// (第2部) and of the contract (第3部), quoted from the rule book with their 【…の場合】
/// variants, and the choices that pick a variant — from the case where it decides them,
/// asked of the user where it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftsFile {
    /// Editor hint pointing at the JSON Schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What the drafts are and where their texts come from (printed at the top of a draft).
    pub notice: Text,
    /// The choices the variants depend on.
    pub choices: Vec<DraftChoice>,
    /// The documents: the procurement specification, the contract.
    pub documents: Vec<DraftDocument>,
}

/// One choice between variants (再委託を禁止する場合 / 認める場合 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftChoice {
    /// Stable id; conditions name it as `choice_id=option_id`.
    pub choice_id: String,
    /// The question as the user sees it.
    pub question: Text,
    /// What the choice means and how to pick.
    pub help: Text,
    /// The options, in the order shown.
    pub options: Vec<DraftOption>,
    /// Where the case decides the choice, the fact that decides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_case: Option<FromCase>,
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftOption {
    /// Stable id within the choice.
    pub option_id: String,
    /// The option as the user sees it.
    pub label: Text,
    /// The words a clause's `{choice_id}` slot takes when this option is chosen (Japanese:
    /// the clauses are quoted in the original).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fill: String,
}

/// A fact of the case that decides a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FromCase {
    /// `subcontracting_expected`, `exception` (important information outsourced under an
    /// exception), `terms_service`, or `countermeasure:ID` (a risk row chose that
    /// countermeasure).
    pub fact: String,
    /// The option when the fact holds.
    pub if_true: String,
    /// The option when it does not; absent: the user is asked then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_false: Option<String>,
}

/// One document (調達仕様書 or 契約書).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftDocument {
    /// Stable id (`spec`, `contract`).
    pub document_id: String,
    /// Title of the document's part in the draft.
    pub title: Text,
    /// Where its texts come from (`001 第2部`).
    pub source: String,
    /// One chapter per group of forms of outsourcing.
    pub chapters: Vec<DraftChapter>,
    /// Heading of the clause the decision's conditions are appended under.
    pub conditions_heading: Text,
}

/// The clauses for some forms of outsourcing (1.1 構築等, 1.2 運用・保守・点検 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftChapter {
    /// `form_id`s of forms.json this chapter serves.
    pub forms: Vec<String>,
    /// Heading, with the rule book's number.
    pub heading: Text,
    /// The rule book's note on the chapter, quoted (empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The clauses, in the rule book's order.
    pub clauses: Vec<DraftClause>,
}

/// One clause: its base text, and variants that apply under conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftClause {
    /// Stable id, unique in the file.
    pub clause_id: String,
    /// Heading (without its number: clauses are numbered in the draft as they appear).
    pub heading: Text,
    /// Where it is in the rule book (`001 第2部 1.1(9)`).
    pub source: String,
    /// Conditions for the whole clause (`choice=option`, `choice=a|b`, `form=ID`); all must
    /// hold; empty: always included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<String>,
    /// The label of the 【…の場合】 the whole clause sits under, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Paragraphs always printed (quoted; `{choice_id}` slots filled, `{previous}` the
    /// numbers of the clauses before it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<String>,
    /// Paragraphs printed when their conditions hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<DraftVariant>,
    /// A table of the case printed after the text (`terms_cautions`: the 表4/表5 cautions
    /// and how the case met each).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<DraftTable>,
}

/// A table of the case a clause carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DraftTable {
    /// The 約款 cautions and how the case met each.
    TermsCautions,
}

/// A variant of a clause: the 【…の場合】 label and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftVariant {
    /// The rule book's label (【再委託を認める場合】).
    pub label: String,
    /// Conditions (as a clause's `when`), all must hold.
    pub when: Vec<String>,
    /// Paragraphs (quoted).
    pub text: Vec<String>,
}

/// Splits a draft condition `name=a|b` into `("name", ["a", "b"])`; `None` when it has no
/// `=` or an empty side.
#[must_use]
pub fn split_condition(condition: &str) -> Option<(&str, Vec<&str>)> {
    let (name, values) = condition.split_once('=')?;
    let values: Vec<&str> = values.split('|').map(str::trim).collect();
    (!name.trim().is_empty() && values.iter().all(|v| !v.is_empty())).then(|| (name.trim(), values))
}

/// The `{name}` slots of a draft text, in order.
pub fn slots(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}
