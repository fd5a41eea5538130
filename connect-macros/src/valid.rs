//! [`Invocation`] → [`Link`]: every literal checked by connect-core's own rules,
//! through the setters of its parameter table (`__private::ROWS`), and the rules
//! between parameters by connect-core's `Combination`, once. Nothing is decided
//! here that connect-core does not decide at run time.

use connect_core::__private::{self as core_private, Combination, Form, Given};
use connect_core::{ClientId, ConnectUrl, ConnectUrlBuilder, Error, Make, Parameter, Problem};
use connect_core::{Flag, Flags, Permission, Scope, ScopeEntry};
use proc_macro2::{Span, TokenStream};
use syn::Ident;

use crate::ast::{FlagItem, Invocation, List, Literal, MakeName, ScopeItem, Value};
use crate::ctxt::Ctxt;
use crate::messages::Syntax;
use crate::registration::Registered;
#[cfg(feature = "registration")]
use {
    crate::registration as registry,
    connect_core::registration::{Application, Registration},
};

/// A checked link: the app id, one call on connect-core's builder for each other
/// parameter given, in the order of the parameter table, and the link itself when
/// every value is a literal (rendered now, by connect-core).
pub struct Link {
    /// `client_id` or `application_id`, and the id.
    pub app_id: (Parameter, Argument),
    pub calls: Vec<Call>,
    pub rendered: Option<ConnectUrl>,
    /// Which registered redirect URI Connect uses when the link gives none.
    pub default_redirect: Option<String>,
}

/// `.method(argument)` on connect-core's `ConnectUrlBuilder` for one parameter.
pub struct Call {
    /// The builder's setter: the parameter's name, but for `response_type`
    /// (`response_type_none`, `reauthenticate`).
    pub setter: &'static str,
    /// The span of the user's key, for hover on the setter.
    pub key: Span,
    pub argument: Argument,
}

/// The argument of a builder call, as the expansion writes it.
pub enum Argument {
    /// A string literal checked at compile time, as the setter's type.
    Text(String),
    /// `Type::Variant` (`Mode::Simulated`), with the span of the user's word.
    Variant {
        type_name: &'static str,
        variant: &'static str,
        span: Span,
    },
    Bool(bool),
    /// A make of the catalog, with the user's identifier (its span, for hover).
    CatalogMake(Ident),
    /// Each entry: whether it is required, and the user's identifier.
    Scope(Vec<(bool, Ident)>),
    /// Each flag's name and value.
    Flags(Vec<(String, String)>),
    /// An expression of the type connect-core's table gives the parameter
    /// (`__private::expressions::state`), which converts into its value type.
    Expr {
        parameter: Parameter,
        tokens: TokenStream,
    },
    /// No argument (`.response_type_none()`).
    Nothing,
}

/// The builder the literals are set on, carried through setters that take it by
/// value and hand it back with an error.
struct Builder(Option<ConnectUrlBuilder>);

impl Builder {
    /// Runs a setter; on a refusal, reports connect-core's error at `span`.
    fn apply(
        &mut self,
        set: impl FnOnce(ConnectUrlBuilder) -> (ConnectUrlBuilder, Option<Error>),
        span: Span,
        cx: &mut Ctxt,
    ) -> bool {
        let Some(builder) = self.0.take() else {
            return false;
        };
        let (builder, refused) = set(builder);
        self.0 = Some(builder);
        match refused {
            Some(error) => {
                cx.rule(span, &error);
                false
            }
            None => true,
        }
    }
}

pub fn validate(
    inv: &Invocation,
    call_site: Span,
    registration: &Registered,
    cx: &mut Ctxt,
) -> Option<Link> {
    // Every check runs before any early return, so all errors show at once.
    let mut builder = Builder(Some(core_private::builder()));
    let mut given = [Given::Absent; Parameter::ALL.len()];
    let declared = !matches!(registration, Registered::No);
    // The registration, when there is one, gives the app id and the note.
    #[cfg_attr(not(feature = "registration"), allow(unused_mut))]
    let mut app_id = app_id(inv, call_site, declared, &mut given, cx);
    let mut calls = Vec::new();
    // Each permission of a literal scope, once, where it is written: checked
    // against the registration even when the list itself is refused (a
    // duplicate does not hide a permission the application may not request).
    let mut permissions = Vec::new();
    calls.extend(response_type(inv, &mut builder, &mut given, cx));
    for row in core_private::ROWS {
        let Some(param) = inv.get(row.parameter) else {
            continue;
        };
        let (argument, state) = match &param.value {
            Value::Invalid => (None, Given::Invalid),
            Value::Expr(tokens) => {
                let argument = Argument::Expr {
                    parameter: row.parameter,
                    tokens: tokens.clone(),
                };
                (Some(argument), Given::AtRunTime)
            }
            Value::Literal(literal) => {
                match literal_call(row.form, literal, &mut builder, &mut permissions, cx) {
                    Some(argument) => (Some(argument), Given::Value),
                    None => (None, Given::Invalid),
                }
            }
        };
        given[row.parameter as usize] = state;
        calls.extend(argument.map(|argument| Call {
            setter: row.parameter.name(),
            key: param.key.span(),
            argument,
        }));
    }
    let mut builder = builder.0?;
    #[cfg_attr(not(feature = "registration"), allow(unused_mut))]
    let mut note = None;
    match registration {
        #[cfg(feature = "registration")]
        Registered::Yes(found) => {
            let application = registered(
                inv,
                &found.registration,
                app_id.as_ref(),
                &builder,
                &given,
                &permissions,
                call_site,
                cx,
            );
            if let Some(application) = application {
                // No app id written: the registration's is a literal like any other.
                if let Some((parameter, None)) = app_id {
                    if inv.get(parameter).is_none() {
                        app_id = Some((parameter, Some(application.app_id().clone())));
                        given[parameter as usize] = Given::Value;
                    }
                }
                if given[Parameter::RedirectUri as usize] == Given::Absent {
                    note = Some(registry::default_redirect_note(application));
                }
            }
        }
        Registered::No => {
            if let Some(app) = &inv.app {
                let name = app.to_string();
                cx.syntax(app.span(), &Syntax::AppWithoutRegistration { name: &name });
            }
        }
        Registered::Unreadable => {}
    }
    if let Some((parameter, Some(id))) = &app_id {
        builder = core_private::with_app_id(builder, *parameter, id.clone());
    }
    rules(
        inv,
        &builder,
        &given,
        app_id.as_ref().map(|(p, _)| *p),
        call_site,
        cx,
    );
    if cx.has_errors() {
        return None;
    }
    let (parameter, id) = app_id?;
    let all_literal = id.is_some()
        && calls
            .iter()
            .all(|c| !matches!(c.argument, Argument::Expr { .. }));
    let app_id = match id {
        Some(id) => Argument::Text(id.as_str().to_owned()),
        None => match &inv.get(parameter)?.value {
            Value::Expr(tokens) => Argument::Expr {
                parameter,
                tokens: tokens.clone(),
            },
            _ => return None,
        },
    };
    Some(Link {
        app_id: (parameter, app_id),
        calls,
        default_redirect: note,
        // The rules ran above, once: the link is built without them.
        rendered: all_literal.then(|| core_private::build(builder)),
    })
}

/// `client_id` or `application_id`: exactly one of the two; the id when it is a
/// literal that checks.
fn app_id(
    inv: &Invocation,
    call_site: Span,
    registered: bool,
    given: &mut [Given],
    cx: &mut Ctxt,
) -> Option<(Parameter, Option<ClientId>)> {
    let written = core_private::one_app_id(
        inv.get(Parameter::ClientId),
        inv.get(Parameter::ApplicationId),
    );
    let (parameter, param) = match written {
        Ok(one) => one,
        // The registration gives it (`registered`, below).
        Err(e) if *e.problem() == Problem::Missing && registered => {
            return Some((Parameter::ClientId, None));
        }
        // Both: on the second key; neither: on the whole link.
        Err(e) => {
            let span = e
                .parameter()
                .and_then(|p| inv.get(p))
                .map_or(call_site, |p| p.key.span());
            cx.rule(span, &e);
            return None;
        }
    };
    let (id, state) = match &param.value {
        // The same rules under either name, each reported under the name written.
        Value::Literal(Literal::Text(lit)) => match core_private::app_id(&lit.value(), parameter) {
            Ok(id) => (Some(id), Given::Value),
            Err(e) => {
                cx.rule(lit.span(), &e);
                (None, Given::Invalid)
            }
        },
        Value::Expr(_) => (None, Given::AtRunTime),
        _ => (None, Given::Invalid),
    };
    given[parameter as usize] = state;
    (state != Given::Invalid).then_some((parameter, id))
}

/// The link's literals against the application's registration, each error on
/// the literal it concerns; the application, when the link says which it is.
/// An app id given as an expression without `app:` says nothing the registration
/// can check at compile time.
#[cfg(feature = "registration")]
#[allow(clippy::too_many_arguments)]
fn registered<'r>(
    inv: &Invocation,
    registration: &'r Registration,
    app_id: Option<&(Parameter, Option<ClientId>)>,
    builder: &ConnectUrlBuilder,
    given: &[Given],
    written: &[(Permission, Span)],
    call_site: Span,
    cx: &mut Ctxt,
) -> Option<&'r Application> {
    let (app_id_parameter, app_id) = match app_id {
        Some((parameter, id)) => (Some(*parameter), id.as_ref()),
        None => (None, None),
    };
    let app_id_is_expression =
        app_id_parameter.is_some_and(|p| given[p as usize] == Given::AtRunTime);
    if app_id_is_expression && inv.app.is_none() {
        return None;
    }
    let request = core_private::request(builder);
    let literal = |p: Parameter| given[p as usize] == Given::Value;
    let permissions: Vec<Permission> = written.iter().map(|(p, _)| *p).collect();
    let app = inv.app.as_ref().map(ToString::to_string);
    let literals = registry::Literals {
        app: app.as_deref(),
        app_id: app_id.map(ClientId::as_str),
        app_id_parameter,
        redirect_uri: request
            .redirect_uri()
            .filter(|_| literal(Parameter::RedirectUri)),
        permissions: &permissions,
        make: request.make().filter(|_| literal(Parameter::Make)),
    };
    let checked = registry::check(registration, &literals);
    let value_of = |p: Parameter| inv.get(p).map(|param| value_span(&param.value));
    // An app name or app id written but refused is reported on its token: the
    // link names its application, so "names none" would be a false follow-on.
    let named_but_refused =
        app.is_none() && app_id.is_none() && (inv.app_written || app_id_written(inv));
    for registry::Tagged { literal, error } in &checked.errors {
        let span = match literal {
            registry::Literal::Link if named_but_refused => continue,
            registry::Literal::Link => None,
            registry::Literal::App => inv.app.as_ref().map(Ident::span),
            registry::Literal::AppId => app_id_parameter.and_then(value_of),
            registry::Literal::RedirectUri => value_of(Parameter::RedirectUri),
            registry::Literal::Permission(i) => written.get(*i).map(|(_, span)| *span),
            registry::Literal::Make => value_of(Parameter::Make),
        };
        cx.rule(span.unwrap_or(call_site), error);
    }
    checked.application
}

/// Whether the link writes a `client_id` or an `application_id` key, valid or not.
#[cfg(feature = "registration")]
fn app_id_written(inv: &Invocation) -> bool {
    inv.get(Parameter::ClientId).is_some() || inv.get(Parameter::ApplicationId).is_some()
}

/// `response_type: none`, the only value that may be written; no argument.
fn response_type(
    inv: &Invocation,
    builder: &mut Builder,
    given: &mut [Given],
    cx: &mut Ctxt,
) -> Option<Call> {
    let param = inv.get(Parameter::ResponseType)?;
    given[Parameter::ResponseType as usize] = Given::Invalid;
    let vehicle_id_given = inv.get(Parameter::VehicleId).is_some();
    let (setter, set) = match &param.value {
        Value::Literal(Literal::Word(word, span)) => {
            match core_private::response_type_call(word, vehicle_id_given) {
                Some(call) => call,
                None => {
                    cx.syntax(*span, &Syntax::ResponseTypeNotWritable { value: word });
                    return None;
                }
            }
        }
        Value::Expr(tokens) => {
            cx.syntax(span_of(tokens), &Syntax::ResponseTypeExpression);
            return None;
        }
        _ => return None,
    };
    given[Parameter::ResponseType as usize] = Given::Value;
    builder.0 = builder.0.take().map(set);
    Some(Call {
        setter,
        key: param.key.span(),
        argument: Argument::Nothing,
    })
}

/// A literal checked and set by its row's setter, and the argument that writes it.
fn literal_call(
    form: Form,
    literal: &Literal,
    builder: &mut Builder,
    permissions: &mut Vec<(Permission, Span)>,
    cx: &mut Ctxt,
) -> Option<Argument> {
    match (form, literal) {
        (Form::Text(set), Literal::Text(lit)) => {
            let text = lit.value();
            builder
                .apply(|b| set(b, &text), lit.span(), cx)
                .then_some(Argument::Text(text))
        }
        (
            Form::Word {
                type_name,
                variants,
                set,
                ..
            },
            Literal::Word(word, span),
        ) => {
            if !builder.apply(|b| set(b, word), *span, cx) {
                return None;
            }
            let (_, variant) = variants.iter().find(|(name, _)| name == word)?;
            Some(Argument::Variant {
                type_name,
                variant,
                span: *span,
            })
        }
        (Form::Bool(set), Literal::Bool(value, span)) => builder
            .apply(|b| set(b, *value), *span, cx)
            .then_some(Argument::Bool(*value)),
        (Form::Make(set), Literal::Make(name)) => {
            let (make, argument) = make(name, cx)?;
            builder
                .apply(|b| set(b, make), literal.span(), cx)
                .then_some(argument)
        }
        (Form::Scope(set), Literal::Scope(list)) => {
            let (scope, argument) = scope(list, permissions, cx)?;
            builder
                .apply(|b| set(b, scope), list.span, cx)
                .then_some(argument)
        }
        (Form::Flags(set), Literal::Flags(list)) => {
            let (flags, argument) = flags(list, cx)?;
            builder
                .apply(|b| set(b, flags), list.span, cx)
                .then_some(argument)
        }
        // The parser reads each literal in its row's form: no other pair is made.
        _ => None,
    }
}

/// The rules between parameters, decided once, from which keys are present
/// (even when a value failed its own check, so both errors show), the literals
/// checked, and which values are expressions.
fn rules(
    inv: &Invocation,
    builder: &ConnectUrlBuilder,
    given: &[Given],
    app_id: Option<Parameter>,
    call_site: Span,
    cx: &mut Ctxt,
) {
    let request = core_private::request(builder);
    let combination = Combination::known(request, |parameter| given[parameter as usize]);
    for error in combination.errors() {
        let param = error.parameter().and_then(|p| inv.get(p));
        let span = match (param, error.problem()) {
            (Some(p), Problem::RedirectMobileMismatch { .. }) => value_span(&p.value),
            (Some(p), _) => p.key.span(),
            (None, _) => call_site,
        };
        cx.rule(span, &error);
    }
    for need in combination.needs_literal() {
        // The app id is named as it was written.
        let parameter = match need.parameter {
            Parameter::ClientId => app_id.unwrap_or(Parameter::ClientId),
            parameter => parameter,
        };
        let span = inv
            .get(parameter)
            .map_or(call_site, |p| value_span(&p.value));
        let literal = need.literal;
        let because_of = need.because_of;
        cx.syntax(
            span,
            &Syntax::NeedsLiteral {
                parameter,
                literal,
                because_of,
            },
        );
    }
}

fn value_span(value: &Value) -> Span {
    match value {
        Value::Literal(literal) => literal.span(),
        Value::Expr(tokens) => span_of(tokens),
        Value::Invalid => Span::call_site(),
    }
}

/// Where an expression begins.
pub fn span_of(tokens: &TokenStream) -> Span {
    tokens
        .clone()
        .into_iter()
        .next()
        .map_or(Span::call_site(), |t| t.span())
}

fn scope(
    list: &List<ScopeItem>,
    written: &mut Vec<(Permission, Span)>,
    cx: &mut Ctxt,
) -> Option<(Scope, Argument)> {
    let mut entries = Vec::new();
    for item in &list.entries {
        let prefix_ok = match &item.prefix {
            Some(prefix) => core_private::check_scope_prefix(&prefix.to_string())
                .map_err(|e| cx.rule(prefix.span(), &e))
                .is_ok(),
            None => true,
        };
        let parsed = item.permission.to_string().parse::<Permission>();
        if let Ok(permission) = parsed {
            if !written.iter().any(|(p, _)| *p == permission) {
                written.push((permission, item.permission.span()));
            }
        }
        match parsed {
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
            None if list.written_empty => cx.rule(list.span, &error),
            None => {}
        }
    }
    let scope = Scope::new(plain).ok()?;
    let argument = entries
        .into_iter()
        .map(|(entry, ident)| (entry.is_required(), ident))
        .collect();
    Some((scope, Argument::Scope(argument)))
}

fn make(name: &MakeName, cx: &mut Ctxt) -> Option<(Make, Argument)> {
    match name {
        MakeName::Catalog(ident) => match Make::from_catalog(&ident.to_string()) {
            // Resolves, with the user's span, to its documented constant.
            Ok(make) => Some((make, Argument::CatalogMake(ident.clone()))),
            Err(e) => {
                cx.rule(ident.span(), &e);
                None
            }
        },
        MakeName::Literal(lit) => match lit.value().parse::<Make>() {
            Ok(make) => {
                let text = make.as_str().to_owned();
                Some((make, Argument::Text(text)))
            }
            Err(e) => {
                cx.rule(lit.span(), &e);
                None
            }
        },
    }
}

fn flags(list: &List<FlagItem>, cx: &mut Ctxt) -> Option<(Flags, Argument)> {
    let mut flags = Vec::new();
    let mut name_spans = Vec::new();
    for item in &list.entries {
        match Flag::new(&item.name, &item.value) {
            Ok(flag) => {
                flags.push(flag);
                name_spans.push(item.name_span);
            }
            Err(e) => {
                let at_name = matches!(e.problem(), Problem::InvalidFlagName { .. });
                let span = if at_name {
                    item.name_span
                } else {
                    item.value_span
                };
                cx.rule(span, &e);
            }
        }
    }
    for (index, error) in core_private::flags_problems(&flags) {
        match index {
            Some(i) => cx.rule(name_spans[i], &error),
            None if list.written_empty => cx.rule(list.span, &error),
            None => {}
        }
    }
    let argument = flags
        .iter()
        .map(|f| {
            (
                f.name().to_owned(),
                f.value().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let flags = Flags::new(flags).ok()?;
    Some((flags, Argument::Flags(argument)))
}
