//! The catalogs: Smartcar's permissions, makes, and ISO 3166-1 countries.
//!
//! Data, each with the lookups of its value type (`Permission: FromStr`,
//! `Make::from_catalog`); `Country` reads the country table.

pub(crate) mod countries;
pub(crate) mod makes;
pub(crate) mod permissions;
