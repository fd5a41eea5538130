//! Reading links from elsewhere: the text → typed parts ([`link`]), and the
//! public report of every finding ([`report`]).

pub mod link;
pub(crate) mod report;
