//! [`Invocation`] → [`Link`]: every literal checked by connect-core's own rules,
//! and the rules between parameters by connect-core's `Combination`. Nothing is
//! decided here that connect-core does not decide at run time.

use std::str::FromStr;

use connect_core::__private::{self as core_private, Combination, Known};
use connect_core::{
    ApprovalPrompt, ClientId, Error, ExternalId, Flag, Make, Mode, Parameter, Problem, RedirectUri,
    ResponseType, ScopeEntry, State, User, VehicleId, Vin,
};
use proc_macro2::{Span, TokenStream};
use syn::Ident;

use crate::ast::{Invocation, List, MakeName, Text, Value};
use crate::ctxt::Ctxt;

/// A checked link: each value known at compile time, or an expression of its type.
pub struct Link {
    /// `client_id` or `application_id`, and the id.
    pub app_id: (Parameter, Checked<ClientId>),
    pub fields: Fields,
}

/// Every parameter but the app id.
pub struct Fields {
    pub response_type_none: bool,
    pub vehicle_id: Option<Checked<VehicleId>>,
    /// Each entry with the user's identifier, for its span.
    pub scope: Option<Vec<(ScopeEntry, Ident)>>,
    /// An expression here is a `WebRedirectUri`.
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
    pub external_id: Option<Checked<ExternalId>>,
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

    fn known(&self) -> Known<&T> {
        match self {
            Checked::Literal(v) => Known::Yes(v),
            Checked::Expr(_) => Known::AtRunTime,
        }
    }
}

pub fn validate(inv: &Invocation, call_site: Span, cx: &mut Ctxt) -> Option<Link> {
    // Every check runs before any early return, so all errors show at once.
    let app_id = app_id(inv, call_site, cx);
    let redirect_uri = text::<RedirectUri>(inv, Parameter::RedirectUri, cx);
    let single_select = inv
        .get(Parameter::SingleSelect)
        .and_then(|p| match p.value {
            Value::Bool(b) => Some(b),
            _ => None,
        });
    let response_type_none = word::<ResponseType>(inv, Parameter::ResponseType, cx, |text| {
        ResponseType::written(text)
    })
    .is_some();
    let fields = Fields {
        response_type_none,
        vehicle_id: text(inv, Parameter::VehicleId, cx),
        scope: scope(inv, cx),
        state: text(inv, Parameter::State, cx),
        approval_prompt: word(inv, Parameter::ApprovalPrompt, cx, str::parse),
        mode: word(inv, Parameter::Mode, cx, str::parse),
        make: make(inv, cx),
        single_select,
        single_select_vin: text(inv, Parameter::SingleSelectVin, cx),
        flags: flags(inv, cx),
        user: text(inv, Parameter::User, cx),
        external_id: text(inv, Parameter::ExternalId, cx),
        redirect_uri,
    };
    let app_id_known = app_id.as_ref().map_or(Known::No, |(_, id)| id.known());
    combination(inv, app_id_known, &fields, call_site, cx);
    if cx.has_errors() {
        return None;
    }
    Some(Link {
        app_id: app_id?,
        fields,
    })
}

/// `client_id` or `application_id`: exactly one of the two.
fn app_id(
    inv: &Invocation,
    call_site: Span,
    cx: &mut Ctxt,
) -> Option<(Parameter, Checked<ClientId>)> {
    let client_id = inv.get(Parameter::ClientId);
    let application_id = inv.get(Parameter::ApplicationId);
    let parameter = match (client_id, application_id) {
        (Some(_), None) => Parameter::ClientId,
        (None, Some(_)) => Parameter::ApplicationId,
        (Some(_), Some(second)) => {
            cx.rule(
                second.key.span(),
                &Error::new(Parameter::ApplicationId, Problem::BothAppIds),
            );
            return None;
        }
        (None, None) => {
            cx.rule(
                call_site,
                &Error::new(Parameter::ClientId, Problem::Missing),
            );
            return None;
        }
    };
    let value = match &inv.get(parameter)?.value {
        // The same rules under either name, each reported under the name written.
        Value::Text(Text::Literal(lit)) => match lit.value().parse::<ClientId>() {
            Ok(id) => Checked::Literal(id),
            Err(e) => {
                cx.rule(lit.span(), &Error::new(parameter, e.problem().clone()));
                return None;
            }
        },
        Value::Text(Text::Expr(tokens)) => Checked::Expr(tokens.clone()),
        _ => return None,
    };
    Some((parameter, value))
}

/// The rules between parameters, decided from which keys are present (even when
/// a value failed its own check, so both errors show) and the literals known.
fn combination(
    inv: &Invocation,
    app_id: Known<&ClientId>,
    link: &Fields,
    call_site: Span,
    cx: &mut Ctxt,
) {
    let given = |p| inv.get(p).is_some();
    let combination = Combination {
        client_id: app_id,
        // An expression is a `WebRedirectUri`: no rule ties it to the app id.
        redirect_uri: match &link.redirect_uri {
            Some(Checked::Literal(uri)) => Known::Yes(uri),
            _ => Known::No,
        },
        make: given(Parameter::Make),
        single_select: link.single_select,
        single_select_vin: given(Parameter::SingleSelectVin),
        vehicle_id: given(Parameter::VehicleId),
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

/// A word value (`mode: simulated`), read by connect-core's `parse`.
fn word<T>(
    inv: &Invocation,
    parameter: Parameter,
    cx: &mut Ctxt,
    parse: impl Fn(&str) -> Result<T, Error>,
) -> Option<T> {
    let Value::Word(word) = &inv.get(parameter)?.value else {
        return None;
    };
    parse(&word.to_string())
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
    let mut entries = Vec::new();
    for item in items {
        let prefix_ok = match &item.prefix {
            Some(prefix) => core_private::check_scope_prefix(&prefix.to_string())
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
    // connect-core decides what is wrong with the list; an empty one is reported
    // only when nothing was written (not when every entry written was wrong).
    let plain: Vec<ScopeEntry> = entries.iter().map(|(e, _)| *e).collect();
    for (index, error) in core_private::scope_problems(&plain) {
        match index {
            Some(i) => cx.rule(entries[i].1.span(), &error),
            None if *written_empty => cx.rule(*span, &error),
            None => {}
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
    for (index, error) in core_private::flags_problems(&flags) {
        match index {
            Some(i) => cx.rule(name_spans[i], &error),
            None if *written_empty => cx.rule(*span, &error),
            None => {}
        }
    }
    Some(flags)
}
