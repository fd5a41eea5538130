//! [`Invocation`] → [`Link`]: every literal checked by connect-core's own rules,
//! and the rules between parameters by [`connect_core::Combination`]. Nothing is
//! decided here that connect-core does not decide at run time.

use std::str::FromStr;

use connect_core::{
    ApprovalPrompt, ClientId, Combination, Error, Flag, Flags, Make, Mode, Parameter, Problem,
    RedirectUri, Scope, ScopeEntry, State, User, VehicleId, Vin,
};
use proc_macro2::{Span, TokenStream};
use syn::Ident;

use crate::ast::{Invocation, List, MakeName, Text, Value};
use crate::ctxt::Ctxt;

/// A checked link: each value known at compile time, or an expression of its type.
pub struct Link {
    pub client_id: Checked<ClientId>,
    pub vehicle_id: Option<Checked<VehicleId>>,
    /// Each entry with the user's identifier, for its span.
    pub scope: Option<Vec<(ScopeEntry, Ident)>>,
    pub redirect_uri: Option<Checked<RedirectUri>>,
    pub state: Option<Checked<State>>,
    pub approval_prompt: Option<ApprovalPrompt>,
    pub mode: Option<Mode>,
    /// With the user's identifier when it names a cataloged make.
    pub make: Option<(Make, Option<Ident>)>,
    pub single_select: Option<bool>,
    pub single_select_vin: Option<Checked<Vin>>,
    pub flags: Option<Vec<Flag>>,
    pub user: Option<Checked<User>>,
    /// The `sc<client_id>://` rule could not be decided at compile time (a
    /// redirect URI or client id known only at run time): the link is a `Result`.
    pub checked_at_run_time: bool,
}

pub enum Checked<T> {
    Literal(T),
    Expr(TokenStream),
}

impl<T> Checked<T> {
    pub fn literal(&self) -> Option<&T> {
        match self {
            Checked::Literal(v) => Some(v),
            Checked::Expr(_) => None,
        }
    }
}

pub fn validate(inv: &Invocation, call_site: Span, cx: &mut Ctxt) -> Option<Link> {
    // Every check runs before any early return, so all errors show at once.
    let client_id = text::<ClientId>(inv, Parameter::ClientId, cx);
    if inv.get(Parameter::ClientId).is_none() {
        cx.rule(
            call_site,
            &Error::new(Parameter::ClientId, Problem::Missing),
        );
    }
    let redirect_uri = text::<RedirectUri>(inv, Parameter::RedirectUri, cx);
    let single_select = inv
        .get(Parameter::SingleSelect)
        .and_then(|p| match p.value {
            Value::Bool(b) => Some(b),
            _ => None,
        });
    let vehicle_id = text(inv, Parameter::VehicleId, cx);
    let scope = scope(inv, cx);
    let state = text(inv, Parameter::State, cx);
    let approval_prompt = word(inv, Parameter::ApprovalPrompt, cx);
    let mode = word(inv, Parameter::Mode, cx);
    let make = make(inv, cx);
    let single_select_vin = text(inv, Parameter::SingleSelectVin, cx);
    let flags = flags(inv, cx);
    let user = text(inv, Parameter::User, cx);
    combination(
        inv,
        client_id.as_ref().and_then(Checked::literal),
        redirect_uri.as_ref().and_then(Checked::literal),
        single_select,
        call_site,
        cx,
    );
    if cx.has_errors() {
        return None;
    }
    Some(Link {
        checked_at_run_time: match (&client_id, &redirect_uri) {
            (_, Some(Checked::Expr(_))) => true,
            (Some(Checked::Expr(_)), Some(Checked::Literal(uri))) => {
                uri.mobile_client_id().is_some()
            }
            _ => false,
        },
        client_id: client_id?,
        vehicle_id,
        scope,
        redirect_uri,
        state,
        approval_prompt,
        mode,
        make,
        single_select,
        single_select_vin,
        flags,
        user,
    })
}

/// The rules between parameters, decided from which keys are present (even when
/// a value failed its own check, so both errors show) and the literals known.
fn combination(
    inv: &Invocation,
    client_id: Option<&ClientId>,
    redirect_uri: Option<&RedirectUri>,
    single_select: Option<bool>,
    call_site: Span,
    cx: &mut Ctxt,
) {
    let combination = Combination {
        client_id,
        redirect_uri,
        make: inv.get(Parameter::Make).is_some(),
        single_select,
        single_select_vin: inv.get(Parameter::SingleSelectVin).is_some(),
        vehicle_id: inv.get(Parameter::VehicleId).is_some(),
    };
    for error in combination.errors() {
        let param = error.parameter().and_then(|p| inv.get(p));
        let span = match (param, error.problem()) {
            (Some(p), Problem::RedirectMobileMismatch { .. }) => {
                value_span(&p.value).unwrap_or(p.key.span())
            }
            (Some(p), _) => p.key.span(),
            (None, _) => call_site,
        };
        cx.rule(span, &error);
    }
}

fn value_span(value: &Value) -> Option<Span> {
    match value {
        Value::Text(Text::Literal(lit)) => Some(lit.span()),
        _ => None,
    }
}

/// A text value: a literal checked with the type's `FromStr`, or an expression.
fn text<T: FromStr<Err = Error>>(
    inv: &Invocation,
    parameter: Parameter,
    cx: &mut Ctxt,
) -> Option<Checked<T>> {
    match &inv.get(parameter)?.value {
        Value::Text(Text::Literal(lit)) => match lit.value().parse() {
            Ok(value) => Some(Checked::Literal(value)),
            Err(e) => {
                cx.rule(lit.span(), &e);
                None
            }
        },
        Value::Text(Text::Expr(tokens)) => Some(Checked::Expr(tokens.clone())),
        _ => None,
    }
}

fn word<T: FromStr<Err = Error>>(
    inv: &Invocation,
    parameter: Parameter,
    cx: &mut Ctxt,
) -> Option<T> {
    let Value::Word(word) = &inv.get(parameter)?.value else {
        return None;
    };
    word.to_string()
        .parse()
        .map_err(|e| cx.rule(word.span(), &e))
        .ok()
}

fn scope(inv: &Invocation, cx: &mut Ctxt) -> Option<Vec<(ScopeEntry, Ident)>> {
    let Value::Scope(List {
        entries: items,
        span,
        written_empty,
    }) = &inv.get(Parameter::Scope)?.value
    else {
        return None;
    };
    if *written_empty {
        cx.rule(*span, &Error::new(Parameter::Scope, Problem::Empty));
        return None;
    }
    let mut entries = Vec::new();
    for item in items {
        let prefix_ok = match &item.prefix {
            Some(prefix) => ScopeEntry::check_prefix(&prefix.to_string())
                .map_err(|e| cx.rule(prefix.span(), &e))
                .is_ok(),
            None => true,
        };
        match item.permission.to_string().parse() {
            Ok(permission) if prefix_ok => entries.push((
                ScopeEntry::new(permission, item.prefix.is_some()),
                item.permission.clone(),
            )),
            Ok(_) => {}
            Err(e) => cx.rule(item.permission.span(), &e),
        }
    }
    let plain: Vec<ScopeEntry> = entries.iter().map(|(e, _)| *e).collect();
    for (index, error) in Scope::problems(&plain) {
        if let Some(i) = index {
            cx.rule(entries[i].1.span(), &error);
        }
    }
    Some(entries)
}

fn make(inv: &Invocation, cx: &mut Ctxt) -> Option<(Make, Option<Ident>)> {
    let Value::Make(name) = &inv.get(Parameter::Make)?.value else {
        return None;
    };
    let (result, span, ident) = match name {
        MakeName::Catalog(ident) => (
            Make::from_catalog(&ident.to_string()),
            ident.span(),
            Some(ident.clone()),
        ),
        MakeName::Literal(lit) => (lit.value().parse(), lit.span(), None),
    };
    result
        .map(|make| (make, ident))
        .map_err(|e| cx.rule(span, &e))
        .ok()
}

fn flags(inv: &Invocation, cx: &mut Ctxt) -> Option<Vec<Flag>> {
    let Value::Flags(List {
        entries: items,
        span,
        written_empty,
    }) = &inv.get(Parameter::Flags)?.value
    else {
        return None;
    };
    let mut flags = Vec::new();
    let mut name_spans = Vec::new();
    for item in items {
        match Flag::new(&item.name, &item.value) {
            Ok(flag) => {
                flags.push(flag);
                name_spans.push(item.name_span);
            }
            Err(e) => {
                let at_name = matches!(e.problem(), Problem::InvalidFlagName { .. });
                cx.rule(
                    if at_name {
                        item.name_span
                    } else {
                        item.value_span
                    },
                    &e,
                );
            }
        }
    }
    for (index, error) in Flags::problems(&flags) {
        match index {
            Some(i) => cx.rule(name_spans[i], &error),
            None if *written_empty => cx.rule(*span, &error),
            None => {}
        }
    }
    Some(flags)
}
