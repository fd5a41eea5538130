//! The catalogs: Smartcar's permissions, makes, and ISO 3166-1 countries.
//!
//! Each is data only; the value types in [`crate::value`] and [`crate::scope`]
//! read them.

pub(crate) mod countries;
pub(crate) mod makes;
pub(crate) mod permissions;
