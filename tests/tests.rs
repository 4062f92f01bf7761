//! The integration tests, one test binary: each module below was its own binary once, and
//! linking 21 of them against the library cost more than running most of them (issue #14).
//! Run one module with `cargo test --test integration MODULE::` (for example `cli::`).
//!
//! The support modules are declared here once and reached as `crate::common` and so on.

mod align_support;
mod common;
mod history_support;
#[path = "../fuzz/invariants.rs"]
mod invariants;
#[path = "fixtures/render/support.rs"]
mod render_support;

mod accounting;
mod align;
mod browser;
mod cli;
mod docx_input;
mod docx_output;
mod history;
mod material;
mod nothing_hidden;
mod parse;
mod parse_synthetic;
mod pdf_corpus;
mod pdf_input;
mod properties;
mod readme;
mod real_corpus;
mod real_pairs;
mod redline;
mod render;
mod robustness;
mod session;
mod trace;
