//! The pure decision core of itaku-navi: rules, engine, case, register, drafts and the memo
//! with its renderers. This crate's manifest names no GUI, windowing, i18n or CLI crate, so
//! nothing here can reach the app (`tests/it/core_is_pure.rs` checks the dependency tree);
//! inside it the layers point one way (`tests/it/layers.rs`; see `ARCHITECTURE.md`).

pub mod atomic;
pub mod canonical;
pub mod case;
pub mod dates;
pub mod drafts;
pub mod edit;
pub mod engine;
pub mod fonts_data;
pub mod limits;
pub mod memo;
pub mod output;
pub mod register;
pub mod regression;
pub mod risk;
pub mod rules;
pub mod signing;
pub mod text;
pub mod textfile;
pub mod training;
