//! Collects every error of one invocation, so the user sees all mistakes in one
//! compile (after `serde_derive`'s `internals/ctxt.rs`), and formats each one the
//! same way: the message, then its help on a `= help:` line (the one place that
//! writes it).

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::messages::Syntax;

#[derive(Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// A rule of connect-core broken by the token at `span`, worded by
    /// connect-core in the macro's syntax.
    pub fn rule(&mut self, span: Span, error: &connect_core::Error) {
        self.errors.push(rule(span, error));
    }

    /// A mistake of the macro's own syntax at `span`.
    pub fn syntax(&mut self, span: Span, mistake: &Syntax<'_>) {
        self.errors.push(syntax(span, mistake));
    }

    /// A mistake worded elsewhere (the manifest lookup's), formatted here.
    #[cfg_attr(not(feature = "registration"), allow(dead_code))]
    pub fn error(&mut self, span: Span, message: String, help: Option<String>) {
        self.errors.push(diagnostic(span, message, help));
    }

    /// An error syn or a parser built already (its text is formatted).
    pub fn push(&mut self, error: syn::Error) {
        self.errors.extend(error);
    }

    /// Every error of `other`, after these.
    pub fn append(&mut self, other: Ctxt) {
        self.errors.extend(other.errors);
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

/// A mistake of the macro's own syntax, as an error at `span`.
pub fn syntax(span: Span, mistake: &Syntax<'_>) -> syn::Error {
    let (message, help) = mistake.words();
    diagnostic(span, message, help)
}

/// A rule of connect-core, in the macro's voice, as an error at `span`.
pub fn rule(span: Span, error: &connect_core::Error) -> syn::Error {
    let error = connect_core::__private::in_macro(error.clone());
    diagnostic(span, error.message(), error.help())
}

/// The message, and its help on a `= help:` line.
fn diagnostic(span: Span, message: String, help: Option<String>) -> syn::Error {
    let mut text = message;
    if let Some(help) = help {
        text.push_str("\n= help: ");
        text.push_str(&help);
    }
    syn::Error::new(span, text)
}
