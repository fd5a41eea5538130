//! Rendering: a typed link → its canonical text (SPEC §4). Below `read/` and
//! `connect_url/`, above the model.

pub(crate) mod canonical;
