//! `app_id!(production)`: an application's app id from the registration, for the
//! code that has no link to take it from (a refresh, a v3 token request): a
//! `ClientId` constant, checked at compile time against `smartcar.toml` (an
//! unknown name gets the registration's did-you-mean), which the file's edits
//! recompile like the links.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;

use crate::ctxt::Ctxt;
use crate::messages::Syntax;
use crate::registration::Registered;

/// The whole macro: the name → the app id's constant, or the errors and a
/// fallback of the same type.
pub fn app_id(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let (krate, input) = match crate::crate_path::for_invocation(input, &mut cx) {
        Ok(found) => found,
        Err(errors) => return errors,
    };
    let name = name(input, &mut cx);
    let (registered, track) = crate::registration::for_expansion(&mut cx);
    let id = name.and_then(|name| resolve(&name, &registered, &mut cx));
    let value = match id {
        Some(id) if !cx.has_errors() => {
            quote!(#krate::__private::registered_app_id(#id))
        }
        _ => {
            let errors = cx.into_compile_errors();
            quote!({ #errors #krate::__private::registered_app_id("-") })
        }
    };
    quote!({ #track #value })
}

/// The one identifier the macro takes (a trailing comma allowed).
fn name(input: TokenStream, cx: &mut Ctxt) -> Option<syn::Ident> {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    match tokens.as_slice() {
        [TokenTree::Ident(name)] => Some(syn::Ident::new(&name.to_string(), name.span())),
        [TokenTree::Ident(name), TokenTree::Punct(comma)] if comma.as_char() == ',' => {
            Some(syn::Ident::new(&name.to_string(), name.span()))
        }
        // A name forwarded by a `macro_rules!` (`$name:ident`) arrives in an invisible group.
        [TokenTree::Group(group)] if group.delimiter() == proc_macro2::Delimiter::None => {
            name(group.stream(), cx)
        }
        other => {
            let span = other.first().map_or_else(Span::call_site, TokenTree::span);
            cx.syntax(span, &Syntax::AppIdNotAName);
            None
        }
    }
}

/// The named application's app id, or the error on the name.
fn resolve(name: &syn::Ident, registered: &Registered, cx: &mut Ctxt) -> Option<String> {
    let text = name.to_string();
    let text = text.strip_prefix("r#").unwrap_or(&text);
    match registered {
        #[cfg(feature = "registration")]
        Registered::Yes(found) => match found.registration.resolve(Some(text), None) {
            Ok(app) => Some(app.app_id().as_str().to_owned()),
            Err(error) => {
                cx.rule(name.span(), &error);
                None
            }
        },
        // Its own errors are reported already.
        Registered::Unreadable => None,
        Registered::No => {
            cx.syntax(
                name.span(),
                &Syntax::AppIdWithoutRegistration { name: text },
            );
            None
        }
    }
}
