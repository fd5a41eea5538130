//! Reading links from elsewhere: the text → typed parts, every finding graded
//! ([`link`]). Below `connect_url/`, whose `ConnectUrl::read` reports them.

pub mod link;
