//! The warnings the engine can raise, as one enum declared beside the rules so that the
//! loader can check `warnings.json` against them without depending on the engine. The
//! engine raises a [`WarningId`], never a string: an id the program does not know cannot
//! be raised, and every id is defined in `warnings.json` or the rules do not load.

/// Every warning the engine can raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningId {
    /// Residual risks stay 高 after countermeasures in an exception request.
    ExceptionResidualHigh,
    /// 付録1 says the task handles no important information, but installation work reaches some.
    Appendix1ContradictedInstallation,
    /// 付録1 says the task handles no important information, but operations staff reach some.
    Appendix1ContradictedOperations,
    /// 付録1 says the task handles no important information, but the inventory holds some.
    Appendix1ContradictedInventory,
    /// 付録1 says the task handles important information, but the inventory holds none.
    Appendix1ImportantNoneFound,
    /// Cautions neither addressed by the terms nor accepted with a reason.
    TermsUnaddressed,
    /// A free service is still outsourcing.
    FreeService,
    /// Subcontracting is expected.
    Subcontracting,
    /// The case was decided under another rule set.
    RulesetMismatch,
    /// Answers kept that are no longer on the decision path.
    StaleAnswers,
    /// Risks that countermeasures do not lower.
    RiskNotLowered,
    /// Reasons too short to support the judgment.
    ReasonTooShort,
    /// The service used on terms was not said to be a cloud service or not.
    CloudUnanswered,
    /// A cloud service handling 要機密情報 is in neither ISMAP nor ISMAP-LIU.
    CloudConfidentialUnlisted,
}

impl WarningId {
    /// Every id, in the order `warnings.json` lists them.
    pub const ALL: [WarningId; 14] = [
        WarningId::ExceptionResidualHigh,
        WarningId::Appendix1ContradictedInstallation,
        WarningId::Appendix1ContradictedOperations,
        WarningId::Appendix1ContradictedInventory,
        WarningId::Appendix1ImportantNoneFound,
        WarningId::TermsUnaddressed,
        WarningId::FreeService,
        WarningId::Subcontracting,
        WarningId::RulesetMismatch,
        WarningId::StaleAnswers,
        WarningId::RiskNotLowered,
        WarningId::ReasonTooShort,
        WarningId::CloudUnanswered,
        WarningId::CloudConfidentialUnlisted,
    ];

    /// The id as `warnings.json` and the case's evaluation spell it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            WarningId::ExceptionResidualHigh => "w-exception-residual-high",
            WarningId::Appendix1ContradictedInstallation => "w-appendix1-contradicted-installation",
            WarningId::Appendix1ContradictedOperations => "w-appendix1-contradicted-operations",
            WarningId::Appendix1ContradictedInventory => "w-appendix1-contradicted-inventory",
            WarningId::Appendix1ImportantNoneFound => "w-appendix1-important-none-found",
            WarningId::TermsUnaddressed => "w-terms-unaddressed",
            WarningId::FreeService => "w-free-service",
            WarningId::Subcontracting => "w-subcontracting",
            WarningId::RulesetMismatch => "w-ruleset-mismatch",
            WarningId::StaleAnswers => "w-stale-answers",
            WarningId::RiskNotLowered => "w-risk-not-lowered",
            WarningId::ReasonTooShort => "w-reason-too-short",
            WarningId::CloudUnanswered => "w-cloud-unanswered",
            WarningId::CloudConfidentialUnlisted => "w-cloud-confidential-unlisted",
        }
    }
}

/// Every warning id as spelled in `warnings.json`; the file must define exactly these.
pub const KNOWN_WARNINGS: [&str; 14] = {
    let mut out = [""; 14];
    let mut i = 0;
    while i < WarningId::ALL.len() {
        out[i] = WarningId::ALL[i].as_str();
        i += 1;
    }
    out
};

/// Warning ids added after organisations copied the rules: a `warnings.json` that lacks one
/// gets the shipped text for it, so an older rules folder still loads.
pub const SHIPPED_WHEN_MISSING: &[&str] =
    &[WarningId::CloudUnanswered.as_str(), WarningId::CloudConfidentialUnlisted.as_str()];
