//! The one error type of every rule, with its wording.
//!
//! Each rule of the Connect model reports a [`Problem`]; an [`Error`] adds the
//! [`Parameter`] it concerns. The wording is written once, here, each problem's
//! message beside its help, and read both by run-time callers (`Display`) and by
//! `connect_url!`, which shows [`Error::message`] on the offending token and
//! [`Error::help`] as a `help:` line. Reading a link grades each error as a
//! [`Finding`] of some [`Severity`].

use std::fmt;

pub use crate::model::parameter::Parameter;

/// What is wrong, without saying where: [`Error`] adds the parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The value is empty.
    Empty,
    /// The value contains whitespace.
    Whitespace,
    /// The value contains a character outside `A-Z a-z 0-9 - . _ ~`.
    NotUrlSafe {
        /// The first offending character.
        character: char,
    },
    /// A scope entry names no permission of the catalog.
    UnknownPermission {
        /// The name as written.
        name: String,
        /// The closest permission name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A scope entry has a prefix other than `required`.
    UnknownPrefix {
        /// The prefix as written.
        prefix: String,
        /// `required`, when the prefix is a near miss of it.
        suggestion: Option<&'static str>,
    },
    /// A permission appears twice in the scope.
    DuplicatePermission {
        /// The permission's name.
        name: &'static str,
    },
    /// `approval_prompt` is neither `auto` nor `force`.
    InvalidApprovalPrompt {
        /// The value as written.
        value: String,
    },
    /// `mode` is neither `live` nor `simulated`.
    InvalidMode {
        /// The value as written.
        value: String,
    },
    /// `mode=test` or `mode=test_mode`: Connect still reads it as `simulated`.
    DeprecatedMode {
        /// The value as written.
        value: String,
    },
    /// A make identifier that is not in the catalog.
    UnknownMake {
        /// The name as written.
        name: String,
        /// The closest make of the catalog, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A make written in lower case.
    MakeNotUpperCase {
        /// The upper-case spelling.
        upper: String,
    },
    /// A make with a character outside `A-Z 0-9 _`.
    MakeCharacter {
        /// The first offending character.
        character: char,
    },
    /// A VIN that is not 17 characters long.
    VinLength {
        /// How many characters it has.
        length: usize,
    },
    /// A VIN written in lower case.
    VinNotUpperCase {
        /// The upper-case spelling.
        upper: String,
    },
    /// A VIN with a character outside `A-H J-N P R-Z 0-9`.
    VinCharacter {
        /// The first offending character.
        character: char,
    },
    /// A country code that ISO 3166-1 does not assign.
    UnknownCountry {
        /// The code as written.
        code: String,
        /// The assigned code meant, where one is known (`UK` → `GB`).
        suggestion: Option<&'static str>,
    },
    /// A country code written in lower case.
    CountryNotUpperCase {
        /// The upper-case spelling.
        upper: String,
    },
    /// A flag name outside `A-Z a-z 0-9 _ -`.
    InvalidFlagName {
        /// The name as written.
        name: String,
    },
    /// A flag value that is empty or contains whitespace.
    InvalidFlagValue {
        /// The flag's name.
        name: String,
    },
    /// A flag written without `:value` where one is needed (writing a link).
    FlagWithoutValue {
        /// The entry as written.
        entry: String,
    },
    /// A flag set twice.
    DuplicateFlag {
        /// The flag's name.
        name: String,
    },
    /// A redirect URI that does not parse as an absolute URL.
    RedirectNotAbsolute {
        /// Why, as the `url` crate says it.
        reason: String,
    },
    /// A redirect URI with a `#fragment`.
    RedirectFragment,
    /// A redirect URI with `user:password@`.
    RedirectUserInfo,
    /// An `http` redirect URI on a host other than the loopback ones.
    RedirectInsecure {
        /// The host.
        host: String,
    },
    /// A redirect URI scheme other than `https`, `http` or `sc<client_id>`.
    RedirectScheme {
        /// The scheme as written.
        scheme: String,
    },
    /// A mobile redirect URI with nothing after `://`.
    RedirectMobileHost,
    /// A mobile `sc<id>://` redirect URI where only a web one may stand
    /// ([`WebRedirectUri`](crate::WebRedirectUri)).
    RedirectNotWeb,
    /// A mobile redirect URI literal in `connect_url!` whose app id is an
    /// expression: the two cannot be compared at compile time.
    RedirectMobileNeedsLiteralAppId,
    /// A mobile redirect URI `sc<id>://` whose id is not the link's client id.
    RedirectMobileMismatch {
        /// The id in the scheme.
        found: String,
        /// The link's client id.
        expected: String,
    },
    /// `single_select_vin` without `single_select`.
    SingleSelectVinWithoutSingleSelect,
    /// `single_select_vin` with `single_select: false`.
    SingleSelectVinWithSingleSelectFalse,
    /// `single_select_vin` together with `make`.
    SingleSelectVinWithMake,
    /// A single-select parameter on a re-authentication link.
    NotWithReauthentication,
    /// `response_type` written with a value other than `none`: `code` and
    /// `vehicle_id` are implied.
    ResponseTypeNotWritable {
        /// The value as written.
        value: String,
    },
    /// A `response_type` that is none of `code`, `vehicle_id` and `none`.
    InvalidResponseType {
        /// The value as written.
        value: String,
    },
    /// A name that is not a Connect parameter.
    UnknownParameter {
        /// The name as written.
        name: String,
        /// The closest parameter name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A parameter given twice (in `connect_url!`), or twice with different values
    /// (in a link).
    DuplicateParameter,
    /// A parameter repeated in a link with the same value: harmless, not canonical.
    RepeatedParameter,
    /// Both `client_id` and `application_id`.
    BothAppIds,
    /// An app id that looks like a v3 API credential (`client_…`), not a Connect app id.
    ApiCredentialAsAppId {
        /// The id as written.
        id: String,
    },
    /// A parameter that must be present is missing.
    Missing,
    /// A boolean that is not `true` or `false`.
    InvalidBool {
        /// The value as written.
        value: String,
    },
    /// `response_type` other than the one the path implies.
    WrongResponseType {
        /// The value as written.
        found: String,
        /// The value the path implies.
        expected: &'static str,
    },
    /// A `%` not followed by two hex digits.
    BadPercentEscape {
        /// The offending text, at most three characters.
        escape: String,
    },
    /// Percent-decoding gave bytes that are not UTF-8.
    NotUtf8,
    /// A query piece without `=`.
    ParameterWithoutValue {
        /// The piece as written.
        name: String,
    },
    /// `vehicle_id` on a `/oauth/authorize` link.
    VehicleIdOnAuthorize,
    /// The URL's origin or path is not a Connect one.
    NotConnectUrl {
        /// What is off.
        reason: String,
    },
    /// An origin override that is not `http(s)://host[:port]`.
    InvalidOrigin {
        /// What is off.
        reason: String,
    },
    /// A link longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN): refused unread.
    UrlTooLong {
        /// Its length in bytes.
        length: usize,
    },
}

/// A broken rule: which parameter, and what is wrong with it.
///
/// `Display` gives the message and, after `; `, how to fix it. `Debug` gives the
/// parameter, the message and the help, so that `fn main() -> Result<(), Error>`
/// and `unwrap` print something a person can act on; match on
/// [`problem`](Error::problem) for the details.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    parameter: Option<Parameter>,
    problem: Problem,
}

impl Error {
    /// An error about `parameter`.
    #[must_use]
    pub const fn new(parameter: Parameter, problem: Problem) -> Self {
        Error {
            parameter: Some(parameter),
            problem,
        }
    }

    /// An error about the URL as a whole (its origin, path or query syntax).
    #[must_use]
    pub const fn general(problem: Problem) -> Self {
        Error {
            parameter: None,
            problem,
        }
    }

    /// The parameter at fault, if the error concerns one.
    #[must_use]
    pub fn parameter(&self) -> Option<Parameter> {
        self.parameter
    }

    /// What is wrong.
    #[must_use]
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// What is wrong, in rustc's style: lower case, no trailing period.
    #[must_use]
    pub fn message(&self) -> String {
        let mut text = String::new();
        // Writing to a `String` cannot fail.
        let _ = self.explain(Part::Message, &mut text);
        text
    }

    /// How to fix it, when there is something useful to say.
    #[must_use]
    pub fn help(&self) -> Option<String> {
        let mut text = String::new();
        match self.explain(Part::Help, &mut text) {
            Ok(true) => Some(text),
            _ => None,
        }
    }

    /// Writes the message or the help of this error; `false` when it has no help.
    /// Each problem's message and help stand together in one arm.
    #[allow(clippy::too_many_lines)] // one arm per problem: the catalogue of wording
    fn explain(&self, part: Part, f: &mut dyn fmt::Write) -> Result<bool, fmt::Error> {
        macro_rules! say {
            ($message:expr) => {
                say(part, f, $message, None)
            };
            ($message:expr, $help:expr) => {
                say(part, f, $message, Some($help))
            };
        }
        let p = self.parameter.map_or("the URL", Parameter::name);
        let is = |parameter| self.parameter == Some(parameter);
        match &self.problem {
            Problem::Empty if is(Parameter::Scope) => say!(
                format_args!("`scope` lists no permission"),
                format_args!(
                    "list at least one permission, or leave `scope` out to use the dashboard's \
                    Vehicle Access settings"
                )
            ),
            Problem::Empty if is(Parameter::Flags) => say!(
                format_args!("`flags` lists no flag"),
                format_args!("list at least one `name: value` flag, or leave `flags` out")
            ),
            Problem::Empty if self.parameter.is_some_and(Parameter::is_app_id) => say!(
                format_args!("`{p}` must not be empty"),
                format_args!("copy the app id from the credentials tab of the Smartcar dashboard")
            ),
            Problem::Empty => say!(
                format_args!("`{p}` must not be empty"),
                format_args!("give `{p}` a value, or leave it out")
            ),
            Problem::Whitespace => say!(
                format_args!("`{p}` must not contain whitespace"),
                format_args!("remove the whitespace from `{p}`")
            ),
            Problem::NotUrlSafe { character } => say!(
                format_args!(
                    "`{p}` contains {}, which is not URL-safe",
                    Shown(*character)
                ),
                format_args!("use only letters, digits, `-`, `.`, `_` and `~`")
            ),
            Problem::UnknownPermission { name, suggestion } => {
                let name = Escaped(name);
                say!(
                    format_args!("unknown permission `{name}`"),
                    format_args!(
                        "{}",
                        DidYouMean(
                            *suggestion,
                            "permissions are listed at \
                            https://smartcar.com/docs/api-reference/permissions"
                        )
                    )
                )
            }
            Problem::UnknownPrefix { prefix, suggestion } => {
                let prefix = Escaped(prefix);
                say!(
                    format_args!("unknown permission prefix `{prefix}`"),
                    format_args!(
                        "{}",
                        DidYouMean(*suggestion, "the only prefix is `required`")
                    )
                )
            }
            Problem::DuplicatePermission { name } => say!(
                format_args!("permission `{name}` is requested more than once"),
                format_args!("list `{name}` once, marked `required` if it must stay checked")
            ),
            Problem::InvalidApprovalPrompt { value } => {
                let value = Escaped(value);
                say!(
                    format_args!("`{value}` is not a valid `approval_prompt`"),
                    format_args!("use `auto` or `force`")
                )
            }
            Problem::InvalidMode { value } if value == "test" || value == "test_mode" => {
                let value = Escaped(value);
                say!(
                    format_args!("`{value}` is not a valid `mode`"),
                    format_args!(
                        "`{value}` is the deprecated name of `simulated`: write `simulated`"
                    )
                )
            }
            Problem::InvalidMode { value } => {
                let value = Escaped(value);
                say!(
                    format_args!("`{value}` is not a valid `mode`"),
                    format_args!("use `live` or `simulated`")
                )
            }
            Problem::DeprecatedMode { value } => {
                let value = Escaped(value);
                say!(
                    format_args!("`mode={value}` is deprecated; Connect reads it as `simulated`"),
                    format_args!("write `mode=simulated`")
                )
            }
            Problem::UnknownMake { name, suggestion } => {
                let name = Escaped(name);
                match suggestion {
                    Some(s) => say!(
                        format_args!("unknown make `{name}`"),
                        format_args!("did you mean `{s}`?")
                    ),
                    None => say!(
                        format_args!("unknown make `{name}`"),
                        format_args!(
                            "for a make newer than the catalog, write it as a string: `\"{name}\"`"
                        )
                    ),
                }
            }
            Problem::MakeNotUpperCase { upper } => {
                let upper = Escaped(upper);
                say!(
                    format_args!("a make is written in upper case"),
                    format_args!("write `{upper}`")
                )
            }
            Problem::MakeCharacter { character } => say!(
                format_args!("`make` contains {}", Shown(*character)),
                format_args!("a make is written with `A`-`Z`, `0`-`9` and `_`, e.g. `LAND_ROVER`")
            ),
            Problem::VinLength { length } => say!(
                format_args!("a VIN has 17 characters, this one has {length}"),
                format_args!("check the VIN: it is 17 letters and digits")
            ),
            Problem::VinNotUpperCase { upper } => {
                let upper = Escaped(upper);
                say!(
                    format_args!("a VIN is written in upper case"),
                    format_args!("write `{upper}`")
                )
            }
            Problem::VinCharacter {
                character: c @ ('I' | 'O' | 'Q'),
            } => say!(
                format_args!("{} cannot appear in a VIN", Shown(*c)),
                format_args!("VINs never use `I`, `O` or `Q`; it is probably `1` or `0`")
            ),
            Problem::VinCharacter { character } => say!(
                format_args!("{} cannot appear in a VIN", Shown(*character)),
                format_args!("a VIN uses `A`-`Z` except `I`, `O`, `Q`, and `0`-`9`")
            ),
            Problem::UnknownCountry { code, suggestion } => {
                let code = Escaped(code);
                match suggestion {
                    Some(s) => say!(
                        format_args!("`{code}` is not an ISO 3166-1 alpha-2 country code"),
                        format_args!("did you mean `{s}`?")
                    ),
                    None => say!(format_args!(
                        "`{code}` is not an ISO 3166-1 alpha-2 country code"
                    )),
                }
            }
            Problem::CountryNotUpperCase { upper } => {
                let upper = Escaped(upper);
                say!(
                    format_args!("a country code is written in upper case"),
                    format_args!("write `{upper}`")
                )
            }
            Problem::InvalidFlagName { name } => {
                let name = Escaped(name);
                say!(
                    format_args!("invalid flag name `{name}`"),
                    format_args!("a flag name uses letters, digits, `_` and `-`")
                )
            }
            Problem::InvalidFlagValue { name } => {
                let name = Escaped(name);
                say!(
                    format_args!("the value of flag `{name}` is empty or contains whitespace"),
                    format_args!("give the flag a value without spaces")
                )
            }
            Problem::FlagWithoutValue { entry } => {
                let entry = Escaped(entry);
                say!(
                    format_args!("flag `{entry}` has no value"),
                    format_args!("write it as `{entry}:true`")
                )
            }
            Problem::DuplicateFlag { name } => {
                let name = Escaped(name);
                say!(
                    format_args!("flag `{name}` is set more than once"),
                    format_args!("set each flag once")
                )
            }
            Problem::RedirectNotAbsolute { reason } => {
                let reason = Escaped(reason);
                say!(
                    format_args!("`redirect_uri` is not an absolute URL: {reason}"),
                    format_args!(
                        "write the full URI registered in the dashboard, e.g. \
                        `https://example.com/callback`"
                    )
                )
            }
            Problem::RedirectFragment => say!(
                format_args!("`redirect_uri` must not have a fragment"),
                format_args!("remove the `#…` part: OAuth 2.0 forbids fragments in redirect URIs")
            ),
            Problem::RedirectUserInfo => say!(
                format_args!("`redirect_uri` must not contain a user name or password"),
                format_args!("remove the part before `@`")
            ),
            Problem::RedirectInsecure { host } => {
                let host = Escaped(host);
                say!(
                    format_args!(
                        "`redirect_uri` uses `http` on `{host}`, which is not a loopback host"
                    ),
                    format_args!(
                        "use `https://{host}…`; `http` is only for `localhost`, `127.0.0.1` \
                        and `[::1]`"
                    )
                )
            }
            Problem::RedirectScheme { scheme } => {
                let scheme = Escaped(scheme);
                say!(
                    format_args!("`redirect_uri` has the unsupported scheme `{scheme}`"),
                    format_args!(
                        "use `https`, `http` on localhost, or `sc<client_id>://` for a mobile app"
                    )
                )
            }
            Problem::RedirectMobileHost => say!(
                format_args!("the mobile `redirect_uri` has no host after `://`"),
                format_args!("write it as `sc<client_id>://callback`")
            ),
            Problem::RedirectNotWeb => say!(
                format_args!(
                    "a `WebRedirectUri` cannot be the mobile `sc<client_id>://` redirect URI"
                ),
                format_args!(
                    "a mobile redirect URI must carry the link's own app id: write it as a literal \
                    in `connect_url!` beside a literal `client_id`, or build the link with \
                    `ConnectUrl::builder`, which checks the pair"
                )
            ),
            Problem::RedirectMobileNeedsLiteralAppId => say!(
                format_args!(
                    "a mobile `sc<client_id>://` redirect URI needs the app id written as a literal"
                ),
                format_args!(
                    "write the app id as a string literal so the two can be compared at compile \
                    time, or build the link with `ConnectUrl::builder`, which checks the pair"
                )
            ),
            Problem::RedirectMobileMismatch { found, expected } => {
                let found = Escaped(found);
                let expected = Escaped(expected);
                say!(
                    format_args!(
                        "the mobile `redirect_uri` scheme `sc{found}` does not match the app id \
                        `{expected}`"
                    ),
                    format_args!(
                        "a mobile redirect URI begins with `sc` and the app id: `sc{expected}://…`"
                    )
                )
            }
            Problem::SingleSelectVinWithoutSingleSelect => say!(
                format_args!("`single_select_vin` needs `single_select: true`"),
                format_args!("add `single_select: true`")
            ),
            Problem::SingleSelectVinWithSingleSelectFalse => say!(
                format_args!("`single_select_vin` needs `single_select: true`, but it is `false`"),
                format_args!("change it to `single_select: true`")
            ),
            Problem::SingleSelectVinWithMake => say!(
                format_args!("`single_select_vin` and `make` cannot be combined"),
                format_args!("remove `make`: Connect ignores it when `single_select_vin` is given")
            ),
            Problem::NotWithReauthentication => say!(
                format_args!("`{p}` cannot be used with `vehicle_id`"),
                format_args!(
                    "remove `{p}`: re-authentication reconnects the vehicle `vehicle_id` names"
                )
            ),
            Problem::ResponseTypeNotWritable { value } => {
                let value = Escaped(value);
                say!(
                    format_args!("`response_type: {value}` cannot be written"),
                    format_args!(
                        "leave `response_type` out: `code` (or `vehicle_id` with `vehicle_id`) is \
                        implied; only `none` may be written"
                    )
                )
            }
            Problem::InvalidResponseType { value } => {
                let value = Escaped(value);
                say!(
                    format_args!("`{value}` is not a valid `response_type`"),
                    format_args!("use `code`, `vehicle_id` or `none`")
                )
            }
            Problem::UnknownParameter { name, suggestion } => {
                let name = Escaped(name);
                say!(
                    format_args!("unknown parameter `{name}`"),
                    format_args!("{}", DidYouMean(*suggestion, KnownParameters))
                )
            }
            Problem::DuplicateParameter => say!(
                format_args!("`{p}` is given more than once"),
                format_args!("give `{p}` once")
            ),
            Problem::RepeatedParameter => say!(
                format_args!("`{p}` is repeated with the same value"),
                format_args!("give `{p}` once")
            ),
            Problem::BothAppIds => say!(
                format_args!("both `client_id` and `application_id` are given"),
                format_args!("give one: `application_id` is the newer name of `client_id`")
            ),
            Problem::ApiCredentialAsAppId { id } => {
                let id = Escaped(id);
                say!(
                    format_args!("`{id}` looks like a v3 API credential, not a Connect app id"),
                    format_args!(
                        "Connect refuses API credentials (`client_…`) as `{p}`: copy the app id from \
                        the credentials tab of the Smartcar dashboard"
                    )
                )
            }
            Problem::Missing if self.parameter.is_some_and(Parameter::is_app_id) => say!(
                format_args!("`{p}` is missing"),
                format_args!(
                    "add `client_id` (or its newer name `application_id`), found on the \
                    credentials tab of the Smartcar dashboard"
                )
            ),
            Problem::Missing => say!(format_args!("`{p}` is missing")),
            Problem::InvalidBool { value } => {
                let value = Escaped(value);
                say!(
                    format_args!("`{p}` must be `true` or `false`, not `{value}`"),
                    format_args!("write `true` or `false` in lower case")
                )
            }
            Problem::WrongResponseType { found, expected } => {
                let found = Escaped(found);
                say!(
                    format_args!("`response_type` is `{found}`, but this link needs `{expected}`"),
                    format_args!(
                        "use `response_type={expected}`: `/oauth/authorize` takes `code`, \
                        `/oauth/reauthenticate` takes `vehicle_id`, both take `none`"
                    )
                )
            }
            Problem::BadPercentEscape { escape } => {
                let escape = Escaped(escape);
                say!(
                    format_args!("bad percent escape `{escape}` in {}", Where(self.parameter)),
                    format_args!("a `%` starts two hex digits; write a literal `%` as `%25`")
                )
            }
            Problem::NotUtf8 => say!(format_args!("`{p}` is not UTF-8 once percent-decoded")),
            Problem::ParameterWithoutValue { name } => {
                let name = Escaped(name);
                say!(
                    format_args!("query parameter `{name}` has no `=value`"),
                    format_args!("write `{name}=value`")
                )
            }
            Problem::VehicleIdOnAuthorize => say!(
                format_args!(
                    "`vehicle_id` belongs to `/oauth/reauthenticate` links, not `/oauth/authorize`"
                ),
                format_args!(
                    "re-authenticate at `/oauth/reauthenticate?response_type=vehicle_id&…`, or \
                    remove `vehicle_id`"
                )
            ),
            Problem::NotConnectUrl { reason } => {
                let reason = Escaped(reason);
                say!(
                    format_args!("not a Connect URL: {reason}"),
                    format_args!(
                        "a Connect URL looks like \
                        `https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=…`"
                    )
                )
            }
            Problem::UrlTooLong { length } => say!(
                format_args!(
                    "the link is {length} bytes long, over the limit of {} bytes",
                    crate::MAX_URL_LEN
                ),
                format_args!(
                    "no web server passes on a link this long (most stop at 8 or 16 KiB); \
                     check that the input is one Connect link"
                )
            ),
            Problem::InvalidOrigin { reason } => {
                let reason = Escaped(reason);
                say!(
                    format_args!("invalid origin: {reason}"),
                    format_args!("write only scheme, host and port, e.g. `http://127.0.0.1:8080`")
                )
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Part {
    Message,
    Help,
}

/// Writes the part asked for; `Ok(false)` when that is the help and there is none.
fn say(
    part: Part,
    f: &mut dyn fmt::Write,
    message: fmt::Arguments<'_>,
    help: Option<fmt::Arguments<'_>>,
) -> Result<bool, fmt::Error> {
    match (part, help) {
        (Part::Message, _) => f.write_fmt(message).map(|()| true),
        (Part::Help, Some(help)) => f.write_fmt(help).map(|()| true),
        (Part::Help, None) => Ok(false),
    }
}

/// Untrusted text quoted in a message (a name, a value, a host…), written as it
/// came except for the characters that could forge a log line or drive a
/// terminal, which are written escaped (`\n`, `\u{1b}`): an error can be logged
/// or printed as it is. Ordinary text is written unchanged.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Runs of safe characters are written at once: one call per escape, not per char.
        let mut rest = self.0;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
            f.write_str(&rest[..at])?;
            write_escaped(f, c)?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// Control characters (C0, DEL, C1: newlines, escape sequences, the C1 `CSI`),
/// the Unicode line and paragraph separators, and the bidirectional marks,
/// embeddings, overrides and isolates that reorder what a terminal or a log
/// viewer shows (the "Trojan Source" characters).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `\n`, `\t`, `\u{1b}`…: Rust's own escapes, `\u{…}` where it has none.
fn write_escaped(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    let mut escape = c.escape_debug();
    if escape.len() > 1 {
        escape.try_for_each(|e| fmt::Write::write_char(f, e))
    } else {
        write!(f, "{}", c.escape_unicode())
    }
}

/// A character for a message: visible characters in backticks, others by code point.
struct Shown(char);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_whitespace() || needs_escape(self.0) {
            write!(f, "{:?}", self.0)
        } else {
            write!(f, "`{}`", self.0)
        }
    }
}

/// `did you mean `x`?`, or the fallback when nothing is close.
struct DidYouMean<T>(Option<&'static str>, T);

impl<T: fmt::Display> fmt::Display for DidYouMean<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(s) => write!(f, "did you mean `{s}`?"),
            None => self.1.fmt(f),
        }
    }
}

/// "the parameters are `client_id`, …": every parameter one may write.
struct KnownParameters;

impl fmt::Display for KnownParameters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the parameters are ")?;
        for (i, p) in Parameter::ALL[1..].iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{p}`")?;
        }
        Ok(())
    }
}

/// Where a percent escape is: in a parameter's value, or in the query.
struct Where(Option<Parameter>);

impl fmt::Display for Where {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => write!(f, "`{p}`"),
            None => f.write_str("the query"),
        }
    }
}

/// Writes `message; help` straight to the formatter.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.explain(Part::Message, f)?;
        let mut help = Prefixed { f, started: false };
        self.explain(Part::Help, &mut help).map(|_| ())
    }
}

/// Writes `; ` before the first piece of the help, so an absent help writes nothing.
struct Prefixed<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    started: bool,
}

impl fmt::Write for Prefixed<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if !self.started {
            self.started = true;
            self.f.write_str("; ")?;
        }
        self.f.write_str(s)
    }
}

impl std::error::Error for Error {}

/// `Error { parameter: Some(ClientId), message: "…", help: Some("…"), .. }`, like
/// `std::io::Error`, whose `Debug` shows its kind and its message.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("parameter", &self.parameter)
            .field("message", &self.message())
            .field("help", &self.help())
            // The problem's fields are in the message; `..` says it is there.
            .finish_non_exhaustive()
    }
}

/// How much a finding of a link read from elsewhere matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// It works, but is deprecated, suspicious or not canonical.
    Warning,
    /// Connect refuses the link, or it cannot work.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding of reading a link: an [`Error`] and its [`Severity`].
///
/// `Display` writes `error: message; help` or `warning: message; help`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    severity: Severity,
    error: Error,
}

impl Finding {
    /// A finding that makes the link unusable.
    #[must_use]
    pub const fn error(error: Error) -> Self {
        Finding {
            severity: Severity::Error,
            error,
        }
    }

    /// A finding that leaves the link working.
    #[must_use]
    pub const fn warning(error: Error) -> Self {
        Finding {
            severity: Severity::Warning,
            error,
        }
    }

    /// How much it matters.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether it is an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What was found: the parameter, the problem, the message and the help.
    #[must_use]
    pub fn as_error(&self) -> &Error {
        &self.error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.error)
    }
}

/// Collects the findings of one reading, in the order found.
#[derive(Debug, Default)]
pub(crate) struct Findings(pub(crate) Vec<Finding>);

impl Findings {
    pub(crate) fn error(&mut self, error: Error) {
        self.0.push(Finding::error(error));
    }

    pub(crate) fn warning(&mut self, error: Error) {
        self.0.push(Finding::warning(error));
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Finding::is_error)
    }

    /// The value, or its error recorded.
    pub(crate) fn take<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        result.map_err(|e| self.error(e)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_joins_message_and_help() {
        let e = Error::new(Parameter::ClientId, Problem::Empty);
        assert_eq!(
            e.to_string(),
            "`client_id` must not be empty; copy the app id from the credentials tab of the \
            Smartcar dashboard"
        );
        assert_eq!(e.parameter(), Some(Parameter::ClientId));
        let no_help = Error::new(Parameter::State, Problem::Missing);
        assert_eq!(no_help.to_string(), "`state` is missing");
        assert_eq!(no_help.help(), None);
    }

    #[test]
    fn unknown_parameter_without_suggestion_lists_the_parameters() {
        let far = Error::general(Problem::UnknownParameter {
            name: "colour".into(),
            suggestion: None,
        });
        let help = far.help().unwrap();
        assert!(
            help.starts_with("the parameters are `client_id`, `application_id`"),
            "{help}"
        );
        assert!(help.ends_with("`external_id`"), "{help}");
    }

    #[test]
    fn messages_follow_rustc_style() {
        let samples = [
            Error::new(Parameter::Scope, Problem::Empty),
            Error::new(
                Parameter::Mode,
                Problem::InvalidMode {
                    value: "test".into(),
                },
            ),
            Error::new(
                Parameter::SingleSelectVin,
                Problem::VinCharacter { character: 'O' },
            ),
            Error::new(Parameter::ClientId, Problem::NotUrlSafe { character: ' ' }),
            Error::general(Problem::BadPercentEscape {
                escape: "%G1".into(),
            }),
            Error::new(
                Parameter::Mode,
                Problem::DeprecatedMode {
                    value: "test".into(),
                },
            ),
        ];
        for e in samples {
            let m = e.message();
            assert!(
                m.chars().next().unwrap().is_lowercase()
                    || m.starts_with('`')
                    || m.starts_with("a "),
                "{m}"
            );
            assert!(!m.ends_with('.'), "{m}");
        }
    }

    #[test]
    fn invisible_characters_are_shown_escaped() {
        let e = Error::new(Parameter::ClientId, Problem::NotUrlSafe { character: '\n' });
        assert_eq!(
            e.message(),
            "`client_id` contains '\\n', which is not URL-safe"
        );
    }

    #[test]
    fn quoted_text_cannot_break_a_line_or_drive_a_terminal() {
        let e = Error::new(
            Parameter::Mode,
            Problem::InvalidMode {
                value: "live\nINFO forged line \u{1b}[31mred\r".into(),
            },
        );
        let text = e.to_string();
        assert_eq!(
            text,
            "`live\\nINFO forged line \\u{1b}[31mred\\r` is not a valid `mode`; \
            use `live` or `simulated`"
        );
        assert!(!text.chars().any(needs_escape), "{text}");
        let parameter = Error::general(Problem::UnknownParameter {
            name: "a\u{2028}b\u{202E}c\u{2066}d\u{85}e\te".into(),
            suggestion: None,
        });
        assert_eq!(
            parameter.message(),
            "unknown parameter `a\\u{2028}b\\u{202e}c\\u{2066}d\\u{85}e\\te`"
        );
        // Ordinary text, including non-ASCII letters and quotes, is left as it is.
        assert_eq!(
            Escaped("Citroën `x` \"y\" ü 車").to_string(),
            "Citroën `x` \"y\" ü 車"
        );
        assert_eq!(
            Error::new(
                Parameter::ClientId,
                Problem::NotUrlSafe {
                    character: '\u{202E}'
                }
            )
            .message(),
            "`client_id` contains '\\u{202e}', which is not URL-safe"
        );
    }

    #[test]
    fn every_quoted_field_is_escaped() {
        let bad = || "x\ny".to_owned();
        let problems = [
            Problem::UnknownPermission {
                name: bad(),
                suggestion: None,
            },
            Problem::UnknownPrefix {
                prefix: bad(),
                suggestion: None,
            },
            Problem::InvalidApprovalPrompt { value: bad() },
            Problem::InvalidMode { value: bad() },
            Problem::DeprecatedMode { value: bad() },
            Problem::UnknownMake {
                name: bad(),
                suggestion: None,
            },
            Problem::MakeNotUpperCase { upper: bad() },
            Problem::VinNotUpperCase { upper: bad() },
            Problem::UnknownCountry {
                code: bad(),
                suggestion: None,
            },
            Problem::CountryNotUpperCase { upper: bad() },
            Problem::InvalidFlagName { name: bad() },
            Problem::InvalidFlagValue { name: bad() },
            Problem::FlagWithoutValue { entry: bad() },
            Problem::DuplicateFlag { name: bad() },
            Problem::RedirectNotAbsolute { reason: bad() },
            Problem::RedirectInsecure { host: bad() },
            Problem::RedirectScheme { scheme: bad() },
            Problem::RedirectMobileMismatch {
                found: bad(),
                expected: bad(),
            },
            Problem::ResponseTypeNotWritable { value: bad() },
            Problem::InvalidResponseType { value: bad() },
            Problem::UnknownParameter {
                name: bad(),
                suggestion: None,
            },
            Problem::ApiCredentialAsAppId { id: bad() },
            Problem::InvalidBool { value: bad() },
            Problem::WrongResponseType {
                found: bad(),
                expected: "code",
            },
            Problem::BadPercentEscape { escape: bad() },
            Problem::ParameterWithoutValue { name: bad() },
            Problem::NotConnectUrl { reason: bad() },
            Problem::InvalidOrigin { reason: bad() },
        ];
        for problem in problems {
            let text = Error::new(Parameter::Make, problem).to_string();
            assert!(!text.contains('\n') && text.contains("x\\ny"), "{text}");
        }
    }

    #[test]
    fn debug_carries_the_message_and_the_help() {
        let e = Error::new(Parameter::ClientId, Problem::Whitespace);
        assert_eq!(
            format!("{e:?}"),
            "Error { parameter: Some(ClientId), message: \"`client_id` must not contain \
            whitespace\", help: Some(\"remove the whitespace from `client_id`\"), .. }"
        );
        let no_help = Error::new(Parameter::State, Problem::Missing);
        assert_eq!(
            format!("{no_help:?}"),
            "Error { parameter: Some(State), message: \"`state` is missing\", help: None, .. }"
        );
        let finding = Finding::warning(e);
        let debug = format!("{finding:?}");
        assert!(
            debug.starts_with("Finding { severity: Warning, error: Error {")
                && debug.contains("must not contain whitespace"),
            "{debug}"
        );
    }

    #[test]
    fn findings_show_their_severity() {
        let w = Finding::warning(Error::new(Parameter::State, Problem::RepeatedParameter));
        assert_eq!(
            w.to_string(),
            "warning: `state` is repeated with the same value; give `state` once"
        );
        assert!(!w.is_error());
        assert!(Severity::Error > Severity::Warning);
    }
}
