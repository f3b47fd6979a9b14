//! The decision memo: one model built from the case, the rules and the engine's
//! evaluation; Markdown, HTML, DOCX and PDF are renderings of it. The model is a header,
//! a list of sections made of a few kinds of block, an approval block and a footer, so
//! each renderer stays small and they cannot drift apart in content.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod pdf_check;

pub mod attachment;
pub mod compose;
pub mod conditions;
pub mod format;
pub mod job;
pub mod model;
pub mod references;

pub use attachment::{AttachmentError, attached_case};
pub use compose::*;
pub use conditions::*;
pub use format::*;
pub use model::*;
pub use references::references_section;
