//! [`Link`] → tokens. A fully literal link is rendered now, by connect-core, and
//! becomes a constant of its text; otherwise the link is built through
//! connect-core's builder at run time from the literals (already checked) and
//! the expressions. On error: the errors, and a fallback of the right type.

use connect_core::{ConnectUrl, Parameter};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::ast::{Invocation, Text, Value};
use crate::ctxt::Ctxt;
use crate::valid::{Argument, Checked, Link};

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
    let Some(mut link) = crate::valid::validate(&invocation, Span::call_site(), &mut cx) else {
        return fallback(&krate, &invocation, cx);
    };
    match render_now(&mut link) {
        None => built_link(&krate, &invocation, &link),
        Some(Ok(url)) => literal_link(&krate, &invocation, &link, &url),
        Some(Err(error)) => {
            // validate() ran the same rules: unreachable, but never a panic.
            cx.rule(Span::call_site(), &error);
            fallback(&krate, &invocation, cx)
        }
    }
}

/// The errors, then a link of the right type that neither diverges (no
/// "unreachable statement" on the user's next line) nor drops the user's
/// expressions: they stay in the expansion, type-checked and seen by the IDE, in
/// a closure that never runs.
fn fallback(krate: &TokenStream, invocation: &Invocation, cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    let expressions = invocation.params.iter().filter_map(|p| match &p.value {
        Value::Text(Text::Expr(tokens)) => Some(quote!(let _ = &(#tokens);)),
        _ => None,
    });
    quote! {{
        #errors
        let _ = || { #(#expressions)* };
        #krate::__private::fallback_url()
    }}
}

/// Renders a fully literal link now, by running its calls on connect-core's
/// builder; `None` when a value is known only at run time.
fn render_now(link: &mut Link) -> Option<Result<ConnectUrl, connect_core::Error>> {
    let (parameter, Checked::Literal(app_id)) = &link.app_id else {
        return None;
    };
    if link.calls.iter().any(|call| call.now.is_none()) {
        return None;
    }
    let builder = match parameter {
        Parameter::ApplicationId => ConnectUrl::builder_with_application_id(app_id.clone()),
        _ => ConnectUrl::builder(app_id.clone()),
    };
    let builder = link
        .calls
        .iter_mut()
        .filter_map(|call| call.now.take())
        .fold(builder, |builder, set| set(builder));
    Some(builder.build())
}

/// The text rendered at compile time: a `const fn` call on a string literal, so
/// the link costs nothing at run time and can initialise a `static` or `const`.
/// Each permission and cataloged make is imported, with the user's span, from
/// its documented constant in connect-core, so an IDE shows its description.
fn literal_link(
    krate: &TokenStream,
    invocation: &Invocation,
    link: &Link,
    url: &ConnectUrl,
) -> TokenStream {
    let text = url.as_str();
    // Each key resolves to its documented `Parameter` variant, each permission and
    // cataloged make to its constant, each word value (`simulated`) to its enum
    // variant, all with the user's spans, in one `use` (each path costs the
    // compiler time).
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
            Argument::Variant { ty, variant, span } => {
                let (ty, variant) = (Ident::new(ty, *span), Ident::new(variant, *span));
                words.push(quote!(#ty::#variant as _));
            }
            _ => {}
        }
    }
    let hover = quote! {
        #[allow(unused_imports)]
        use #krate::{
            Parameter::{#(#keys as _),*},
            permissions::{#(#permissions as _),*},
            makes::{#(#makes as _),*},
            #(#words,)*
        };
    };
    quote! {{
        #hover
        #krate::__private::literal_url(#text)
    }}
}

/// `ConnectUrl::builder(…).state(…)…`: literals go in as checked constants,
/// expressions as their connect-core type (a note shows the fix when they are not).
fn built_link(krate: &TokenStream, invocation: &Invocation, link: &Link) -> TokenStream {
    let (parameter, app_id) = &link.app_id;
    let constructor = match parameter {
        Parameter::ApplicationId => quote!(builder_with_application_id),
        _ => quote!(builder),
    };
    let app_id = match app_id {
        Checked::Literal(id) => argument(krate, &literal("ClientId", id.as_str())),
        Checked::Expr(tokens) => argument(
            krate,
            &Argument::Expr {
                ty: "ClientId",
                tokens: tokens.clone(),
            },
        ),
    };
    let calls = link.calls.iter().map(|call| {
        // The user's key names the setter: hover and go-to-definition land on its docs.
        let key = invocation
            .get(call.parameter)
            .map_or(Span::call_site(), |p| p.key.span());
        let method = Ident::new(call.method(), key);
        let argument = argument(krate, &call.argument);
        quote!(.#method(#argument))
    });
    quote! {
        #krate::__private::build(#krate::ConnectUrl::#constructor(#app_id) #(#calls)*)
    }
}

fn literal(ty: &'static str, text: &str) -> Argument {
    Argument::Literal {
        ty,
        text: text.to_owned(),
    }
}

/// One argument's tokens.
fn argument(krate: &TokenStream, argument: &Argument) -> TokenStream {
    let ident = |name: &str| Ident::new(name, Span::call_site());
    match argument {
        // Checked at compile time: no check again at run time.
        Argument::Literal { ty, text } => {
            let ty = ident(ty);
            quote!(<#krate::#ty as #krate::__private::Literal>::literal(#text))
        }
        Argument::Expr { ty, tokens } => {
            let ty = ident(ty);
            quote_spanned!(span_of(tokens)=> #krate::__private::value::<#krate::#ty, _>(#tokens))
        }
        Argument::WebRedirect(tokens) => {
            quote_spanned!(span_of(tokens)=> #krate::__private::web_redirect(#tokens))
        }
        Argument::Variant { ty, variant, span } => {
            let (ty, variant) = (ident(ty), Ident::new(variant, *span));
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
        Argument::Nothing => TokenStream::new(),
    }
}

/// Where an expression begins, for the errors about its type.
fn span_of(expr: &TokenStream) -> Span {
    expr.clone()
        .into_iter()
        .next()
        .map_or(Span::call_site(), |t| t.span())
}
