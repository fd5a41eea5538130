//! The model: the parameter table, each parameter's value type, the catalogs
//! they check against, and the typed request that holds them.

pub(crate) mod catalog;
pub(crate) mod parameter;
pub(crate) mod request;
pub(crate) mod value;
