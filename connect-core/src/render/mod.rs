//! Rendering: the builder checks a typed request, and [`ConnectUrl`] holds its
//! canonical text (SPEC §4).

pub(crate) mod builder;
pub(crate) mod connect_url;
pub(crate) mod origin;
