//! The pure decision core: rules, engine and case. Nothing here may depend on egui,
//! eframe or rust-i18n (`tests/it/core_is_pure.rs` checks this); its layers point one way
//! (`tests/it/layers.rs`; see `ARCHITECTURE.md`).

pub mod atomic;
pub mod case;
pub mod drafts;
pub mod edit;
pub mod engine;
pub mod limits;
pub mod memo;
pub mod register;
pub mod risk;
pub mod rules;
pub mod text;
pub mod textfile;
pub mod training;
