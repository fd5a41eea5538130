//! The whole of `connect_url!` (parse → validate → expand) on arbitrary token
//! text: errors, never a panic. The macro's own source files are compiled in here,
//! since a proc-macro crate cannot be linked into a fuzzer.
#![no_main]

#[path = "../../connect-macros/src/ast.rs"]
mod ast;
// `app_id!`'s reading of `crate = path` is never called here either.
#[allow(dead_code)]
#[path = "../../connect-macros/src/crate_path.rs"]
mod crate_path;
#[path = "../../connect-macros/src/ctxt.rs"]
mod ctxt;
#[path = "../../connect-macros/src/expand.rs"]
mod expand;
#[path = "../../connect-macros/src/file_cache.rs"]
mod file_cache;
#[path = "../../connect-macros/src/ide.rs"]
mod ide;
// `app_id!`'s messages are never built here: the fuzzer drives `connect_url!` only.
#[allow(dead_code)]
#[path = "../../connect-macros/src/messages.rs"]
mod messages;
#[path = "../../connect-macros/src/parse/mod.rs"]
mod parse;
#[path = "../../connect-macros/src/registration.rs"]
mod registration;
#[path = "../../connect-macros/src/registration_path.rs"]
mod registration_path;
#[path = "../../connect-macros/src/valid.rs"]
mod valid;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Only what rustc would hand a macro: text that lexes into tokens.
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else { return };
    let _ = expand::connect_url(tokens);
});
