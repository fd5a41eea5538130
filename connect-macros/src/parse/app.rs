//! The macro's own key `app: NAME`, which names the application of the
//! registration (no Connect parameter is named `app`).

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::Ident;

use super::{mistake, rest};
use crate::ctxt;
use crate::messages::Syntax;

/// `app: …`: the tokens after the colon, when the piece is the macro's own `app`
/// key (no Connect parameter is named `app`).
pub(super) fn app_key(piece: &TokenStream) -> Option<syn::Result<TokenStream>> {
    let mut tokens = piece.clone().into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Ident(key)), Some(TokenTree::Punct(colon)))
            if key == APP_KEY && colon.as_char() == ':' =>
        {
            Some(Ok(tokens.collect()))
        }
        (Some(TokenTree::Ident(key)), next) if key == APP_KEY => {
            let span = next.map_or(key.span(), |t| t.span());
            Some(Err(ctxt::syntax(
                span,
                &Syntax::MissingColon { key: APP_KEY },
            )))
        }
        _ => None,
    }
}

/// The macro's key naming the application of the registration.
const APP_KEY: &str = "app";

/// An application's name: one identifier.
pub(super) fn app_name(input: ParseStream) -> syn::Result<Ident> {
    if input.is_empty() {
        return mistake(input.span(), &Syntax::NoValue { key: APP_KEY });
    }
    let (span, found) = rest(input);
    match input.call(Ident::parse_any) {
        Ok(name) if input.is_empty() => Ok(name),
        _ => mistake(span, &Syntax::NotAnApplicationName { found: &found }),
    }
}
