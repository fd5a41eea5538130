//! The wording of every [`Problem`]: each variant's message beside its help, in
//! one `match` (the table of this crate's sentences), in rustc's style (lower case,
//! no trailing period). Untrusted text is quoted through [`Escaped`].

use std::fmt;

use super::listing::{Ids, Listed, Plain};
use super::quote::{Escaped, Shown};
use super::{Error, Problem, Voice};
use crate::parameter::{Parameter, DEPRECATED_MODES};

impl Error {
    /// Writes the message or the help of this error; `false` when it has no help.
    /// Each problem's message and help stand together in one arm.
    #[allow(clippy::too_many_lines)] // one arm per problem: the catalogue of wording
    pub(super) fn explain(&self, part: Part, f: &mut dyn fmt::Write) -> Result<bool, fmt::Error> {
        macro_rules! say {
            ($message:expr) => {
                say(part, f, $message, None)
            };
            ($message:expr, $help:expr) => {
                say(part, f, $message, Some($help))
            };
        }
        let p = self.parameter.map_or("the URL", Parameter::name);
        let set = |parameter, value| Set(self.voice, parameter, value);
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
            Problem::InvalidMode { value } if DEPRECATED_MODES.contains(&value.as_str()) => {
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
                    Some(_) => say!(
                        format_args!("unknown make `{name}`"),
                        format_args!("{}", DidYouMean(*suggestion, ""))
                    ),
                    None if self.voice == Voice::Macro => say!(
                        format_args!("unknown make `{name}`"),
                        format_args!(
                            "for a make newer than the catalog, write it as a string: `\"{name}\"`"
                        )
                    ),
                    None => say!(
                        format_args!("unknown make `{name}`"),
                        format_args!(
                            "for a make newer than the catalog, `\"{name}\".parse::<Make>()` \
                            checks only its spelling"
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
                    Some(_) => say!(
                        format_args!("`{code}` is not an ISO 3166-1 alpha-2 country code"),
                        format_args!("{}", DidYouMean(*suggestion, ""))
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
                    "a mobile redirect URI must carry the link's own app id: parse it as a \
                    `RedirectUri` and give it to `ConnectUrl::builder`, whose `build()` checks \
                    the pair"
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
                format_args!(
                    "`single_select_vin` needs {}",
                    set(Parameter::SingleSelect, "true")
                ),
                format_args!("add {}", set(Parameter::SingleSelect, "true"))
            ),
            Problem::SingleSelectVinWithSingleSelectFalse => say!(
                format_args!(
                    "`single_select_vin` needs {}, but it is `false`",
                    set(Parameter::SingleSelect, "true")
                ),
                format_args!("change it to {}", set(Parameter::SingleSelect, "true"))
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
                    format_args!(
                        "`{id}` is a v3 API credential, not a Connect app id: Connect answers \
                        \"400: Invalid parameter {p}\""
                    ),
                    format_args!(
                        "give `{p}` the Connect app id, from the credentials tab of the Smartcar \
                        dashboard; the `client_…` credential and its secret are for the v3 \
                        application token (`POST https://iam.smartcar.com/oauth2/token`)"
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
                    crate::limits::MAX_URL_LEN
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
            Problem::RegistrationSyntax { reason } => {
                let reason = Escaped(reason);
                say!(
                    format_args!("the registration is not valid TOML: {reason}"),
                    format_args!(
                        "the registration is TOML: `[applications.NAME]` tables with `app_id` and \
                        `redirect_uris`"
                    )
                )
            }
            Problem::RegistrationUnknownKey {
                key,
                expected,
                suggestion,
            } => {
                let key = Escaped(key);
                match suggestion {
                    Some(s) => say!(
                        format_args!("unknown key `{key}` in the registration"),
                        format_args!("did you mean `{s}`?")
                    ),
                    None => say!(
                        format_args!("unknown key `{key}` in the registration"),
                        format_args!("the keys here are {}", Listed(expected))
                    ),
                }
            }
            Problem::RegistrationWrongType {
                key,
                expected,
                found,
            } => {
                let key = Escaped(key);
                let how = match *expected {
                    "a string" => "write it in double quotes: `\"…\"`",
                    "a table" => "write it as a table: `[applications.NAME]`",
                    _ => "write it as a list of strings: `[\"…\", \"…\"]`",
                };
                say!(
                    format_args!("`{key}` must be {expected}, not {found}"),
                    format_args!("{how}")
                )
            }
            Problem::RegistrationMissingKey { key, application } => {
                let application = Escaped(application);
                say!(
                    format_args!("application `{application}` has no `{key}`"),
                    format_args!(
                        "{}",
                        if *key == "app_id" {
                            "add `app_id = \"…\"`, copied from the credentials tab of the Smartcar \
                            dashboard"
                        } else {
                            "add `redirect_uris = [\"https://…\"]`, in the order of the dashboard's \
                            credentials tab: the first is the default"
                        }
                    )
                )
            }
            Problem::RegistrationNotUtf8 { byte } => say!(
                format_args!("the registration is not valid UTF-8: byte `0x{byte:02X}`"),
                format_args!(
                    "save the file as UTF-8 (an editor's \"UTF-8\" encoding; Windows-1252 and \
                    Latin-1 write such bytes for accents and curly quotes)"
                )
            ),
            Problem::RegistrationMoreProblems { count } => say!(
                format_args!("and {count} more problems of the registration, not shown"),
                format_args!("fix the problems above first: each shown is one of the file's first")
            ),
            Problem::RegistrationNoApplication => say!(
                format_args!("the registration declares no application"),
                format_args!(
                    "declare one: `[applications.production]` with `app_id` and `redirect_uris`"
                )
            ),
            Problem::RegistrationInvalidName { name } => {
                let name = Escaped(name);
                say!(
                    format_args!("`{name}` is not a valid application name"),
                    format_args!(
                        "a name is an identifier such as `production` or `staging_eu` (ASCII \
                        letters, digits and `_`, not first a digit): a link names it as `app: NAME`"
                    )
                )
            }
            Problem::RegistrationDuplicateAppId { id, first } => {
                let (id, first) = (Escaped(id), Escaped(first));
                say!(
                    format_args!("app id `{id}` is declared for two applications"),
                    format_args!(
                        "application `{first}` has it already: each application of the dashboard \
                        has its own app id"
                    )
                )
            }
            Problem::RegistrationNoRedirectUri { application } => {
                let application = Escaped(application);
                say!(
                    format_args!("application `{application}` registers no redirect URI"),
                    format_args!(
                        "list the redirect URIs of the dashboard's credentials tab, in its order: \
                        the first is the default"
                    )
                )
            }
            Problem::RegistrationDuplicateEntry { key, value } => {
                let value = Escaped(value);
                say!(
                    format_args!("`{value}` is listed twice in `{key}`"),
                    format_args!("list it once")
                )
            }
            Problem::UnknownAppId {
                id,
                suggestion,
                known,
            } => {
                let id = Escaped(id);
                let message = format_args!(
                    "no application of the registration has the app id `{id}`: Connect answers \
                    \"400: Invalid parameter {}\"",
                    self.parameter.map_or("client_id", Parameter::name)
                );
                match (
                    suggestion,
                    known.iter().find(|(_, i)| Some(i) == suggestion.as_ref()),
                ) {
                    (Some(s), Some((name, _))) => say!(
                        message,
                        format_args!(
                            "did you mean `{}` (application `{}`)?",
                            Escaped(s),
                            Escaped(name)
                        )
                    ),
                    _ => say!(
                        message,
                        format_args!(
                            "the registered app ids are {}: copy the app id from the credentials \
                            tab of the Smartcar dashboard",
                            Ids(known)
                        )
                    ),
                }
            }
            Problem::UnauthorizedRedirectUri {
                uri,
                application,
                registered,
                near,
                registered_for,
            } => {
                let (uri, application) = (Escaped(uri), Escaped(application));
                let message = format_args!(
                    "`redirect_uri` `{uri}` is not registered for application `{application}`: \
                    Connect answers \"400: Unauthorized redirect_uri\""
                );
                match (registered_for, near) {
                    (Some(other), _) => say!(
                        message,
                        format_args!(
                            "`{uri}` is registered for application `{}`: use that application's \
                            app id, or one of `{application}`'s redirect URIs: {}",
                            Escaped(other),
                            Listed(registered)
                        )
                    ),
                    (None, Some((near, how))) if *near < registered.len() => say!(
                        message,
                        format_args!(
                            "did you mean `{}`? ({how}); registered: {}",
                            Escaped(&registered[*near]),
                            Listed(registered)
                        )
                    ),
                    (None, _) => say!(
                        message,
                        format_args!(
                            "the redirect URIs registered for `{application}` are {}: use one, or \
                            register this one in the dashboard's credentials tab and in the \
                            registration",
                            Listed(registered)
                        )
                    ),
                }
            }
            Problem::PermissionNotAuthorized {
                application,
                permissions,
                allowed,
            } => {
                let application = Escaped(application);
                let (them, s) = if permissions.len() == 1 {
                    ("it", "")
                } else {
                    ("them", "s")
                };
                say!(
                    format_args!(
                        "application `{application}` may not request the permission{s} {}: \
                        Connect answers \"Application not authorized to request permission(s): \
                        {}\"",
                        Listed(permissions),
                        Plain(permissions)
                    ),
                    format_args!(
                        "it may request {}: remove {them} from the link, or allow {them} in the \
                        dashboard and in the registration's `permissions`",
                        Listed(allowed)
                    )
                )
            }
            Problem::MakeNotAuthorized {
                application,
                make,
                allowed,
            } => {
                let (application, make) = (Escaped(application), Escaped(make));
                say!(
                    format_args!(
                        "application `{application}` may not request the make `{make}`: Connect \
                        answers \"Application not authorized to requested make(s): {make}\""
                    ),
                    format_args!(
                        "it may request {}: use one of them, or allow `{make}` in the dashboard \
                        and in the registration's `makes`",
                        Listed(allowed)
                    )
                )
            }
            Problem::UnknownApplication {
                name,
                suggestion,
                known,
            } => {
                let name = Escaped(name);
                match suggestion {
                    Some(s) => say!(
                        format_args!("the registration declares no application `{name}`"),
                        format_args!("did you mean `{}`?", Escaped(s))
                    ),
                    None => say!(
                        format_args!("the registration declares no application `{name}`"),
                        format_args!("it declares {}", Listed(known))
                    ),
                }
            }
            Problem::ApplicationNotChosen { known } => say!(
                format_args!(
                    "the registration declares several applications, and the link names none"
                ),
                format_args!(
                    "add `app: NAME` with one of {}, or a literal app id",
                    Listed(known)
                )
            ),
            Problem::AppIdNotOfApplication {
                id,
                application,
                expected,
            } => {
                let (id, application, expected) =
                    (Escaped(id), Escaped(application), Escaped(expected));
                say!(
                    format_args!("`{p}` `{id}` is not the app id of application `{application}`"),
                    format_args!(
                        "its app id is `{expected}`: leave `{p}` out to take it from the \
                        registration"
                    )
                )
            }
            Problem::MakeIgnoredWithSingleSelectVin => say!(
                format_args!("`make` is ignored: `single_select_vin` takes precedence over it"),
                format_args!(
                    "remove `make`: Connect connects the vehicle `single_select_vin` names, \
                    whatever its make"
                )
            ),
            Problem::ReauthenticationWithoutVehicle => say!(
                format_args!("a re-authentication link needs `vehicle_id`"),
                format_args!(
                    "add the `vehicle_id` of the vehicle to reconnect; only the Tesla permission \
                    upgrade goes without it, with {} and a `scope`",
                    set(Parameter::Make, "TESLA")
                )
            ),
            Problem::PermissionUpgradeNotTesla { make } => {
                let make = Escaped(make);
                say!(
                    format_args!(
                        "only `TESLA` vehicles are re-authenticated without `vehicle_id`, not \
                        `{make}`"
                    ),
                    format_args!(
                        "for the Tesla permission upgrade write {}; to re-authenticate a vehicle \
                        of another make, give its `vehicle_id`",
                        set(Parameter::Make, "TESLA")
                    )
                )
            }
            Problem::PermissionUpgradeWithoutScope => say!(
                format_args!("the Tesla permission upgrade needs a `scope`"),
                format_args!("list the permissions to add in `scope`")
            ),
            Problem::CanonicalTooLong { length } => say!(
                format_args!(
                    "the link is {length} bytes long once written canonically, over the limit of \
                    {} bytes",
                    crate::limits::MAX_URL_LEN
                ),
                format_args!(
                    "shorten its values: a `+` or a character outside `A-Z a-z 0-9 - . _ ~` \
                    takes three bytes once written as `%XX`"
                )
            ),
            Problem::NotBatteryCapacityLink { reason } => {
                let reason = Escaped(reason);
                say!(
                    format_args!("not a battery-capacity link: {reason}"),
                    format_args!(
                        "a battery-capacity link is the `url` of \
                        `GET /vehicles/{{id}}/battery/nominal_capacity`, e.g. \
                        `https://connect.smartcar.com/battery-capacity?vehicle_id=…&client_id=…\
                        &token=…&response_type=vehicle_id&redirect_uri=`"
                    )
                )
            }
            Problem::BatteryCapacityToken { reason } => say!(
                format_args!("the battery-capacity link's `token` {reason}"),
                format_args!(
                    "use the link exactly as Smartcar's API returned it (its token lasts 30 days)"
                )
            ),
        }
    }
}

#[derive(Clone, Copy)]
pub(super) enum Part {
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

/// How to set a parameter, in the syntax of the error's voice:
/// `.single_select(true)`, `single_select=true` or `single_select: true`.
struct Set(Voice, Parameter, &'static str);

impl fmt::Display for Set {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Set(voice, parameter, value) = self;
        match voice {
            Voice::Code => write!(f, "`.{parameter}({value})`"),
            Voice::Link => write!(f, "`{parameter}={value}`"),
            Voice::Macro => write!(f, "`{parameter}: {value}`"),
        }
    }
}

/// `did you mean `x`?`, or the fallback when nothing is close: the one way this
/// project words a near miss (the macro's own syntax messages use it too).
pub struct DidYouMean<T>(pub Option<&'static str>, pub T);

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

#[cfg(test)]
mod tests {
    use super::*;

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
            Problem::PermissionUpgradeNotTesla { make: bad() },
            Problem::NotBatteryCapacityLink { reason: bad() },
        ];
        for problem in problems {
            let text = Error::new(Parameter::Make, problem).to_string();
            assert!(!text.contains('\n') && text.contains("x\\ny"), "{text}");
        }
    }
}
