//! The model: the parameter table, each parameter's value type, the catalogs
//! they check against, the typed request that holds them, and the origin a link
//! points at ([`parts`] joins the two).

pub(crate) mod catalog;
pub(crate) mod origin;
pub(crate) mod parts;
pub(crate) mod request;
pub(crate) mod value;
