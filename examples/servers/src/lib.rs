//! The server examples as libraries, so tests can run them in-process: the
//! application that sends owners to Connect ([`web`]) and a local Connect
//! stand-in ([`stand_in`]). `cargo run --example web` and
//! `cargo run --example connect_stand_in` start them.
//!
//! They are their own package so that the other examples (`quickstart`, …) build
//! without the web stack.

pub mod bounded;
pub mod harden;
pub mod html;
pub mod http_client;
pub mod offload;
pub mod pending;
pub mod serve;
pub mod stand_in;
pub mod token_endpoint;
pub mod web;
