//! [`Link`] → tokens. A fully literal link is rendered now, by connect-core, and
//! becomes a constant of its text; otherwise the link is built through
//! connect-core's builder at run time from the literals (already checked) and
//! the expressions. On error: the errors, and a fallback of the right type.

use connect_core::{ApprovalPrompt, ConnectUrl, Mode, Parameter};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::ast::{Invocation, Text, Value};
use crate::ctxt::Ctxt;
use crate::valid::{Checked, Link};

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
    let Some(link) = crate::valid::validate(&invocation, Span::call_site(), &mut cx) else {
        return fallback(&krate, &invocation, cx);
    };
    if !link.is_literal() {
        return built_link(&krate, &link);
    }
    match render_now(&link) {
        Ok(url) => literal_link(&krate, &link, &url),
        Err(error) => {
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

impl Link {
    fn is_literal(&self) -> bool {
        #[allow(clippy::ref_option)] // called with `&fields.name`, no `.as_ref()` at each call
        fn lit<T>(v: &Option<Checked<T>>) -> bool {
            !matches!(v, Some(Checked::Expr(_)))
        }
        let f = &self.fields;
        matches!(self.app_id.1, Checked::Literal(_))
            && lit(&f.vehicle_id)
            && lit(&f.redirect_uri)
            && lit(&f.state)
            && lit(&f.single_select_vin)
            && lit(&f.user)
            && lit(&f.external_id)
    }
}

/// Renders a fully literal link with connect-core's builder, at compile time.
fn render_now(link: &Link) -> Result<ConnectUrl, connect_core::Error> {
    #[allow(clippy::ref_option)] // called with `&fields.name`, no `.as_ref()` at each call
    fn value<T: Clone>(v: &Option<Checked<T>>) -> Option<T> {
        v.as_ref().and_then(Checked::literal).cloned()
    }
    let (parameter, Checked::Literal(app_id)) = &link.app_id else {
        return Err(connect_core::Error::new(
            Parameter::ClientId,
            connect_core::Problem::Missing,
        ));
    };
    let f = &link.fields;
    let mut b = match parameter {
        Parameter::ApplicationId => ConnectUrl::builder_with_application_id(app_id.clone()),
        _ => ConnectUrl::builder(app_id.clone()),
    };
    if f.response_type_none {
        b = b.response_type_none();
    }
    if let Some(v) = value(&f.vehicle_id) {
        b = b.vehicle_id(v);
    }
    if let Some(entries) = &f.scope {
        b = b.scope(connect_core::Scope::new(entries.iter().map(|(e, _)| *e))?);
    }
    if let Some(v) = value(&f.redirect_uri) {
        b = b.redirect_uri(v);
    }
    if let Some(v) = value(&f.state) {
        b = b.state(v);
    }
    if let Some(v) = f.approval_prompt {
        b = b.approval_prompt(v);
    }
    if let Some(v) = f.mode {
        b = b.mode(v);
    }
    if let Some((make, _)) = &f.make {
        b = b.make(make.clone());
    }
    if let Some(v) = f.single_select {
        b = b.single_select(v);
    }
    if let Some(v) = value(&f.single_select_vin) {
        b = b.single_select_vin(v);
    }
    if let Some(flags) = &f.flags {
        b = b.flags(connect_core::Flags::new(flags.iter().cloned())?);
    }
    if let Some(v) = value(&f.user) {
        b = b.user(v);
    }
    if let Some(v) = value(&f.external_id) {
        b = b.external_id(v);
    }
    b.build()
}

/// The text rendered at compile time, as a constant: the link costs nothing at
/// run time and can initialise a `static` or `const`. Each permission and
/// cataloged make is imported, with the user's span, from its documented constant
/// in connect-core, so an IDE shows its description on hover.
fn literal_link(krate: &TokenStream, link: &Link, url: &ConnectUrl) -> TokenStream {
    let text = url.as_str();
    let permissions = link.fields.scope.iter().flatten().map(|(_, ident)| ident);
    let make = link
        .fields
        .make
        .iter()
        .filter_map(|(_, ident)| ident.as_ref());
    quote! {{
        #[allow(unused_imports)]
        use #krate::permissions::{#(#permissions as _),*};
        #[allow(unused_imports)]
        use #krate::makes::{#(#make as _),*};
        #krate::__private::literal_url(#text)
    }}
}

/// `ConnectUrl::builder(…).state(…)…`: literals go in as checked constants,
/// expressions as their connect-core type (a note shows the fix when they are not).
fn built_link(krate: &TokenStream, link: &Link) -> TokenStream {
    let f = &link.fields;
    let mut calls = Vec::new();
    let mut call = |method: &str, value: TokenStream| {
        let method = Ident::new(method, Span::call_site());
        calls.push(quote!(.#method(#value)));
    };
    if let Some(v) = &f.vehicle_id {
        call("vehicle_id", text_value(krate, v, "VehicleId"));
    }
    if let Some(entries) = &f.scope {
        let entries = entries.iter().map(|(entry, ident)| {
            let required = entry.is_required();
            quote!(#krate::ScopeEntry::new(#krate::permissions::#ident, #required))
        });
        call(
            "scope",
            quote! {{
                const SCOPE: &[#krate::ScopeEntry] = &[#(#entries),*];
                #krate::__private::scope(SCOPE)
            }},
        );
    }
    if let Some(v) = &f.redirect_uri {
        let value = match v {
            Checked::Literal(uri) => literal(krate, uri.as_str(), "RedirectUri"),
            Checked::Expr(expr) => {
                quote_spanned!(span_of(expr)=> #krate::__private::web_redirect(#expr))
            }
        };
        call("redirect_uri", value);
    }
    if let Some(v) = &f.state {
        call("state", text_value(krate, v, "State"));
    }
    if let Some(v) = f.approval_prompt {
        let variant = match v {
            ApprovalPrompt::Auto => quote!(Auto),
            ApprovalPrompt::Force => quote!(Force),
        };
        call("approval_prompt", quote!(#krate::ApprovalPrompt::#variant));
    }
    if let Some(v) = f.mode {
        let variant = match v {
            Mode::Live => quote!(Live),
            Mode::Simulated => quote!(Simulated),
        };
        call("mode", quote!(#krate::Mode::#variant));
    }
    if let Some((make, ident)) = &f.make {
        let value = match ident {
            Some(ident) => quote!(#krate::makes::#ident),
            None => literal(krate, make.as_str(), "Make"),
        };
        call("make", value);
    }
    if let Some(v) = f.single_select {
        call("single_select", quote!(#v));
    }
    if let Some(v) = &f.single_select_vin {
        call("single_select_vin", text_value(krate, v, "Vin"));
    }
    if let Some(flags) = &f.flags {
        let flags = flags.iter().map(|flag| {
            let name = flag.name();
            let value = flag.value().unwrap_or_default();
            quote!(#krate::__private::flag(#name, #value))
        });
        call(
            "flags",
            quote! {{
                const FLAGS: &[#krate::Flag] = &[#(#flags),*];
                #krate::__private::flags(FLAGS)
            }},
        );
    }
    if let Some(v) = &f.user {
        call("user", text_value(krate, v, "User"));
    }
    if let Some(v) = &f.external_id {
        call("external_id", text_value(krate, v, "ExternalId"));
    }
    let (parameter, app_id) = &link.app_id;
    let constructor = match parameter {
        Parameter::ApplicationId => quote!(builder_with_application_id),
        _ => quote!(builder),
    };
    let app_id = text_value(krate, app_id, "ClientId");
    let none = f.response_type_none.then(|| quote!(.response_type_none()));
    quote! {
        #krate::__private::build(#krate::ConnectUrl::#constructor(#app_id) #none #(#calls)*)
    }
}

/// A checked literal as a constant, or an expression as the parameter's type.
fn text_value<T: AsRef<str>>(krate: &TokenStream, value: &Checked<T>, ty: &str) -> TokenStream {
    match value {
        Checked::Literal(v) => literal(krate, v.as_ref(), ty),
        Checked::Expr(expr) => {
            let ty = Ident::new(ty, Span::call_site());
            quote_spanned!(span_of(expr)=> #krate::__private::value::<#krate::#ty, _>(#expr))
        }
    }
}

/// A value checked at compile time: no check again at run time.
fn literal(krate: &TokenStream, text: &str, ty: &str) -> TokenStream {
    let ty = Ident::new(ty, Span::call_site());
    quote!(<#krate::#ty as #krate::__private::Literal>::literal(#text))
}

/// Where an expression begins, for the errors about its type.
fn span_of(expr: &TokenStream) -> Span {
    expr.clone()
        .into_iter()
        .next()
        .map_or(Span::call_site(), |t| t.span())
}
