//! The web example as a library, so tests can run it in-process: the application
//! that sends owners to Connect ([`web`]). `cargo run --example web` starts it;
//! the local Connect it talks to offline is the `connect-stand-in` crate.
//!
//! They are their own package so that the other examples (`quickstart`, …) build
//! without the web stack.
//!
//! The server plumbing (hardening, serving, offloading, pages, bounded maps) is the
//! stand-in crate's public `serving` module, re-exported here under the names the
//! web example uses: one copy for both servers (ARCHITECTURE.md).

pub use connect_stand_in::serving::{bounded, harden, html, offload, serve};

pub mod flow_cookie;
pub mod http_client;
pub mod loopback;
pub mod token_store;
pub mod web;
