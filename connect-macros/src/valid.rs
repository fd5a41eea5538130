//! [`Invocation`] → [`Link`], in one call into connect-core
//! (`__private::check`, in the style of Rocket's `uri!`): the macro hands over
//! what was written, each literal's text and each expression's place, and gets
//! back the link or every error, each tagged with the [`Place`] it belongs to,
//! which becomes a span here. Every rule is connect-core's; this file only
//! translates between the tokens and the places.

use connect_core::__private::{
    self as core_private, Argument as CoreArgument, Issue, Place, Registered as Declared,
    WrittenList, WrittenValue,
};
use connect_core::Parameter;
use proc_macro2::{Span, TokenStream};
use syn::Ident;

use crate::ast::{Invocation, List, Literal, MakeName, Value};
use crate::ctxt::Ctxt;
use crate::messages::Syntax;
use crate::registration::Registered;

/// A checked link: the app id, one call on connect-core's builder for each other
/// parameter given, in the order of the parameter table, and the link's text when
/// every value is a literal (rendered by connect-core).
pub struct Link {
    /// `client_id` or `application_id`, and the id.
    pub app_id: (Parameter, Argument),
    pub calls: Vec<Call>,
    pub text: Option<String>,
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

pub fn validate(
    inv: &Invocation,
    call_site: Span,
    registration: &Registered,
    cx: &mut Ctxt,
) -> Option<Link> {
    let written = written(inv);
    let declared = match registration {
        Registered::No => Declared::No,
        Registered::Unreadable => Declared::Unreadable,
        #[cfg(feature = "registration")]
        Registered::Yes(found) => Declared::Yes(&found.registration),
    };
    let link = match core_private::check(&written, declared) {
        Ok(link) => link,
        Err(findings) => {
            for finding in findings {
                let span = span(inv, finding.place, call_site);
                match finding.issue {
                    Issue::Rule(error) => cx.rule(span, &error),
                    Issue::NeedsLiteral {
                        parameter,
                        literal,
                        because_of,
                    } => cx.syntax(
                        span,
                        &Syntax::NeedsLiteral {
                            parameter,
                            literal: &literal,
                            because_of,
                        },
                    ),
                    Issue::ResponseTypeNotWritable { value } => {
                        cx.syntax(span, &Syntax::ResponseTypeNotWritable { value: &value });
                    }
                    Issue::ResponseTypeExpression => {
                        cx.syntax(span, &Syntax::ResponseTypeExpression);
                    }
                    Issue::AppWithoutRegistration { name } => {
                        cx.syntax(span, &Syntax::AppWithoutRegistration { name: &name });
                    }
                }
            }
            return None;
        }
    };
    if cx.has_errors() {
        return None;
    }
    let (parameter, app_id) = link.app_id;
    let app_id = argument(inv, parameter, app_id)?;
    let calls = link
        .calls
        .into_iter()
        .map(|call| {
            let param = inv.get(call.parameter)?;
            Some(Call {
                setter: call.setter,
                key: param.key.span(),
                argument: argument(inv, call.parameter, call.argument)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Link {
        app_id: (parameter, app_id),
        calls,
        text: link.text,
        default_redirect: link.default_redirect,
    })
}

/// What was written, as connect-core reads it: each literal's text, each
/// expression's place.
fn written(inv: &Invocation) -> core_private::Written {
    let parameters = inv
        .params
        .iter()
        .map(|param| {
            let value = match &param.value {
                Value::Invalid => WrittenValue::Invalid,
                Value::Expr(_) => WrittenValue::Expression,
                Value::Literal(literal) => match literal {
                    Literal::Text(lit) => WrittenValue::Text(lit.value()),
                    Literal::Word(word, _) => WrittenValue::Word(word.clone()),
                    Literal::Bool(value, _) => WrittenValue::Bool(*value),
                    Literal::Make(MakeName::Catalog(ident)) => {
                        WrittenValue::CatalogMake(ident.to_string())
                    }
                    Literal::Make(MakeName::Literal(lit)) => WrittenValue::Make(lit.value()),
                    Literal::Scope(list) => WrittenValue::Scope(entries(list, |item| {
                        let prefix = item.prefix.as_ref().map(ToString::to_string);
                        (prefix, item.permission.to_string())
                    })),
                    Literal::Flags(list) => WrittenValue::Flags(entries(list, |item| {
                        (item.name.clone(), item.value.clone())
                    })),
                },
            };
            (param.parameter, value)
        })
        .collect();
    core_private::Written {
        parameters,
        app: inv.app.as_ref().map(ToString::to_string),
        app_written: inv.app_written,
    }
}

fn entries<T, W>(list: &List<T>, write: impl Fn(&T) -> W) -> WrittenList<W> {
    WrittenList {
        entries: list.entries.iter().map(write).collect(),
        written_empty: list.written_empty,
    }
}

/// The span of a place; the invocation's when the place is not written.
fn span(inv: &Invocation, place: Place, call_site: Span) -> Span {
    let list = |parameter| match inv.get(parameter).map(|p| &p.value) {
        Some(Value::Literal(literal)) => Some(literal),
        _ => None,
    };
    let span = match place {
        Place::Link => None,
        Place::Key(parameter) => inv.get(parameter).map(|p| p.key.span()),
        Place::Value(parameter) => inv.get(parameter).map(|p| value_span(&p.value)),
        Place::Entry(parameter, i) => match list(parameter) {
            Some(Literal::Scope(list)) => list.entries.get(i).map(|e| e.permission.span()),
            Some(Literal::Flags(list)) => list.entries.get(i).map(|e| e.name_span),
            _ => None,
        },
        Place::EntryPrefix(i) => match list(Parameter::Scope) {
            Some(Literal::Scope(list)) => list
                .entries
                .get(i)
                .and_then(|e| e.prefix.as_ref())
                .map(Ident::span),
            _ => None,
        },
        Place::EntryValue(i) => match list(Parameter::Flags) {
            Some(Literal::Flags(list)) => list.entries.get(i).map(|e| e.value_span),
            _ => None,
        },
        Place::App => inv.app.as_ref().map(Ident::span),
    };
    span.unwrap_or(call_site)
}

/// connect-core's argument, with the user's tokens it stands for.
fn argument(inv: &Invocation, parameter: Parameter, argument: CoreArgument) -> Option<Argument> {
    let value = inv.get(parameter).map(|p| &p.value);
    Some(match argument {
        CoreArgument::Text(text) => Argument::Text(text),
        CoreArgument::Variant { type_name, variant } => Argument::Variant {
            type_name,
            variant,
            span: value_span(value?),
        },
        CoreArgument::Bool(value) => Argument::Bool(value),
        CoreArgument::CatalogMake => match value {
            Some(Value::Literal(Literal::Make(MakeName::Catalog(ident)))) => {
                Argument::CatalogMake(ident.clone())
            }
            _ => return None,
        },
        CoreArgument::Scope(entries) => match value {
            Some(Value::Literal(Literal::Scope(list))) => Argument::Scope(
                entries
                    .into_iter()
                    .map(|(required, i)| Some((required, list.entries.get(i)?.permission.clone())))
                    .collect::<Option<_>>()?,
            ),
            _ => return None,
        },
        CoreArgument::Flags(flags) => Argument::Flags(flags),
        CoreArgument::Expression => match value {
            Some(Value::Expr(tokens)) => Argument::Expr {
                parameter,
                tokens: tokens.clone(),
            },
            _ => return None,
        },
        CoreArgument::Nothing => Argument::Nothing,
    })
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
