//! Risk levels: likelihood × impact, classified by the thresholds of the rule set's risk matrix.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A risk level derived from a likelihood × impact score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    /// Score below `medium_from`.
    Low,
    /// Score from `medium_from` up to `high_from`.
    Medium,
    /// Score at or above `high_from`.
    High,
}

/// Thresholds that turn a score into a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Lowest score that counts as medium.
    pub medium_from: u8,
    /// Lowest score that counts as high.
    pub high_from: u8,
}

impl Thresholds {
    /// The level of `likelihood × impact`.
    #[must_use]
    pub fn level(self, likelihood: u8, impact: u8) -> RiskLevel {
        let score = likelihood.saturating_mul(impact);
        if score >= self.high_from {
            RiskLevel::High
        } else if score >= self.medium_from {
            RiskLevel::Medium
        } else {
            RiskLevel::Low
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_by_three_matrix_levels() {
        let t = Thresholds { medium_from: 3, high_from: 6 };
        assert_eq!(t.level(1, 2), RiskLevel::Low);
        assert_eq!(t.level(1, 3), RiskLevel::Medium);
        assert_eq!(t.level(2, 2), RiskLevel::Medium);
        assert_eq!(t.level(2, 3), RiskLevel::High);
        assert_eq!(t.level(3, 3), RiskLevel::High);
    }
}
