//! Workspace tests live in `tests/`.

/// connect-macros' README, whose code runs as a doctest here (connect-macros is a
/// proc-macro crate whose own doctests the lead's item page holds).
#[cfg(doctest)]
#[doc = include_str!("../../connect-macros/README.md")]
pub struct ConnectMacrosReadme;
