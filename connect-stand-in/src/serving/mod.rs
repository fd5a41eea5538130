//! The HTTP plumbing the stand-in is served with, public so that a test server of
//! your own (the workspace's web example is one) gets the same hardening without
//! copying it: security headers and bounds on every route ([`harden`]), HTTP/1
//! connections with a header-read timeout ([`serve`]), large inputs read off the
//! async workers ([`offload`]), minimal HTML pages ([`html`]), and a map bounded in
//! size for what a server hands out and expects back ([`bounded`]).

pub mod bounded;
pub mod harden;
pub mod html;
pub mod offload;
pub mod serve;
