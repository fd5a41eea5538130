//! The web examples as libraries, so tests can run them in-process: the
//! application that sends owners to Connect ([`web`]) and a local Connect
//! stand-in ([`stand_in`]). `cargo run --example web` and
//! `cargo run --example connect_stand_in` start them.

pub mod args;
pub mod html;
pub mod serve;
pub mod stand_in;
pub mod web;
