//! The rule set: parsed from `decision-trees/` (or the copy embedded in the binary) into
//! validated types, so the engine never meets a dangling reference or a missing citation.

pub mod embedded;
pub mod error;
pub mod files;
mod load;
pub mod model;
pub mod upkeep;
mod validate;
pub mod warning_ids;
pub mod wording_ids;

pub use error::{RuleError, RuleErrors};
pub use load::{RuleSource, load_dir, load_embedded, load_rules, load_source};
pub use model::{Choice, Node, NodeBody, NodeIdx, RuleSet, SwitchCase};
