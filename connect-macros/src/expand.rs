//! [`Link`] → tokens. A fully literal link was rendered by connect-core during
//! validation and becomes a constant of its text; otherwise the link is built
//! through connect-core's builder at run time from the literals (already
//! checked) and the expressions. On error: the errors, and a fallback of the
//! right type.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::Ident;

use crate::ast::{Invocation, Value};
use crate::ctxt::Ctxt;
use crate::valid::{Argument, Link};

/// The whole macro: parse → validate → expand.
pub fn connect_url(input: TokenStream) -> TokenStream {
    expand(input, crate::ide::in_rust_analyzer())
}

/// The macro, with or without the items only an IDE reads (`ide`).
fn expand(input: TokenStream, ide: bool) -> TokenStream {
    let mut cx = Ctxt::default();
    let mut invocation = crate::parse::parse(input, &mut cx);
    // `crate = path,` (connect-core reached through a re-export), else the
    // manifest's name. On error, that one error, and nothing that names the missing
    // crate.
    let krate = match crate::crate_path::for_parsed(invocation.crate_path.take()) {
        Ok(path) => path,
        Err(errors) => return errors,
    };
    // The application's registration, read once per crate compilation; its
    // errors are compile errors that point into the file, and editing it
    // recompiles the links that depend on it (`track`).
    let (registration, track) = crate::registration::for_expansion(&mut cx);
    let link = crate::valid::validate(&invocation, Span::call_site(), &registration, &mut cx);
    let expansion = match &link {
        Some(link) => match &link.text {
            Some(text) => literal_link(&krate, &invocation, link, text, ide),
            None => built_link(&krate, link),
        },
        None => fallback(&krate, &invocation, cx),
    };
    let note = link
        .as_ref()
        .and_then(|link| default_redirect(&invocation, link));
    if track.is_none() && note.is_none() {
        return expansion;
    }
    quote! {{ #track #note #expansion }}
}

/// Hover on `app: production` shows which registered redirect URI Connect uses
/// when the link gives none: the name is, with the user's span, a constant that
/// says so. It is declared inside an anonymous constant of its own, so that it
/// never shadows a binding of the user's of the same name used in another key
/// (`app: sandbox, state: &sandbox`).
fn default_redirect(invocation: &Invocation, link: &Link) -> Option<TokenStream> {
    let (app, note) = (invocation.app.as_ref()?, link.default_redirect.as_ref()?);
    Some(quote! {
        const _: () = {
            #[doc = #note]
            #[allow(non_upper_case_globals, dead_code)]
            const #app: () = ();
        };
    })
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
/// In rust-analyzer ([`crate::ide`]) it comes with its hover items.
fn literal_link(
    krate: &TokenStream,
    invocation: &Invocation,
    link: &Link,
    text: &str,
    ide: bool,
) -> TokenStream {
    let url = quote!(#krate::__private::literal_url(#text));
    if !ide {
        return url;
    }
    let hover = hover_items(krate, invocation, link);
    quote!({ #hover #url })
}

/// Each key resolves to its documented `Parameter` variant, each permission and
/// cataloged make to its constant, each word value (`simulated`) to its enum
/// variant, all with the user's spans, in one `use` inside an anonymous constant
/// (`as _`: it names nothing the user's code could meet), so an IDE shows their
/// descriptions.
fn hover_items(krate: &TokenStream, invocation: &Invocation, link: &Link) -> TokenStream {
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
    quote! {
        const _: () = {
            #[allow(unused_imports)]
            use #krate::{
                Parameter::{#(#keys as _),*},
                permissions::{#(#permissions as _),*},
                makes::{#(#makes as _),*},
                #(#words,)*
            };
        };
    }
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
        let tokens = unparenthesised(tokens);
        bindings.push(quote! {
            let #name = #krate::__private::checks::#ty::of(#tokens);
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
            let method = Ident::new(call.setter, call.key);
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

/// `(simulated)`, which makes a word an expression, without its parentheses: as the
/// argument of a call they would draw rustc's `unused_parens` on the user's line. A
/// tuple (a comma inside) keeps them.
fn unparenthesised(tokens: &TokenStream) -> TokenStream {
    let mut trees = tokens.clone().into_iter();
    if let (Some(TokenTree::Group(group)), None) = (trees.next(), trees.next()) {
        let inner = group.stream();
        let comma = inner
            .clone()
            .into_iter()
            .any(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','));
        if group.delimiter() == Delimiter::Parenthesis && !comma && !inner.is_empty() {
            return inner;
        }
    }
    tokens.clone()
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

#[cfg(test)]
mod tests {
    use super::expand;

    const LINK: &str =
        r#"client_id: "8229df9f", scope: [required read_odometer], mode: simulated, make: TESLA"#;

    #[test]
    fn a_literal_link_is_its_text_and_in_an_ide_also_its_hover_items() {
        let url = ":: connect_core :: __private :: literal_url (\"https://connect.smartcar.com/\
                   oauth/authorize?response_type=code&client_id=8229df9f&scope=required%3A\
                   read_odometer&mode=simulated&make=TESLA\")";
        let items = [
            "use :: connect_core :: { Parameter :: { ClientId as _ , Scope as _ , Mode as _ , Make as _ }",
            "permissions :: { read_odometer as _ }",
            "makes :: { TESLA as _ }",
            "Mode :: Simulated as _",
        ];
        // (The first expansion of the process also tracks the registration's variable.)
        let compiled = expand(LINK.parse().unwrap(), false).to_string();
        assert!(compiled.contains(url), "{compiled}");
        assert!(!compiled.contains("Parameter"), "{compiled}");
        let in_ide = expand(LINK.parse().unwrap(), true).to_string();
        assert!(in_ide.contains(url), "{in_ide}");
        for item in items {
            assert!(in_ide.contains(item), "{item} in {in_ide}");
        }
    }
}
