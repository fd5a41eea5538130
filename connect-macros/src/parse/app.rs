//! The macro's own key `app: NAME`, which names the application of the
//! registration (no Connect parameter is named `app`).

use proc_macro2::TokenTree;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::Ident;

use super::{mistake, rest, Piece};
use crate::ctxt;
use crate::messages::Syntax;

/// `app: …`: when the piece is the macro's own `app` key (no Connect parameter
/// is named `app`), the key and its colon, consumed; the value is what follows.
pub(super) fn app_key(input: ParseStream, piece: Piece) -> Option<syn::Result<()>> {
    let (TokenTree::Ident(key), after) = input.cursor().token_tree()? else {
        return None;
    };
    if key != APP_KEY {
        return None;
    }
    match after.token_tree() {
        Some((TokenTree::Punct(colon), _)) if colon.as_char() == ':' => {
            let key = input.parse::<TokenTree>();
            Some(key.and_then(|_| input.parse::<TokenTree>()).map(drop))
        }
        next => {
            let next = next.filter(|_| !piece.ends_at(after));
            let span = next.map_or(key.span(), |(token, _)| token.span());
            Some(Err(ctxt::syntax(
                span,
                &Syntax::MissingColon { key: APP_KEY },
            )))
        }
    }
}

/// The macro's key naming the application of the registration.
const APP_KEY: &str = "app";

/// An application's name: one identifier, the whole of the piece.
pub(super) fn app_name(input: ParseStream, piece: Piece) -> syn::Result<Ident> {
    if piece.is_over(input) {
        return mistake(
            proc_macro2::Span::call_site(),
            &Syntax::NoValue { key: APP_KEY },
        );
    }
    let (span, found) = rest(input, piece);
    match input.call(Ident::parse_any) {
        Ok(name) if piece.is_over(input) => Ok(name),
        _ => mistake(span, &Syntax::NotAnApplicationName { found: &found }),
    }
}
