//! The ids of the warnings the engine can raise, declared beside the rules so that the
//! loader can check `warnings.json` against them without depending on the engine.

/// Every warning id the engine can raise; `warnings.json` must define exactly these.
pub const KNOWN_WARNINGS: &[&str] = &[
    "w-exception-residual-high",
    "w-appendix1-contradicted-installation",
    "w-appendix1-contradicted-operations",
    "w-appendix1-contradicted-inventory",
    "w-appendix1-important-none-found",
    "w-terms-unaddressed",
    "w-free-service",
    "w-subcontracting",
    "w-ruleset-mismatch",
    "w-stale-answers",
    "w-risk-not-lowered",
    "w-reason-too-short",
];
