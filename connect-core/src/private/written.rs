//! `connect_url!`'s one call into connect-core at compile time, in the style of
//! Rocket's `uri!`: the macro hands over what was written ([`Written`]: each
//! literal as its text, each expression as "an expression was written here", each
//! tagged by where it was written) and the registration, and [`check`] gives back
//! the link ([`Link`]: its canonical text when every value is a literal, and what
//! the expansion and the IDE's hover need) or every error, each with the
//! [`Place`] it belongs to, so that the macro puts it on that token.
//!
//! Each literal is read here once, by its value type's own rules, into the typed
//! value the builder takes; the rules between parameters and the registration's
//! checks run once on those values. The macro keeps only its syntax and its spans.

use super::{response_type_call, Call, Read, Setting, ROWS};
use crate::connect_url::builder::ConnectUrlBuilder;
use crate::error::{Error, Problem};
use crate::model::catalog::permissions::Permission;
use crate::model::value::{
    problems_as_written, read_app_id, AppIdError, ClientId, Flag, Flags, Make, Scope, ScopeEntry,
};
use crate::parameter::Parameter;
#[cfg(feature = "registration")]
use crate::registration::{Application, Literal, Literals, Registration};
use crate::rules::{Combination, Given, Values};

/// Where something was written in a `connect_url!` invocation: the macro keeps a
/// span for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The whole invocation: no token to point at.
    Link,
    /// A parameter's key (the invocation, when the key is not written).
    Key(Parameter),
    /// A parameter's value: the literal, or the first token of the expression.
    Value(Parameter),
    /// The entry at this index of a list (`scope`: its permission; `flags`: its name).
    Entry(Parameter, usize),
    /// The prefix (`required`) of the scope entry at this index.
    EntryPrefix(usize),
    /// The value of the flag at this index.
    EntryValue(usize),
    /// The name of `app: NAME`.
    App,
}

/// A parameter's value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WrittenValue {
    /// A string literal's content.
    Text(String),
    /// A bare word (`simulated`, `none`), or another single literal's text.
    Word(String),
    /// `true` or `false`.
    Bool(bool),
    /// A make written as an identifier, for the catalog (`TESLA`).
    CatalogMake(String),
    /// A make written as a string literal (`"NEW_BRAND"`).
    Make(String),
    /// The entries of `scope: [...]` that parsed: each `(prefix, permission)`.
    Scope(WrittenList<(Option<String>, String)>),
    /// The entries of `flags: [...]` that parsed: each `(name, value)`, the value
    /// as it is sent.
    Flags(WrittenList<(String, String)>),
    /// An expression, of the type `expressions` names after the parameter.
    Expression,
    /// A value the macro reported as malformed already: the key counts as given.
    Invalid,
}

/// A bracketed list as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenList<T> {
    /// The entries that parsed, in order.
    pub entries: Vec<T>,
    /// Whether nothing at all was written between the brackets (not: every entry
    /// was malformed).
    pub written_empty: bool,
}

/// What a `connect_url!` invocation wrote.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Each parameter once, with its value.
    pub parameters: Vec<(Parameter, WrittenValue)>,
    /// `app: NAME`, when its name parsed.
    pub app: Option<String>,
    /// Whether an `app` key is written at all, even one whose value was refused.
    pub app_written: bool,
}

impl Written {
    fn get(&self, parameter: Parameter) -> Option<&WrittenValue> {
        self.parameters
            .iter()
            .find(|(p, _)| *p == parameter)
            .map(|(_, value)| value)
    }
}

/// The crate's registration (`smartcar.toml`), as the macro found it.
#[derive(Debug, Clone, Copy)]
pub enum Registered<'r> {
    /// None: nothing to check against.
    No,
    /// Declared, but its own errors are reported: nothing is checked against it,
    /// and nothing it would give (the app id) is missed.
    Unreadable,
    /// The registration every literal is checked against.
    #[cfg(feature = "registration")]
    Yes(&'r Registration),
    #[doc(hidden)]
    #[cfg(not(feature = "registration"))]
    _Lifetime(std::marker::PhantomData<&'r ()>),
}

/// A checked link: what the expansion writes.
#[derive(Debug, Clone)]
pub struct Link {
    /// `client_id` or `application_id`, and the id ([`Argument::Text`]) or
    /// [`Argument::Expression`].
    pub app_id: (Parameter, Argument),
    /// One call on the builder for each other parameter given, in canonical order.
    pub calls: Vec<BuilderCall>,
    /// The canonical text, when every value is a literal.
    pub text: Option<String>,
    /// For hover on `app: NAME`: which registered redirect URI Connect uses when
    /// the link gives none.
    pub default_redirect: Option<String>,
}

/// `.setter(argument)` on the builder for one parameter.
#[derive(Debug, Clone)]
pub struct BuilderCall {
    /// The parameter, whose key the setter is named with (for hover).
    pub parameter: Parameter,
    /// The builder's setter: the parameter's name, but for `response_type`
    /// (`response_type_none`, `reauthenticate`).
    pub setter: &'static str,
    pub argument: Argument,
}

/// The argument of a builder call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Argument {
    /// Text checked now, as the setter's type (`__private::literal`).
    Text(String),
    /// `Type::Variant` (`Mode::Simulated`).
    Variant {
        type_name: &'static str,
        variant: &'static str,
    },
    Bool(bool),
    /// The make of the catalog the macro's identifier names.
    CatalogMake,
    /// Each entry: whether it is required, and the index of its permission as written.
    Scope(Vec<(bool, usize)>),
    /// Each flag's name and value.
    Flags(Vec<(String, String)>),
    /// The expression written for the parameter.
    Expression,
    /// No argument (`.response_type_none()`).
    Nothing,
}

/// One error of an invocation, and where it belongs.
#[derive(Debug, Clone)]
pub struct Finding {
    pub place: Place,
    pub issue: Issue,
}

/// What is wrong: a rule of connect-core, worded by connect-core, or a finding
/// the macro words in its own syntax.
#[derive(Debug, Clone)]
pub enum Issue {
    /// A rule broken.
    Rule(Error),
    /// A rule between parameters needs this value as a literal.
    NeedsLiteral {
        parameter: Parameter,
        literal: String,
        because_of: Parameter,
    },
    /// A `response_type` that may not be written (only `none` may).
    ResponseTypeNotWritable { value: String },
    /// `response_type` given as an expression.
    ResponseTypeExpression,
    /// `app: NAME` without a registration.
    AppWithoutRegistration { name: String },
}

/// Every error of the invocation, in the order the user reads them.
struct Findings(Vec<Finding>);

impl Findings {
    fn rule(&mut self, place: Place, error: Error) {
        self.0.push(Finding {
            place,
            issue: Issue::Rule(error),
        });
    }

    /// A list's own problems, each at its entry (`at`: where each entry read was
    /// written) or at the whole list.
    fn list(&mut self, parameter: Parameter, problems: Vec<(Option<usize>, Error)>, at: &[usize]) {
        for (index, error) in problems {
            let place = index.map_or(Place::Value(parameter), |i| Place::Entry(parameter, at[i]));
            self.rule(place, error);
        }
    }

    fn issue(&mut self, place: Place, issue: Issue) {
        self.0.push(Finding { place, issue });
    }
}

/// A literal read: its typed value and the argument that writes it.
struct ReadLiteral {
    setting: Setting,
    argument: Argument,
}

/// What was written → the link, or every error with its place. An empty list of
/// errors means the macro reported the only mistake already (a malformed value).
///
/// # Errors
///
/// Every error, each at its [`Place`].
pub fn check(written: &Written, registered: Registered<'_>) -> Result<Link, Vec<Finding>> {
    // Every check runs before any early return, so all errors show at once.
    let mut findings = Findings(Vec::new());
    let mut given = [Given::Absent; Parameter::ALL.len()];
    let declared = !matches!(registered, Registered::No);
    #[cfg_attr(not(feature = "registration"), allow(unused_mut))]
    let mut app_id = app_id(written, declared, &mut given, &mut findings);
    let mut calls = Vec::new();
    let mut settings = Vec::new();
    let response = response_type(written, &mut given, &mut findings);
    if let Some((setter, _)) = response {
        calls.push(BuilderCall {
            parameter: Parameter::ResponseType,
            setter,
            argument: Argument::Nothing,
        });
    }
    // Each permission of a literal scope, once, with the index it is written at:
    // checked against the registration even when the list itself is refused.
    let mut permissions: Vec<(Permission, usize)> = Vec::new();
    for row in ROWS {
        let Some(value) = written.get(row.parameter) else {
            continue;
        };
        let (argument, state) = match value {
            WrittenValue::Invalid => (None, Given::Invalid),
            WrittenValue::Expression => (Some(Argument::Expression), Given::AtRunTime),
            literal => match read(
                row.parameter,
                row.read,
                literal,
                &mut permissions,
                &mut findings,
            ) {
                Some(read) => {
                    settings.push(read.setting);
                    (Some(read.argument), Given::Value)
                }
                None => (None, Given::Invalid),
            },
        };
        given[row.parameter as usize] = state;
        calls.extend(argument.map(|argument| BuilderCall {
            parameter: row.parameter,
            setter: row.parameter.name(),
            argument,
        }));
    }
    let values = values(
        &settings,
        response.is_some_and(|(setter, _)| setter == "reauthenticate"),
    );
    #[cfg_attr(not(feature = "registration"), allow(unused_mut))]
    let mut default_redirect = None;
    match registered {
        #[cfg(feature = "registration")]
        Registered::Yes(registration) => {
            let literals = RegistrationInput {
                written,
                app_id: app_id.as_ref(),
                given: &given,
                values: &values,
                permissions: &permissions,
            };
            if let Some(application) = registration_checks(registration, &literals, &mut findings) {
                // No app id written: the registration's is a literal like any other.
                if let Some((parameter, None)) = app_id
                    && written.get(parameter).is_none()
                {
                    app_id = Some((parameter, Some(application.app_id().clone())));
                    given[parameter as usize] = Given::Value;
                }
                if given[Parameter::RedirectUri as usize] == Given::Absent {
                    default_redirect = Some(application.default_redirect_note());
                }
            }
        }
        Registered::No => {
            if let Some(name) = &written.app {
                let name = name.clone();
                findings.issue(Place::App, Issue::AppWithoutRegistration { name });
            }
        }
        _ => {}
    }
    let app_id_parameter = app_id.as_ref().map(|(p, _)| *p);
    let combined = Values {
        app_id: app_id.as_ref().and_then(|(_, id)| id.as_ref()),
        app_id_parameter: app_id_parameter.unwrap_or(Parameter::ClientId),
        ..values
    };
    rules(written, combined, &given, app_id_parameter, &mut findings);
    // A value refused without an error of its own was reported by the macro
    // already (a malformed entry): no link is made without it.
    if !findings.0.is_empty() || given.contains(&Given::Invalid) {
        return Err(findings.0);
    }
    let Some((parameter, id)) = app_id else {
        return Err(Vec::new());
    };
    let all_literal = id.is_some() && calls.iter().all(|c| c.argument != Argument::Expression);
    let text = match &id {
        Some(id) if all_literal => {
            let mut builder = ConnectUrlBuilder::new(id.clone(), parameter);
            if let Some((_, call)) = response {
                builder = call(builder);
            }
            for setting in settings {
                builder = setting.apply(builder);
            }
            // The rules ran above, once: the link is built without them.
            Some(builder.build_checked().as_str().to_owned())
        }
        _ => None,
    };
    let app_id = match id {
        Some(id) => Argument::Text(id.as_str().to_owned()),
        None if written.get(parameter) == Some(&WrittenValue::Expression) => Argument::Expression,
        None => return Err(Vec::new()),
    };
    Ok(Link {
        app_id: (parameter, app_id),
        calls,
        text,
        default_redirect,
    })
}

/// `client_id` or `application_id`: exactly one of the two (or neither, when
/// the registration gives it); the id when it is a literal that checks.
fn app_id(
    written: &Written,
    declared: bool,
    given: &mut [Given],
    findings: &mut Findings,
) -> Option<(Parameter, Option<ClientId>)> {
    let read = read_app_id(
        written.get(Parameter::ClientId),
        written.get(Parameter::ApplicationId),
        |value| match value {
            WrittenValue::Text(text) => Some(text.as_str()),
            _ => None,
        },
    );
    let (parameter, id, state) = match read {
        Ok((parameter, Ok(id))) => (parameter, Some(id), Given::Value),
        Ok((parameter, Err(WrittenValue::Expression))) => (parameter, None, Given::AtRunTime),
        Ok((parameter, Err(_))) => (parameter, None, Given::Invalid),
        // The registration gives it.
        Err(AppIdError::NotOne(e)) if *e.problem() == Problem::Missing && declared => {
            return Some((Parameter::ClientId, None));
        }
        // Both: on the second key; neither: on the whole link.
        Err(AppIdError::NotOne(e)) => {
            let place = e.parameter().map_or(Place::Link, Place::Key);
            findings.rule(place, e);
            return None;
        }
        // The same rules under either name, each reported under the name written.
        Err(AppIdError::Refused(e)) => {
            let parameter = e.parameter().unwrap_or(Parameter::ClientId);
            findings.rule(Place::Value(parameter), e);
            given[parameter as usize] = Given::Invalid;
            return None;
        }
    };
    given[parameter as usize] = state;
    (state != Given::Invalid).then_some((parameter, id))
}

/// `response_type: none` (or `vehicle_id`, the Tesla permission upgrade): the
/// builder's call that writes it.
fn response_type(
    written: &Written,
    given: &mut [Given],
    findings: &mut Findings,
) -> Option<(&'static str, Call)> {
    let value = written.get(Parameter::ResponseType)?;
    given[Parameter::ResponseType as usize] = Given::Invalid;
    let place = Place::Value(Parameter::ResponseType);
    let vehicle_id_given = written.get(Parameter::VehicleId).is_some();
    let call = match value {
        WrittenValue::Word(word) => match response_type_call(word, vehicle_id_given) {
            Some(call) => call,
            None => {
                let value = word.clone();
                findings.issue(place, Issue::ResponseTypeNotWritable { value });
                return None;
            }
        },
        WrittenValue::Expression => {
            findings.issue(place, Issue::ResponseTypeExpression);
            return None;
        }
        _ => return None,
    };
    given[Parameter::ResponseType as usize] = Given::Value;
    Some(call)
}

/// A literal read by its row, once: its typed value and its argument, or its
/// errors.
fn read(
    parameter: Parameter,
    how: Read,
    literal: &WrittenValue,
    permissions: &mut Vec<(Permission, usize)>,
    findings: &mut Findings,
) -> Option<ReadLiteral> {
    let place = Place::Value(parameter);
    let mut refused = |e: Error| findings.rule(place, e);
    match (how, literal) {
        (Read::Text(read), WrittenValue::Text(text)) => match read(text) {
            Ok(setting) => Some(ReadLiteral {
                setting,
                argument: Argument::Text(text.clone()),
            }),
            Err(e) => {
                refused(e);
                None
            }
        },
        (
            Read::Word {
                type_name,
                names,
                read,
                ..
            },
            WrittenValue::Word(word),
        ) => match read(word) {
            Ok(setting) => {
                let (_, variant) = names.iter().find(|(name, _)| name == word)?;
                let argument = Argument::Variant { type_name, variant };
                Some(ReadLiteral { setting, argument })
            }
            Err(e) => {
                refused(e);
                None
            }
        },
        (Read::Bool(set), WrittenValue::Bool(value)) => Some(ReadLiteral {
            setting: set(*value),
            argument: Argument::Bool(*value),
        }),
        (Read::Make(set), WrittenValue::CatalogMake(name)) => match Make::from_catalog(name) {
            // Resolves, with the user's span, to its documented constant.
            Ok(make) => Some(ReadLiteral {
                setting: set(make),
                argument: Argument::CatalogMake,
            }),
            Err(e) => {
                refused(e);
                None
            }
        },
        (Read::Make(set), WrittenValue::Make(name)) => match name.parse::<Make>() {
            Ok(make) => {
                let argument = Argument::Text(make.as_str().to_owned());
                Some(ReadLiteral {
                    setting: set(make),
                    argument,
                })
            }
            Err(e) => {
                refused(e);
                None
            }
        },
        (Read::Scope(set), WrittenValue::Scope(list)) => {
            let (scope, argument) = scope(list, permissions, findings)?;
            Some(ReadLiteral {
                setting: set(scope),
                argument,
            })
        }
        (Read::Flags(set), WrittenValue::Flags(list)) => {
            let (flags, argument) = flags(list, findings)?;
            Some(ReadLiteral {
                setting: set(flags),
                argument,
            })
        }
        // The macro reads each literal in its row's form (`form`): no other pair is made.
        _ => None,
    }
}

/// A scope's entries, each read once; the list's own rules.
fn scope(
    list: &WrittenList<(Option<String>, String)>,
    permissions: &mut Vec<(Permission, usize)>,
    findings: &mut Findings,
) -> Option<(Scope, Argument)> {
    let mut entries = Vec::new();
    let mut at = Vec::new();
    for (i, (prefix, permission)) in list.entries.iter().enumerate() {
        let prefix_ok = match prefix {
            Some(prefix) => ScopeEntry::check_prefix(prefix)
                .map_err(|e| findings.rule(Place::EntryPrefix(i), e))
                .is_ok(),
            None => true,
        };
        match permission.parse::<Permission>() {
            Ok(permission) => {
                if !permissions.iter().any(|(p, _)| *p == permission) {
                    permissions.push((permission, i));
                }
                if prefix_ok {
                    entries.push(ScopeEntry::new(permission, prefix.is_some()));
                    at.push(i);
                }
            }
            Err(e) => findings.rule(Place::Entry(Parameter::Scope, i), e),
        }
    }
    let problems = problems_as_written(&entries, !list.written_empty, Scope::problems);
    findings.list(Parameter::Scope, problems, &at);
    let argument = entries
        .iter()
        .zip(&at)
        .map(|(entry, i)| (entry.is_required(), *i))
        .collect();
    let scope = Scope::new(entries).ok()?;
    Some((scope, Argument::Scope(argument)))
}

/// A list of flags, each read once; the list's own rules.
fn flags(
    list: &WrittenList<(String, String)>,
    findings: &mut Findings,
) -> Option<(Flags, Argument)> {
    let mut flags = Vec::new();
    let mut at = Vec::new();
    for (i, (name, value)) in list.entries.iter().enumerate() {
        match Flag::new(name, value) {
            Ok(flag) => {
                flags.push(flag);
                at.push(i);
            }
            Err(e) => {
                let place = match e.problem() {
                    Problem::InvalidFlagName { .. } => Place::Entry(Parameter::Flags, i),
                    _ => Place::EntryValue(i),
                };
                findings.rule(place, e);
            }
        }
    }
    let problems = problems_as_written(&flags, !list.written_empty, Flags::problems);
    findings.list(Parameter::Flags, problems, &at);
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

/// The values the rules and the registration read, from the literals read.
fn values(settings: &[Setting], reauthenticate: bool) -> Values<'_> {
    let mut values = Values {
        app_id: None,
        app_id_parameter: Parameter::ClientId,
        redirect_uri: None,
        make: None,
        single_select: None,
        reauthenticate,
    };
    for setting in settings {
        match setting {
            Setting::RedirectUri(uri) => values.redirect_uri = Some(uri),
            Setting::Make(make) => values.make = Some(make),
            Setting::SingleSelect(on) => values.single_select = Some(*on),
            _ => {}
        }
    }
    values
}

/// The rules between parameters, decided once, from which keys are present
/// (even when a value failed its own check, so both errors show), the literals
/// read, and which values are expressions.
fn rules(
    written: &Written,
    values: Values<'_>,
    given: &[Given],
    app_id: Option<Parameter>,
    findings: &mut Findings,
) {
    let combination = Combination::known_values(values, |parameter| given[parameter as usize]);
    for error in combination.errors() {
        let place = match (error.parameter(), error.problem()) {
            (Some(p), Problem::RedirectMobileMismatch { .. }) if written.get(p).is_some() => {
                Place::Value(p)
            }
            (Some(p), _) => Place::Key(p),
            (None, _) => Place::Link,
        };
        findings.rule(place, error);
    }
    for need in combination.needs_literal() {
        // The app id is named as it was written.
        let parameter = match need.parameter {
            Parameter::ClientId => app_id.unwrap_or(Parameter::ClientId),
            parameter => parameter,
        };
        let issue = Issue::NeedsLiteral {
            parameter,
            literal: need.literal.to_owned(),
            because_of: need.because_of,
        };
        findings.issue(Place::Value(parameter), issue);
    }
}

/// What the registration's checks read of an invocation.
#[cfg(feature = "registration")]
struct RegistrationInput<'a> {
    written: &'a Written,
    app_id: Option<&'a (Parameter, Option<ClientId>)>,
    given: &'a [Given],
    values: &'a Values<'a>,
    permissions: &'a [(Permission, usize)],
}

/// The link's literals against the application's registration, each error at
/// the literal it concerns; the application, when the link says which it is. An
/// app id given as an expression without `app:` says nothing the registration
/// can check at compile time.
#[cfg(feature = "registration")]
fn registration_checks<'r>(
    registration: &'r Registration,
    input: &RegistrationInput<'_>,
    findings: &mut Findings,
) -> Option<&'r Application> {
    let written = input.written;
    let (app_id_parameter, app_id) = match input.app_id {
        Some((parameter, id)) => (Some(*parameter), id.as_ref()),
        None => (None, None),
    };
    let app_id_is_expression =
        app_id_parameter.is_some_and(|p| input.given[p as usize] == Given::AtRunTime);
    if app_id_is_expression && written.app.is_none() {
        return None;
    }
    let literal = |p: Parameter| input.given[p as usize] == Given::Value;
    let permissions: Vec<Permission> = input.permissions.iter().map(|(p, _)| *p).collect();
    let literals = Literals {
        app: written.app.as_deref(),
        app_id: app_id.map(ClientId::as_str),
        app_id_parameter,
        redirect_uri: input
            .values
            .redirect_uri
            .filter(|_| literal(Parameter::RedirectUri)),
        permissions: &permissions,
        make: input.values.make.filter(|_| literal(Parameter::Make)),
    };
    let (application, errors) = registration.check_literals(&literals);
    // An app name or app id written but refused is reported on its token: the
    // link names its application, so "names none" would be a false follow-on.
    let app_id_written = written.get(Parameter::ClientId).is_some()
        || written.get(Parameter::ApplicationId).is_some();
    let named_but_refused =
        written.app.is_none() && app_id.is_none() && (written.app_written || app_id_written);
    for (literal, error) in errors {
        let place = match literal {
            Literal::Link if named_but_refused => continue,
            Literal::Link => Place::Link,
            Literal::App => Place::App,
            Literal::AppId => app_id_parameter.map_or(Place::Link, Place::Value),
            Literal::RedirectUri => Place::Value(Parameter::RedirectUri),
            Literal::Permission(i) => input
                .permissions
                .get(i)
                .map_or(Place::Link, |(_, at)| Place::Entry(Parameter::Scope, *at)),
            Literal::Make => Place::Value(Parameter::Make),
        };
        findings.rule(place, error);
    }
    application
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> WrittenValue {
        WrittenValue::Text(s.to_owned())
    }

    fn written(parameters: Vec<(Parameter, WrittenValue)>) -> Written {
        Written {
            parameters,
            ..Written::default()
        }
    }

    #[test]
    fn literals_give_the_canonical_text_and_the_calls() {
        let link = check(
            &written(vec![
                (Parameter::ClientId, text("abc")),
                (Parameter::Mode, WrittenValue::Word("simulated".into())),
                (
                    Parameter::Scope,
                    WrittenValue::Scope(WrittenList {
                        entries: vec![(Some("required".into()), "read_vin".into())],
                        written_empty: false,
                    }),
                ),
            ]),
            Registered::No,
        )
        .unwrap();
        assert_eq!(
            link.text.as_deref(),
            Some(
                "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=abc\
                 &scope=required%3Aread_vin&mode=simulated"
            )
        );
        let arguments: Vec<&Argument> = link.calls.iter().map(|c| &c.argument).collect();
        assert_eq!(
            arguments,
            [
                &Argument::Scope(vec![(true, 0)]),
                &Argument::Variant {
                    type_name: "Mode",
                    variant: "Simulated"
                }
            ]
        );
    }

    #[test]
    fn an_expression_leaves_the_text_to_run_time() {
        let link = check(
            &written(vec![
                (Parameter::ClientId, WrittenValue::Expression),
                (Parameter::State, text("s")),
            ]),
            Registered::No,
        )
        .unwrap();
        assert_eq!(link.text, None);
        assert_eq!(link.app_id, (Parameter::ClientId, Argument::Expression));
    }

    #[test]
    fn every_error_is_tagged_with_its_place() {
        let errors = check(
            &written(vec![
                (Parameter::ClientId, text("client_123")),
                (
                    Parameter::Flags,
                    WrittenValue::Flags(WrittenList {
                        entries: vec![("a".into(), "1".into()), ("a".into(), "2".into())],
                        written_empty: false,
                    }),
                ),
                (Parameter::SingleSelectVin, text("1HGCM82633A004352")),
                (Parameter::ResponseType, WrittenValue::Word("code".into())),
            ]),
            Registered::No,
        )
        .unwrap_err();
        let places: Vec<Place> = errors.iter().map(|f| f.place).collect();
        assert_eq!(
            places,
            [
                Place::Value(Parameter::ClientId),
                Place::Value(Parameter::ResponseType),
                Place::Entry(Parameter::Flags, 1),
                Place::Key(Parameter::SingleSelectVin),
            ]
        );
    }

    #[test]
    fn an_empty_list_is_refused_only_when_nothing_was_written() {
        let empty = |written_empty| {
            check(
                &written(vec![
                    (Parameter::ClientId, text("abc")),
                    (
                        Parameter::Scope,
                        WrittenValue::Scope(WrittenList {
                            entries: Vec::new(),
                            written_empty,
                        }),
                    ),
                ]),
                Registered::No,
            )
            .unwrap_err()
            .len()
        };
        assert_eq!(empty(true), 1);
        // Each malformed entry was reported by the macro already: no error here,
        // and no link without the list.
        assert_eq!(empty(false), 0);
    }

    #[test]
    fn a_mobile_redirect_needs_the_app_id_as_a_literal_under_either_name() {
        for parameter in [Parameter::ClientId, Parameter::ApplicationId] {
            let errors = check(
                &written(vec![
                    (parameter, WrittenValue::Expression),
                    (Parameter::RedirectUri, text("scabc://callback")),
                ]),
                Registered::No,
            )
            .unwrap_err();
            assert_eq!(errors.len(), 1, "{parameter:?}");
            assert_eq!(errors[0].place, Place::Value(parameter));
            assert!(
                matches!(&errors[0].issue, Issue::NeedsLiteral { parameter: p, literal, .. }
                    if *p == parameter && literal == "abc"),
                "{:?}",
                errors[0].issue
            );
        }
    }
}
