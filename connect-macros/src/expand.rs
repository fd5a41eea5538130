//! [`Link`] → tokens. A fully literal link is rendered now, by connect-core, and
//! becomes a `const`; otherwise the link is built through connect-core's builder
//! at run time from the literals (already checked) and the expressions.

use connect_core::{ApprovalPrompt, ConnectUrl, Flag, Mode, Scope, ScopeEntry};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::ctxt::Ctxt;
use crate::valid::{Checked, Link};

/// The whole macro: parse → validate → expand. Errors replace the link.
pub fn connect_url(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let invocation = crate::parse::parse(input, &mut cx);
    let Some(link) = crate::valid::validate(&invocation, Span::call_site(), &mut cx) else {
        return cx.into_compile_errors();
    };
    if link.is_literal() {
        match render_now(&link) {
            Ok(url) => literal_link(&link, &url),
            Err(error) => {
                // validate() ran the same rules: unreachable, but never a panic.
                cx.rule(Span::call_site(), &error);
                cx.into_compile_errors()
            }
        }
    } else {
        built_link(&link)
    }
}

impl Link {
    fn is_literal(&self) -> bool {
        fn lit<T>(v: &Option<Checked<T>>) -> bool {
            !matches!(v, Some(Checked::Expr(_)))
        }
        matches!(self.client_id, Checked::Literal(_))
            && lit(&self.vehicle_id)
            && lit(&self.redirect_uri)
            && lit(&self.state)
            && lit(&self.single_select_vin)
            && lit(&self.user)
    }
}

/// Renders a fully literal link with connect-core's builder, at compile time.
fn render_now(link: &Link) -> Result<ConnectUrl, connect_core::Error> {
    fn value<T: Clone>(v: &Option<Checked<T>>) -> Option<T> {
        v.as_ref().and_then(Checked::literal).cloned()
    }
    let Checked::Literal(client_id) = &link.client_id else {
        unreachable!("is_literal() checked the client id")
    };
    let mut b = ConnectUrl::builder(client_id.clone());
    if let Some(v) = value(&link.vehicle_id) {
        b = b.vehicle_id(v);
    }
    if let Some(entries) = &link.scope {
        b = b.scope(Scope::new(entries.iter().map(|(e, _)| *e))?);
    }
    if let Some(v) = value(&link.redirect_uri) {
        b = b.redirect_uri(v);
    }
    if let Some(v) = value(&link.state) {
        b = b.state(v);
    }
    if let Some(v) = link.approval_prompt {
        b = b.approval_prompt(v);
    }
    if let Some(v) = link.mode {
        b = b.mode(v);
    }
    if let Some((make, _)) = &link.make {
        b = b.make(make.clone());
    }
    if let Some(v) = link.single_select {
        b = b.single_select(v);
    }
    if let Some(v) = value(&link.single_select_vin) {
        b = b.single_select_vin(v);
    }
    if let Some(flags) = &link.flags {
        b = b.flags(connect_core::Flags::new(flags.iter().cloned())?);
    }
    if let Some(v) = value(&link.user) {
        b = b.user(v);
    }
    b.build()
}

/// `{ const URL: ConnectUrl = …; URL }`: the text and the typed request both
/// built at compile time, so the link costs nothing at run time and can
/// initialise a `static` or `const`.
fn literal_link(link: &Link, url: &ConnectUrl) -> TokenStream {
    let text = url.as_str();
    let client_id = checked(&link.client_id, quote!(::connect_core::ClientId));
    let vehicle_id = optional_checked(&link.vehicle_id, quote!(::connect_core::VehicleId));
    let scope = optional(link.scope.as_deref().map(scope));
    let redirect_uri = optional_checked(&link.redirect_uri, quote!(::connect_core::RedirectUri));
    let state = optional_checked(&link.state, quote!(::connect_core::State));
    let approval_prompt = optional(link.approval_prompt.map(approval_prompt));
    let mode = optional(link.mode.map(mode));
    let make = optional(link.make.as_ref().map(make));
    let single_select = optional(link.single_select.map(|b| quote!(#b)));
    let single_select_vin = optional_checked(&link.single_select_vin, quote!(::connect_core::Vin));
    let flags = optional(link.flags.as_deref().map(flags));
    let user = optional_checked(&link.user, quote!(::connect_core::User));
    quote! {{
        const CONNECT_URL: ::connect_core::ConnectUrl = ::connect_core::ConnectUrl::__literal(
            #text,
            ::connect_core::ConnectRequest::__literal(
                #client_id, #vehicle_id, #scope, #redirect_uri, #state, #approval_prompt,
                #mode, #make, #single_select, #single_select_vin, #flags, #user,
            ),
        );
        CONNECT_URL
    }}
}

fn optional_checked<T: AsRef<str>>(value: &Option<Checked<T>>, ty: TokenStream) -> TokenStream {
    optional(value.as_ref().map(|v| checked(v, ty)))
}

fn optional(tokens: Option<TokenStream>) -> TokenStream {
    match tokens {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    }
}

/// `ConnectUrl::builder(…).state(…)…`: literals go in as checked constants,
/// expressions through `Into` into their connect-core type.
fn built_link(link: &Link) -> TokenStream {
    let mut calls = Vec::new();
    let mut call = |method: &str, value: TokenStream| {
        let method = Ident::new(method, Span::call_site());
        calls.push(quote!(.#method(#value)));
    };
    if let Some(v) = &link.vehicle_id {
        call("vehicle_id", checked(v, quote!(::connect_core::VehicleId)));
    }
    if let Some(entries) = &link.scope {
        call("scope", scope(entries));
    }
    if let Some(v) = &link.redirect_uri {
        call(
            "redirect_uri",
            checked(v, quote!(::connect_core::RedirectUri)),
        );
    }
    if let Some(v) = &link.state {
        call("state", checked(v, quote!(::connect_core::State)));
    }
    if let Some(v) = link.approval_prompt {
        call("approval_prompt", approval_prompt(v));
    }
    if let Some(v) = link.mode {
        call("mode", mode(v));
    }
    if let Some(v) = &link.make {
        call("make", make(v));
    }
    if let Some(v) = link.single_select {
        call("single_select", quote!(#v));
    }
    if let Some(v) = &link.single_select_vin {
        call("single_select_vin", checked(v, quote!(::connect_core::Vin)));
    }
    if let Some(v) = &link.flags {
        call("flags", flags(v));
    }
    if let Some(v) = &link.user {
        call("user", checked(v, quote!(::connect_core::User)));
    }
    let client_id = checked(&link.client_id, quote!(::connect_core::ClientId));
    // Every rule was decided at compile time, except the `sc<client_id>://` one
    // when a redirect URI or client id is known only at run time.
    let finish = if link.checked_at_run_time {
        quote!(.build())
    } else {
        quote!(.__build_checked())
    };
    quote! {
        ::connect_core::ConnectUrl::builder(#client_id) #(#calls)* #finish
    }
}

/// A checked literal as a constant, or an expression converted into `ty`.
fn checked<T: AsRef<str>>(value: &Checked<T>, ty: TokenStream) -> TokenStream {
    match value {
        Checked::Literal(v) => {
            let text = v.as_ref();
            quote!(#ty::__literal(#text))
        }
        Checked::Expr(expr) => {
            let span = expr
                .clone()
                .into_iter()
                .next()
                .map_or(Span::call_site(), |t| t.span());
            quote_spanned!(span=> ::core::convert::Into::<#ty>::into(#expr))
        }
    }
}

/// Each permission resolves, with the user's span, to its documented constant in
/// `connect_core::permissions`, so an IDE shows the description on hover.
fn scope(entries: &[(ScopeEntry, Ident)]) -> TokenStream {
    let entries = entries.iter().map(|(entry, ident)| {
        let required = entry.is_required();
        quote!(::connect_core::ScopeEntry::new(::connect_core::permissions::#ident, #required))
    });
    quote! {{
        const SCOPE: &[::connect_core::ScopeEntry] = &[#(#entries),*];
        ::connect_core::Scope::__literal(SCOPE)
    }}
}

fn flags(flags: &[Flag]) -> TokenStream {
    let flags = flags.iter().map(|f| {
        let (name, value) = (f.name(), f.value());
        quote!(::connect_core::Flag::__literal(#name, #value))
    });
    quote! {{
        const FLAGS: &[::connect_core::Flag] = &[#(#flags),*];
        ::connect_core::Flags::__literal(FLAGS)
    }}
}

/// A cataloged make resolves, with the user's span, to `connect_core::makes::NAME`.
fn make((make, ident): &(connect_core::Make, Option<Ident>)) -> TokenStream {
    match ident {
        Some(ident) => quote!(::connect_core::makes::#ident),
        None => {
            let text = make.as_str();
            quote!(::connect_core::Make::__literal(#text))
        }
    }
}

fn approval_prompt(v: ApprovalPrompt) -> TokenStream {
    match v {
        ApprovalPrompt::Auto => quote!(::connect_core::ApprovalPrompt::Auto),
        ApprovalPrompt::Force => quote!(::connect_core::ApprovalPrompt::Force),
    }
}

fn mode(v: Mode) -> TokenStream {
    match v {
        Mode::Live => quote!(::connect_core::Mode::Live),
        Mode::Simulated => quote!(::connect_core::Mode::Simulated),
    }
}
