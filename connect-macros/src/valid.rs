//! [`Invocation`] → [`Link`]: every literal checked by connect-core's own rules,
//! and the rules between parameters by connect-core's `Combination`. Nothing is
//! decided here that connect-core does not decide at run time.

use std::str::FromStr;

use connect_core::__private::{self as core_private, Combination, Known};
use connect_core::{
    ClientId, ConnectUrlBuilder as B, Error, Flag, Flags, Make, Parameter, Problem, RedirectUri,
    ResponseType, Scope, ScopeEntry,
};
use proc_macro2::{Span, TokenStream};
use syn::Ident;

use crate::ast::{Invocation, List, MakeName, Text, Value};
use crate::ctxt::Ctxt;

/// A checked link: the app id, and one call on connect-core's builder for each
/// other parameter given, in the order of the parameter table.
pub struct Link {
    /// `client_id` or `application_id`, and the id.
    pub app_id: (Parameter, Checked<ClientId>),
    pub calls: Vec<Call>,
}

/// `.method(argument)` on connect-core's `ConnectUrlBuilder` for one parameter.
/// Each parameter's knowledge (its type, its setter) is written once, here: the
/// expansion only renders calls, now or as tokens.
pub struct Call {
    /// The parameter; its builder setter is named after it.
    pub parameter: Parameter,
    /// The call itself, when its value is known now: a fully literal link is
    /// rendered at compile time by running these.
    pub now: Option<Box<dyn FnOnce(B) -> B>>,
    /// The argument, for the builder at run time.
    pub argument: Argument,
}

/// The argument of a builder call, as the expansion writes it.
pub enum Argument {
    /// A literal checked at compile time, of connect-core's type `ty`.
    Literal {
        ty: &'static str,
        text: String,
    },
    /// An expression of connect-core's type `ty`, or a reference to one.
    Expr {
        ty: &'static str,
        tokens: TokenStream,
    },
    /// A `redirect_uri` expression: a `WebRedirectUri`, which goes with any app id.
    WebRedirect(TokenStream),
    /// `ty::variant`, e.g. `Mode::Simulated`, with the span of the user's word.
    Variant {
        ty: &'static str,
        variant: String,
        span: Span,
    },
    /// A make of the catalog, with the user's identifier (its span, for hover).
    CatalogMake(Ident),
    Bool(bool),
    /// Each entry: whether it is required, and the user's identifier.
    Scope(Vec<(bool, Ident)>),
    /// Each flag's name and value.
    Flags(Vec<(String, String)>),
    /// No argument (`.response_type_none()`).
    Nothing,
}

impl Call {
    /// The builder's setter: the parameter's name, but `response_type_none`.
    pub fn method(&self) -> &'static str {
        match self.parameter {
            Parameter::ResponseType => "response_type_none",
            parameter => parameter.name(),
        }
    }

    fn new(parameter: Parameter, argument: Argument, now: impl FnOnce(B) -> B + 'static) -> Self {
        Call {
            parameter,
            now: Some(Box::new(now)),
            argument,
        }
    }
}

pub enum Checked<T> {
    Literal(T),
    Expr(TokenStream),
}

impl<T> Checked<T> {
    fn known(&self) -> Known<&T> {
        match self {
            Checked::Literal(v) => Known::Yes(v),
            Checked::Expr(_) => Known::AtRunTime,
        }
    }
}

/// A setter of connect-core's builder, e.g. `ConnectUrlBuilder::state`.
type Setter<T> = fn(B, T) -> B;

pub fn validate(inv: &Invocation, call_site: Span, cx: &mut Ctxt) -> Option<Link> {
    // Every check runs before any early return, so all errors show at once.
    let app_id = app_id(inv, call_site, cx);
    let redirect_uri = text::<RedirectUri>(inv, Parameter::RedirectUri, cx);
    // A redirect URI expression is a `WebRedirectUri`: no rule ties it to the app id.
    let redirect_literal = match &redirect_uri {
        Some(Checked::Literal(uri)) => Some(uri.clone()),
        _ => None,
    };
    let single_select = match inv.get(Parameter::SingleSelect).map(|p| &p.value) {
        Some(Value::Bool(b)) => Some(*b),
        _ => None,
    };
    let mut calls = Vec::new();
    // One line per parameter, in canonical order: its value's type and setter.
    macro_rules! text {
        ($parameter:ident, $ty:literal, $setter:ident) => {
            calls.extend(text_call(inv, Parameter::$parameter, $ty, B::$setter, cx))
        };
    }
    macro_rules! variant {
        // The parameter and its enum share a name: `Mode`, `ApprovalPrompt`.
        ($parameter:ident, $setter:ident) => {
            calls.extend(variant(
                inv,
                Parameter::$parameter,
                stringify!($parameter),
                B::$setter,
                cx,
            ))
        };
    }
    calls.extend(response_type(inv, cx));
    text!(VehicleId, "VehicleId", vehicle_id);
    calls.extend(scope(inv, cx));
    calls.extend(redirect_uri.map(redirect_call));
    text!(State, "State", state);
    variant!(ApprovalPrompt, approval_prompt);
    variant!(Mode, mode);
    calls.extend(make(inv, cx));
    calls.extend(single_select.map(single_select_call));
    text!(SingleSelectVin, "Vin", single_select_vin);
    calls.extend(flags(inv, cx));
    text!(User, "User", user);
    text!(ExternalId, "ExternalId", external_id);
    // The rules between parameters, after each value's own errors.
    let app_id_given =
        inv.get(Parameter::ClientId).is_some() || inv.get(Parameter::ApplicationId).is_some();
    let app_id_known = match &app_id {
        Some((_, id)) => id.known(),
        None if app_id_given => Known::Invalid,
        None => Known::No,
    };
    // An expression (a `WebRedirectUri`) or a bad literal takes part in no rule.
    let redirect_known = redirect_literal.as_ref().map_or(Known::No, Known::Yes);
    combination(
        inv,
        app_id_known,
        redirect_known,
        single_select,
        call_site,
        cx,
    );
    if cx.has_errors() {
        return None;
    }
    Some(Link {
        app_id: app_id?,
        calls,
    })
}

fn single_select_call(value: bool) -> Call {
    let argument = Argument::Bool(value);
    Call::new(Parameter::SingleSelect, argument, move |b| {
        b.single_select(value)
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
    redirect_uri: Known<&RedirectUri>,
    single_select: Option<bool>,
    call_site: Span,
    cx: &mut Ctxt,
) {
    let given = |p| inv.get(p).is_some();
    // A value already reported as wrong takes part in no rule: one mistake, one error.
    let known = |p, value: Option<bool>| match value {
        Some(value) => Known::Yes(value),
        None if given(p) => Known::Invalid,
        None => Known::No,
    };
    let combination = Combination {
        client_id: app_id,
        redirect_uri,
        // Only whether it is given matters until the macro writes the Tesla
        // permission upgrade (`reauthenticate` without `vehicle_id`).
        make: if given(Parameter::Make) {
            Known::AtRunTime
        } else {
            Known::No
        },
        single_select: known(Parameter::SingleSelect, single_select),
        single_select_vin: given(Parameter::SingleSelectVin),
        vehicle_id: given(Parameter::VehicleId),
        scope: given(Parameter::Scope),
        reauthenticate: given(Parameter::VehicleId),
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

/// A text parameter's call: a literal checked with the type's `FromStr` (set
/// now), or an expression of connect-core's type `ty` (set at run time).
fn text_call<T>(
    inv: &Invocation,
    parameter: Parameter,
    ty: &'static str,
    set: Setter<T>,
    cx: &mut Ctxt,
) -> Option<Call>
where
    T: FromStr<Err = Error> + AsRef<str> + 'static,
{
    Some(match text::<T>(inv, parameter, cx)? {
        Checked::Literal(value) => {
            let text = value.as_ref().to_owned();
            Call::new(parameter, Argument::Literal { ty, text }, move |b| {
                set(b, value)
            })
        }
        Checked::Expr(tokens) => Call {
            parameter,
            now: None,
            argument: Argument::Expr { ty, tokens },
        },
    })
}

fn redirect_call(uri: Checked<RedirectUri>) -> Call {
    let parameter = Parameter::RedirectUri;
    match uri {
        Checked::Literal(uri) => {
            let text = uri.as_str().to_owned();
            let argument = Argument::Literal {
                ty: "RedirectUri",
                text,
            };
            Call::new(parameter, argument, move |b| b.redirect_uri(uri))
        }
        Checked::Expr(tokens) => Call {
            parameter,
            now: None,
            argument: Argument::WebRedirect(tokens),
        },
    }
}

/// A word value (`mode: simulated`), read by connect-core's `parse`.
fn word<T>(
    inv: &Invocation,
    parameter: Parameter,
    cx: &mut Ctxt,
    parse: impl Fn(&str) -> Result<T, Error>,
) -> Option<(T, Span)> {
    let Value::Word(word) = &inv.get(parameter)?.value else {
        return None;
    };
    parse(&word.to_string())
        .map(|value| (value, word.span()))
        .map_err(|e| cx.rule(word.span(), &e))
        .ok()
}

/// An enum of connect-core written as a word, expanded to `Type::Variant`. The
/// variant's name is its `Debug` (these enums are fieldless and derive it), so a
/// new variant needs no table here.
fn variant<T>(
    inv: &Invocation,
    parameter: Parameter,
    ty: &'static str,
    set: Setter<T>,
    cx: &mut Ctxt,
) -> Option<Call>
where
    T: FromStr<Err = Error> + Copy + std::fmt::Debug + 'static,
{
    let (value, span): (T, Span) = word(inv, parameter, cx, str::parse)?;
    let variant = format!("{value:?}");
    let argument = Argument::Variant { ty, variant, span };
    Some(Call::new(parameter, argument, move |b| set(b, value)))
}

/// `response_type: none`, the only value that may be written.
fn response_type(inv: &Invocation, cx: &mut Ctxt) -> Option<Call> {
    word(inv, Parameter::ResponseType, cx, ResponseType::written)?;
    Some(Call::new(
        Parameter::ResponseType,
        Argument::Nothing,
        B::response_type_none,
    ))
}

fn scope(inv: &Invocation, cx: &mut Ctxt) -> Option<Call> {
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
    let scope = Scope::new(plain).ok()?;
    let argument = Argument::Scope(
        entries
            .into_iter()
            .map(|(entry, ident)| (entry.is_required(), ident))
            .collect(),
    );
    Some(Call::new(Parameter::Scope, argument, move |b| {
        b.scope(scope)
    }))
}

fn make(inv: &Invocation, cx: &mut Ctxt) -> Option<Call> {
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
    let make: Make = result.map_err(|e| cx.rule(span, &e)).ok()?;
    let argument = match ident {
        // Resolves, with the user's span, to its documented constant.
        Some(ident) => Argument::CatalogMake(ident),
        None => Argument::Literal {
            ty: "Make",
            text: make.as_str().to_owned(),
        },
    };
    Some(Call::new(Parameter::Make, argument, move |b| b.make(make)))
}

fn flags(inv: &Invocation, cx: &mut Ctxt) -> Option<Call> {
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
    let argument = Argument::Flags(
        flags
            .iter()
            .map(|f| {
                (
                    f.name().to_owned(),
                    f.value().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
    );
    let flags = Flags::new(flags).ok()?;
    Some(Call::new(Parameter::Flags, argument, move |b| {
        b.flags(flags)
    }))
}
