//! Collects every error of one invocation, so the user sees all mistakes in one
//! compile (after `serde_derive`'s `internals/ctxt.rs`).

use proc_macro2::{Span, TokenStream};
use quote::quote;

#[derive(Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// A rule of connect-core broken by the token at `span`: its message, and its
    /// help as a `= help:` line.
    pub fn rule(&mut self, span: Span, error: &connect_core::Error) {
        self.error(span, error.message(), error.help());
    }

    /// A mistake at `span`, in rustc's style, with an optional way to fix it.
    pub fn error(&mut self, span: Span, message: impl Into<String>, help: Option<String>) {
        let mut text = message.into();
        if let Some(help) = help {
            text.push_str("\n= help: ");
            text.push_str(&help);
        }
        self.errors.push(syn::Error::new(span, text));
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Every error as a `compile_error!`.
    pub fn into_compile_errors(self) -> TokenStream {
        let errors = self.errors.iter().map(syn::Error::to_compile_error);
        quote! { #(#errors)* }
    }
}
