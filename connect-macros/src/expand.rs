//! [`Link`] → tokens. A fully literal link was rendered by connect-core during
//! validation and becomes a constant of its text; otherwise the link is built
//! through connect-core's builder at run time from the literals (already
//! checked) and the expressions. On error: the errors, and a fallback of the
//! right type.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use crate::ast::{Invocation, Value};
use crate::ctxt::Ctxt;
use crate::valid::{Argument, Link};

/// The whole macro: parse → validate → expand.
pub fn connect_url(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let krate = match crate::crate_path::connect_core_path() {
        Ok(path) => path,
        // One error, and nothing that names the missing crate.
        Err(error) => {
            error.report(Span::call_site(), &mut cx);
            return cx.into_compile_errors();
        }
    };
    let invocation = crate::parse::parse(input, &mut cx);
    match crate::valid::validate(&invocation, Span::call_site(), &mut cx) {
        Some(link) => match &link.rendered {
            Some(url) => literal_link(&krate, &invocation, &link, url.as_str()),
            None => built_link(&krate, &link),
        },
        None => fallback(&krate, &invocation, cx),
    }
}

/// The errors, then a link of the right type that neither diverges (no
/// "unreachable statement" on the user's next line) nor drops the user's
/// expressions: they stay in the expansion, type-checked and seen by the IDE, in
/// a closure that never runs.
fn fallback(krate: &TokenStream, invocation: &Invocation, cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    let expressions = invocation.params.iter().filter_map(|p| match &p.value {
        Value::Expr(tokens) => Some(quote!(let _ = &(#tokens);)),
        _ => None,
    });
    quote! {{
        #errors
        let _ = || { #(#expressions)* };
        #krate::__private::fallback_url()
    }}
}

/// The text rendered at compile time: a `const fn` call on a string literal, so
/// the link costs nothing at run time and can initialise a `static` or `const`.
/// Each key resolves to its documented `Parameter` variant, each permission and
/// cataloged make to its constant, each word value (`simulated`) to its enum
/// variant, all with the user's spans, in one `use` (each path costs the compiler
/// time), so an IDE shows their descriptions.
fn literal_link(
    krate: &TokenStream,
    invocation: &Invocation,
    link: &Link,
    text: &str,
) -> TokenStream {
    let keys = invocation
        .params
        .iter()
        .map(|p| Ident::new(&format!("{:?}", p.parameter), p.key.span()));
    let mut permissions = Vec::new();
    let mut makes = Vec::new();
    let mut words = Vec::new();
    for call in &link.calls {
        match &call.argument {
            Argument::Scope(entries) => permissions.extend(entries.iter().map(|(_, p)| p)),
            Argument::CatalogMake(make) => makes.push(make),
            Argument::Variant {
                type_name,
                variant,
                span,
            } => {
                let (ty, variant) = (Ident::new(type_name, *span), Ident::new(variant, *span));
                words.push(quote!(#ty::#variant as _));
            }
            _ => {}
        }
    }
    quote! {{
        #[allow(unused_imports)]
        use #krate::{
            Parameter::{#(#keys as _),*},
            permissions::{#(#permissions as _),*},
            makes::{#(#makes as _),*},
            #(#words,)*
        };
        #krate::__private::literal_url(#text)
    }}
}

/// `ConnectUrl::builder(…).state(…)…`, built at run time: each expression is
/// bound first, where it is written (so `?` and `.await` in it keep their
/// meaning), its type checked by the `const fn` `value`; the builder runs in one
/// call, so a `static` of such a link reports that one call. Literals go in as
/// checked constants.
fn built_link(krate: &TokenStream, link: &Link) -> TokenStream {
    let mut bindings = Vec::new();
    let mut bind = |argument: &Argument| -> TokenStream {
        let Argument::Expr { parameter, tokens } = argument else {
            return write(krate, argument);
        };
        let name = format_ident!(
            "__connect_url_{}",
            bindings.len(),
            span = Span::mixed_site()
        );
        let ty = Ident::new(parameter.name(), Span::call_site());
        // The expression keeps its own spans: a wrong type is reported on all of it.
        bindings.push(quote! {
            let #name = #krate::__private::Value::<#krate::__private::expressions::#ty>::of(#tokens);
        });
        quote!(::core::convert::From::from(#name.get()))
    };
    let (parameter, app_id) = &link.app_id;
    let constructor = match parameter {
        connect_core::Parameter::ApplicationId => quote!(builder_with_application_id),
        _ => quote!(builder),
    };
    let app_id = bind(app_id);
    let calls: Vec<TokenStream> = link
        .calls
        .iter()
        .map(|call| {
            // The user's key names the setter: hover and go-to-definition land on its docs.
            let method = Ident::new(&call.method(), call.key);
            let argument = bind(&call.argument);
            quote!(.#method(#argument))
        })
        .collect();
    quote! {{
        #(#bindings)*
        #krate::__private::only_a_link_of_literals_is_a_constant(move || {
            #krate::ConnectUrl::#constructor(#app_id) #(#calls)*
        })
    }}
}

/// A literal argument's tokens.
fn write(krate: &TokenStream, argument: &Argument) -> TokenStream {
    match argument {
        // Checked at compile time: no check again at run time.
        Argument::Text(text) => quote!(#krate::__private::literal(#text)),
        Argument::Variant {
            type_name,
            variant,
            span,
        } => {
            let (ty, variant) = (
                Ident::new(type_name, Span::call_site()),
                Ident::new(variant, *span),
            );
            quote!(#krate::#ty::#variant)
        }
        Argument::CatalogMake(make) => quote!(#krate::makes::#make),
        Argument::Bool(value) => quote!(#value),
        // Each permission resolves, with the user's span, to its documented constant.
        Argument::Scope(entries) => {
            let entries = entries.iter().map(|(required, permission)| {
                quote!(#krate::ScopeEntry::new(#krate::permissions::#permission, #required))
            });
            quote! {{
                const SCOPE: &[#krate::ScopeEntry] = &[#(#entries),*];
                #krate::__private::scope(SCOPE)
            }}
        }
        Argument::Flags(flags) => {
            let flags = flags
                .iter()
                .map(|(name, value)| quote!(#krate::__private::flag(#name, #value)));
            quote! {{
                const FLAGS: &[#krate::Flag] = &[#(#flags),*];
                #krate::__private::flags(FLAGS)
            }}
        }
        Argument::Nothing | Argument::Expr { .. } => TokenStream::new(),
    }
}
