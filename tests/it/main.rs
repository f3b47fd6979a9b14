//! The one integration test binary: every suite is a module here, so the tests link egui and
//! typst once instead of once per file (issue 9: CI ran out of disk with 13 test binaries).

mod case_files;
mod cases;
mod cli;
mod cloud;
mod core_is_pure;
mod data_files;
mod drafts;
mod drafts_record;
mod engine_properties;
mod font_coverage;
mod fuzz;
mod holdout;
mod layers;
mod legal_words_in_data;
mod loader_rejections;
mod memo;
mod organisation;
mod quotations;
mod record;
mod register;
mod rust_source;
mod samples;
mod signing;
mod terms;
mod ui_accessibility;
mod ui_drafts;
mod ui_ime;
mod ui_integrity;
mod ui_keyboard;
mod ui_keyboard_budget;
mod ui_register;
mod ui_tables;
mod ui_wizard;
mod walk;
mod windows_files;
