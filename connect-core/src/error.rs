//! The one error type of every rule, with its wording.
//!
//! Each rule of the Connect model reports a [`Problem`]; an [`Error`] adds the
//! [`Parameter`] it concerns. The wording is written once, here, and read both by
//! run-time callers (`Display`) and by `connect_url!`, which shows
//! [`Error::message`] on the offending token and [`Error::help`] as a `help:` line.

use std::fmt;

/// A query parameter of a Connect URL, in the order the canonical rendering writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Parameter {
    /// `response_type`: implied, `code` or `vehicle_id`.
    ResponseType,
    /// `client_id`: the application's id.
    ClientId,
    /// `vehicle_id`: turns the link into re-authentication.
    VehicleId,
    /// `scope`: the permissions requested.
    Scope,
    /// `redirect_uri`: where Connect sends the owner back.
    RedirectUri,
    /// `state`: echoed back on the redirect.
    State,
    /// `approval_prompt`: `auto` or `force`.
    ApprovalPrompt,
    /// `mode`: `live` or `simulated`.
    Mode,
    /// `make`: skips the brand selector.
    Make,
    /// `single_select`: one vehicle only.
    SingleSelect,
    /// `single_select_vin`: only the vehicle with this VIN.
    SingleSelectVin,
    /// `flags`: feature flags such as `country`.
    Flags,
    /// `user`: an analytics id of the vehicle owner.
    User,
}

impl Parameter {
    /// Every parameter, in canonical order.
    pub const ALL: [Parameter; 13] = [
        Parameter::ResponseType,
        Parameter::ClientId,
        Parameter::VehicleId,
        Parameter::Scope,
        Parameter::RedirectUri,
        Parameter::State,
        Parameter::ApprovalPrompt,
        Parameter::Mode,
        Parameter::Make,
        Parameter::SingleSelect,
        Parameter::SingleSelectVin,
        Parameter::Flags,
        Parameter::User,
    ];

    /// The name as it appears in the URL (and as a `connect_url!` key).
    pub const fn name(self) -> &'static str {
        match self {
            Parameter::ResponseType => "response_type",
            Parameter::ClientId => "client_id",
            Parameter::VehicleId => "vehicle_id",
            Parameter::Scope => "scope",
            Parameter::RedirectUri => "redirect_uri",
            Parameter::State => "state",
            Parameter::ApprovalPrompt => "approval_prompt",
            Parameter::Mode => "mode",
            Parameter::Make => "make",
            Parameter::SingleSelect => "single_select",
            Parameter::SingleSelectVin => "single_select_vin",
            Parameter::Flags => "flags",
            Parameter::User => "user",
        }
    }

    /// The parameter with this exact name.
    pub fn from_name(name: &str) -> Option<Parameter> {
        Parameter::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The error for a name that is not a parameter, with a did-you-mean.
    pub fn unknown(name: &str) -> Error {
        let suggestion = crate::suggest::closest(name, Parameter::ALL.iter().map(|p| p.name()));
        Error::general(Problem::UnknownParameter {
            name: name.to_owned(),
            suggestion,
        })
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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
    /// A flag written without `:value`.
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
    /// `response_type` written out where it is implied.
    ResponseTypeImplied,
    /// A name that is not a Connect parameter.
    UnknownParameter {
        /// The name as written.
        name: String,
        /// The closest parameter name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A parameter given twice.
    DuplicateParameter,
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
/// `Display` gives the message and, after `; `, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    parameter: Option<Parameter>,
    problem: Problem,
}

impl Error {
    /// An error about `parameter`.
    pub const fn new(parameter: Parameter, problem: Problem) -> Self {
        Error {
            parameter: Some(parameter),
            problem,
        }
    }

    /// An error about the URL as a whole (its origin, path or query syntax).
    pub const fn general(problem: Problem) -> Self {
        Error {
            parameter: None,
            problem,
        }
    }

    /// The parameter at fault, if the error concerns one.
    pub fn parameter(&self) -> Option<Parameter> {
        self.parameter
    }

    /// What is wrong.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The parameter's name, for messages; a general error has none.
    fn name(&self) -> &'static str {
        self.parameter.map_or("the URL", Parameter::name)
    }

    /// What is wrong, in rustc's style: lower case, no trailing period.
    pub fn message(&self) -> String {
        let p = self.name();
        match &self.problem {
            Problem::Empty if self.parameter == Some(Parameter::Scope) => {
                "`scope` lists no permission".to_owned()
            }
            Problem::Empty if self.parameter == Some(Parameter::Flags) => {
                "`flags` lists no flag".to_owned()
            }
            Problem::Empty => format!("`{p}` must not be empty"),
            Problem::Whitespace => format!("`{p}` must not contain whitespace"),
            Problem::NotUrlSafe { character } => {
                format!("`{p}` contains {}, which is not URL-safe", show(*character))
            }
            Problem::UnknownPermission { name, .. } => format!("unknown permission `{name}`"),
            Problem::UnknownPrefix { prefix, .. } => {
                format!("unknown permission prefix `{prefix}`")
            }
            Problem::DuplicatePermission { name } => {
                format!("permission `{name}` is requested more than once")
            }
            Problem::InvalidApprovalPrompt { value } => {
                format!("`{value}` is not a valid `approval_prompt`")
            }
            Problem::InvalidMode { value } => format!("`{value}` is not a valid `mode`"),
            Problem::UnknownMake { name, .. } => format!("unknown make `{name}`"),
            Problem::MakeNotUpperCase { .. } => "a make is written in upper case".to_owned(),
            Problem::MakeCharacter { character } => {
                format!("`make` contains {}", show(*character))
            }
            Problem::VinLength { length } => {
                format!("a VIN has 17 characters, this one has {length}")
            }
            Problem::VinNotUpperCase { .. } => "a VIN is written in upper case".to_owned(),
            Problem::VinCharacter { character } => {
                format!("{} cannot appear in a VIN", show(*character))
            }
            Problem::UnknownCountry { code, .. } => {
                format!("`{code}` is not an ISO 3166-1 alpha-2 country code")
            }
            Problem::CountryNotUpperCase { .. } => {
                "a country code is written in upper case".to_owned()
            }
            Problem::InvalidFlagName { name } => format!("invalid flag name `{name}`"),
            Problem::InvalidFlagValue { name } => {
                format!("the value of flag `{name}` is empty or contains whitespace")
            }
            Problem::FlagWithoutValue { entry } => format!("flag `{entry}` has no value"),
            Problem::DuplicateFlag { name } => format!("flag `{name}` is set more than once"),
            Problem::RedirectNotAbsolute { reason } => {
                format!("`redirect_uri` is not an absolute URL: {reason}")
            }
            Problem::RedirectFragment => "`redirect_uri` must not have a fragment".to_owned(),
            Problem::RedirectUserInfo => {
                "`redirect_uri` must not contain a user name or password".to_owned()
            }
            Problem::RedirectInsecure { host } => {
                format!("`redirect_uri` uses `http` on `{host}`, which is not a loopback host")
            }
            Problem::RedirectScheme { scheme } => {
                format!("`redirect_uri` has the unsupported scheme `{scheme}`")
            }
            Problem::RedirectMobileHost => {
                "the mobile `redirect_uri` has no host after `://`".to_owned()
            }
            Problem::RedirectMobileMismatch { found, expected } => format!(
                "the mobile `redirect_uri` scheme `sc{found}` does not match `client_id` `{expected}`"
            ),
            Problem::SingleSelectVinWithoutSingleSelect => {
                "`single_select_vin` needs `single_select: true`".to_owned()
            }
            Problem::SingleSelectVinWithSingleSelectFalse => {
                "`single_select_vin` needs `single_select: true`, but it is `false`".to_owned()
            }
            Problem::SingleSelectVinWithMake => {
                "`single_select_vin` and `make` cannot be combined".to_owned()
            }
            Problem::NotWithReauthentication => {
                format!("`{p}` cannot be used with `vehicle_id`")
            }
            Problem::ResponseTypeImplied => "`response_type` is implied".to_owned(),
            Problem::UnknownParameter { name, .. } => format!("unknown parameter `{name}`"),
            Problem::DuplicateParameter => format!("`{p}` is given more than once"),
            Problem::Missing => format!("`{p}` is missing"),
            Problem::InvalidBool { value } => {
                format!("`{p}` must be `true` or `false`, not `{value}`")
            }
            Problem::WrongResponseType { found, expected } => {
                format!("`response_type` is `{found}`, but this link needs `{expected}`")
            }
            Problem::BadPercentEscape { escape } => format!(
                "bad percent escape `{escape}` in {}",
                self.parameter.map_or("the query".to_owned(), |p| format!("`{p}`"))
            ),
            Problem::NotUtf8 => format!("`{p}` is not UTF-8 once percent-decoded"),
            Problem::ParameterWithoutValue { name } => {
                format!("query parameter `{name}` has no `=value`")
            }
            Problem::NotConnectUrl { reason } => format!("not a Connect URL: {reason}"),
            Problem::InvalidOrigin { reason } => format!("invalid origin: {reason}"),
            Problem::UrlTooLong { length } => format!(
                "the link is {length} bytes long, over the limit of {} bytes",
                crate::MAX_URL_LEN
            ),
        }
    }

    /// How to fix it, when there is something useful to say.
    pub fn help(&self) -> Option<String> {
        let p = self.name();
        let did_you_mean = |s: &Option<&'static str>| s.map(|s| format!("did you mean `{s}`?"));
        Some(match &self.problem {
            Problem::Empty if self.parameter == Some(Parameter::Scope) => {
                "list at least one permission, or leave `scope` out to use the dashboard's Vehicle Access settings".to_owned()
            }
            Problem::Empty if self.parameter == Some(Parameter::Flags) => {
                "list at least one `name: value` flag, or leave `flags` out".to_owned()
            }
            Problem::Empty if self.parameter == Some(Parameter::ClientId) => {
                "copy the client id from the credentials tab of the Smartcar dashboard".to_owned()
            }
            Problem::Empty => format!("give `{p}` a value, or leave it out"),
            Problem::Whitespace => format!("remove the whitespace from `{p}`"),
            Problem::NotUrlSafe { .. } => {
                "use only letters, digits, `-`, `.`, `_` and `~`".to_owned()
            }
            Problem::UnknownPermission { suggestion, .. } => did_you_mean(suggestion).unwrap_or_else(|| {
                "permissions are listed at https://smartcar.com/docs/api-reference/permissions".to_owned()
            }),
            Problem::UnknownPrefix { suggestion, .. } => did_you_mean(suggestion)
                .unwrap_or_else(|| "the only prefix is `required`".to_owned()),
            Problem::DuplicatePermission { name } => {
                format!("list `{name}` once, marked `required` if it must stay checked")
            }
            Problem::InvalidApprovalPrompt { .. } => "use `auto` or `force`".to_owned(),
            Problem::InvalidMode { value } if value == "test" || value == "test_mode" => {
                format!("`{value}` is the deprecated name of `simulated`: write `simulated`")
            }
            Problem::InvalidMode { .. } => "use `live` or `simulated`".to_owned(),
            Problem::UnknownMake { name, suggestion } => did_you_mean(suggestion).unwrap_or_else(|| {
                format!("for a make newer than the catalog, write it as a string: `\"{name}\"`")
            }),
            Problem::MakeNotUpperCase { upper } => format!("write `{upper}`"),
            Problem::MakeCharacter { .. } => {
                "a make is written with `A`-`Z`, `0`-`9` and `_`, e.g. `LAND_ROVER`".to_owned()
            }
            Problem::VinLength { .. } => {
                "check the VIN: it is 17 letters and digits".to_owned()
            }
            Problem::VinNotUpperCase { upper } => format!("write `{upper}`"),
            Problem::VinCharacter { character: 'I' | 'O' | 'Q' } => {
                "VINs never use `I`, `O` or `Q`; it is probably `1` or `0`".to_owned()
            }
            Problem::VinCharacter { .. } => {
                "a VIN uses `A`-`Z` except `I`, `O`, `Q`, and `0`-`9`".to_owned()
            }
            Problem::UnknownCountry { suggestion, .. } => did_you_mean(suggestion)?,
            Problem::CountryNotUpperCase { upper } => format!("write `{upper}`"),
            Problem::InvalidFlagName { .. } => {
                "a flag name uses letters, digits, `_` and `-`".to_owned()
            }
            Problem::InvalidFlagValue { .. } => {
                "give the flag a value without spaces".to_owned()
            }
            Problem::FlagWithoutValue { entry } => format!("write it as `{entry}:true`"),
            Problem::DuplicateFlag { .. } => "set each flag once".to_owned(),
            Problem::RedirectNotAbsolute { .. } => {
                "write the full URI registered in the dashboard, e.g. `https://example.com/callback`".to_owned()
            }
            Problem::RedirectFragment => {
                "remove the `#…` part: OAuth 2.0 forbids fragments in redirect URIs".to_owned()
            }
            Problem::RedirectUserInfo => "remove the part before `@`".to_owned(),
            Problem::RedirectInsecure { host } => format!(
                "use `https://{host}…`; `http` is only for `localhost`, `127.0.0.1` and `[::1]`"
            ),
            Problem::RedirectScheme { .. } => {
                "use `https`, `http` on localhost, or `sc<client_id>://` for a mobile app".to_owned()
            }
            Problem::RedirectMobileHost => "write it as `sc<client_id>://callback`".to_owned(),
            Problem::RedirectMobileMismatch { expected, .. } => {
                format!("a mobile redirect URI begins with `sc` and the client id: `sc{expected}://…`")
            }
            Problem::SingleSelectVinWithoutSingleSelect => "add `single_select: true`".to_owned(),
            Problem::SingleSelectVinWithSingleSelectFalse => {
                "change it to `single_select: true`".to_owned()
            }
            Problem::SingleSelectVinWithMake => {
                "remove `make`: Connect ignores it when `single_select_vin` is given".to_owned()
            }
            Problem::NotWithReauthentication => format!(
                "remove `{p}`: re-authentication reconnects the vehicle `vehicle_id` names"
            ),
            Problem::ResponseTypeImplied => {
                "remove it: it is `code`, or `vehicle_id` when `vehicle_id` is given".to_owned()
            }
            Problem::UnknownParameter { suggestion, .. } => did_you_mean(suggestion)
                .unwrap_or_else(|| {
                    let names: Vec<_> = Parameter::ALL[1..].iter().map(|p| format!("`{p}`")).collect();
                    format!("the parameters are {}", names.join(", "))
                }),
            Problem::DuplicateParameter => format!("give `{p}` once"),
            Problem::Missing if self.parameter == Some(Parameter::ClientId) => {
                "add `client_id`, found on the credentials tab of the Smartcar dashboard".to_owned()
            }
            Problem::Missing => return None,
            Problem::InvalidBool { .. } => "write `true` or `false` in lower case".to_owned(),
            Problem::WrongResponseType { expected, .. } => format!(
                "use `response_type={expected}`: `/oauth/authorize` takes `code`, `/oauth/reauthenticate` takes `vehicle_id`"
            ),
            Problem::BadPercentEscape { .. } => {
                "a `%` starts two hex digits; write a literal `%` as `%25`".to_owned()
            }
            Problem::NotUtf8 => return None,
            Problem::ParameterWithoutValue { name } => format!("write `{name}=value`"),
            Problem::NotConnectUrl { .. } => {
                "a Connect URL looks like `https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=…`".to_owned()
            }
            Problem::InvalidOrigin { .. } => {
                "write only scheme, host and port, e.g. `http://127.0.0.1:8080`".to_owned()
            }
            Problem::UrlTooLong { .. } => {
                "no web server passes on a link this long (most stop at 8 or 16 KiB); check that the input is one Connect link".to_owned()
            }
        })
    }
}

/// A character for a message: visible characters in backticks, others by code point.
fn show(c: char) -> String {
    if c.is_whitespace() || c.is_control() {
        format!("{:?}", c)
    } else {
        format!("`{c}`")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        if let Some(help) = self.help() {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_names_round_trip_and_are_in_canonical_order() {
        for p in Parameter::ALL {
            assert_eq!(Parameter::from_name(p.name()), Some(p));
        }
        assert!(Parameter::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Parameter::from_name("scopes"), None);
    }

    #[test]
    fn unknown_parameter_suggests_the_close_one() {
        let e = Parameter::unknown("redirect_url");
        assert_eq!(e.message(), "unknown parameter `redirect_url`");
        assert_eq!(e.help().as_deref(), Some("did you mean `redirect_uri`?"));
        let far = Parameter::unknown("colour");
        assert!(far
            .help()
            .unwrap()
            .starts_with("the parameters are `client_id`"));
    }

    #[test]
    fn display_joins_message_and_help() {
        let e = Error::new(Parameter::ClientId, Problem::Empty);
        assert_eq!(
            e.to_string(),
            "`client_id` must not be empty; copy the client id from the credentials tab of the Smartcar dashboard"
        );
        assert_eq!(e.parameter(), Some(Parameter::ClientId));
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
}
