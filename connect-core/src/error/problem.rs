//! [`Problem`]: what is wrong, without saying where. One row per variant: its
//! doc and fields, then its message and its help, in rustc's style (lower case,
//! no trailing period); untrusted text is quoted through [`Escaped`]. The rows
//! are grouped: a value's rules, the rules between parameters, a link's syntax,
//! battery-capacity links. The registration's problems are a table of their own
//! (`registration.rs` beside this file, feature `registration`), a problem as
//! [`Problem::Registration`]. `problems!` (in [`table`](super::table)) turns the
//! rows into the enum and its wording.

use super::quote::{Escaped, Shown};
use super::wording::{DidYouMean, KnownParameters, Where};
use crate::parameter::{Parameter, DEPRECATED_MODES};

problems! {
    /// What is wrong, without saying where: [`Error`](super::Error) adds the parameter.
    ///
    /// Match on it for what went wrong; its message and help are the [`Error`](crate::Error)'s.
    ///
    /// ```
    /// use connect_core::{Permission, Problem};
    ///
    /// let error = "read_odometr".parse::<Permission>().unwrap_err();
    /// match error.problem() {
    ///     Problem::UnknownPermission { name, suggestion } => {
    ///         assert_eq!(name, "read_odometr");
    ///         assert_eq!(*suggestion, Some("read_odometer"));
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum Problem where (f, p, parameter, fix, syntax) {
        // A value's own rules.

        /// The value is empty.
        Empty => message {
            match parameter {
                Some(Parameter::Scope) => write!(f, "`scope` lists no permission"),
                Some(Parameter::Flags) => write!(f, "`flags` lists no flag"),
                _ => write!(f, "`{p}` must not be empty"),
            }
        }, help {
            match parameter {
                Some(Parameter::Scope) => write!(
                    f,
                    "list at least one permission, or leave `scope` out to use the dashboard's \
                    Vehicle Access settings"
                ),
                Some(Parameter::Flags) => {
                    write!(f, "list at least one `name: value` flag, or leave `flags` out")
                }
                Some(app_id) if app_id.is_app_id() => {
                    write!(f, "copy the app id from the credentials tab of the Smartcar dashboard")
                }
                _ => write!(f, "give `{p}` a value, or leave it out"),
            }
        };
        /// The value contains whitespace.
        Whitespace
            => message ("`{p}` must not contain whitespace"),
               help ("remove the whitespace from `{p}`");
        /// The value contains a character outside `A-Z a-z 0-9 - . _ ~`.
        NotUrlSafe {
            /// The first offending character.
            character: char,
        } => message ("`{p}` contains {}, which is not URL-safe", Shown(*character)),
             help ("use only letters, digits, `-`, `.`, `_` and `~`");
        /// A scope entry names no permission of the catalog.
        UnknownPermission {
            /// The name as written.
            name: String,
            /// The closest permission name, if one is close.
            suggestion: Option<&'static str>,
        } => message ("unknown permission `{}`", Escaped(name)),
             help ("{}", DidYouMean(
                 *suggestion,
                 "permissions are listed at https://smartcar.com/docs/api-reference/permissions",
             ));
        /// A scope entry has a prefix other than `required`.
        UnknownPrefix {
            /// The prefix as written.
            prefix: String,
            /// `required`, when the prefix is a near miss of it.
            suggestion: Option<&'static str>,
        } => message ("unknown permission prefix `{}`", Escaped(prefix)),
             help ("{}", DidYouMean(*suggestion, "the only prefix is `required`"));
        /// A permission appears twice in the scope.
        DuplicatePermission {
            /// The permission's name.
            name: &'static str,
        } => message ("permission `{name}` is requested more than once"),
             help ("list `{name}` once, marked `required` if it must stay checked");
        /// `approval_prompt` is neither `auto` nor `force`.
        InvalidApprovalPrompt {
            /// The value as written.
            value: String,
        } => message ("`{}` is not a valid `approval_prompt`", Escaped(value)),
             help ("use `auto` or `force`");
        /// `mode` is neither `live` nor `simulated`.
        InvalidMode {
            /// The value as written.
            value: String,
        } => message ("`{}` is not a valid `mode`", Escaped(value)),
             help {
                 if DEPRECATED_MODES.contains(&value.as_str()) {
                     write!(
                         f,
                         "`{value}` is the deprecated name of `simulated`: write `simulated`",
                         value = Escaped(value)
                     )
                 } else {
                     write!(f, "use `live` or `simulated`")
                 }
             };
        /// `mode=test` or `mode=test_mode`: Connect still reads it as `simulated`.
        DeprecatedMode {
            /// The value as written.
            value: String,
        } => message (
                 "`mode={}` is deprecated; Connect reads it as `simulated`",
                 Escaped(value)
             ),
             help ("write `mode=simulated`");
        /// A make identifier that is not in the catalog.
        UnknownMake {
            /// The name as written.
            name: String,
            /// The closest make of the catalog, if one is close.
            suggestion: Option<&'static str>,
        } => message ("unknown make `{}`", Escaped(name)),
             help {
                 let name = Escaped(name);
                 match suggestion {
                     Some(_) => write!(f, "{}", DidYouMean(*suggestion, "")),
                     None if syntax == super::Syntax::Macro => write!(
                         f,
                         "for a make newer than the catalog, write it as a string: `\"{name}\"`"
                     ),
                     None => write!(
                         f,
                         "for a make newer than the catalog, `\"{name}\".parse::<Make>()` checks \
                         only its spelling"
                     ),
                 }
             };
        /// A make written in lower case.
        MakeNotUpperCase {
            /// The upper-case spelling.
            upper: String,
        } => message ("a make is written in upper case"),
             help ("write `{}`", Escaped(upper));
        /// A make with a character outside `A-Z 0-9 _`.
        MakeCharacter {
            /// The first offending character.
            character: char,
        } => message ("`make` contains {}", Shown(*character)),
             help ("a make is written with `A`-`Z`, `0`-`9` and `_`, e.g. `LAND_ROVER`");
        /// A VIN that is not 17 characters long.
        VinLength {
            /// How many characters it has.
            length: usize,
        } => message ("a VIN has 17 characters, this one has {length}"),
             help ("check the VIN: it is 17 letters and digits");
        /// A VIN written in lower case.
        VinNotUpperCase {
            /// The upper-case spelling.
            upper: String,
        } => message ("a VIN is written in upper case"),
             help ("write `{}`", Escaped(upper));
        /// A VIN with a character outside `A-H J-N P R-Z 0-9`.
        VinCharacter {
            /// The first offending character.
            character: char,
        } => message ("{} cannot appear in a VIN", Shown(*character)),
             help {
                 if matches!(character, 'I' | 'O' | 'Q') {
                     write!(f, "VINs never use `I`, `O` or `Q`; it is probably `1` or `0`")
                 } else {
                     write!(f, "a VIN uses `A`-`Z` except `I`, `O`, `Q`, and `0`-`9`")
                 }
             };
        /// A country code that ISO 3166-1 does not assign.
        UnknownCountry {
            /// The code as written.
            code: String,
            /// The assigned code meant, where one is known (`UK` → `GB`).
            suggestion: Option<&'static str>,
        } => message ("`{}` is not an ISO 3166-1 alpha-2 country code", Escaped(code)),
             help {
                 match suggestion {
                     Some(_) => write!(f, "{}", DidYouMean(*suggestion, "")),
                     None => return Ok(false),
                 }
             };
        /// A country code written in lower case.
        CountryNotUpperCase {
            /// The upper-case spelling.
            upper: String,
        } => message ("a country code is written in upper case"),
             help ("write `{}`", Escaped(upper));
        /// A flag name outside `A-Z a-z 0-9 _ -`.
        InvalidFlagName {
            /// The name as written.
            name: String,
        } => message ("invalid flag name `{}`", Escaped(name)),
             help ("a flag name uses letters, digits, `_` and `-`");
        /// A flag value that is empty or contains whitespace.
        InvalidFlagValue {
            /// The flag's name.
            name: String,
        } => message ("the value of flag `{}` is empty or contains whitespace", Escaped(name)),
             help ("give the flag a value without spaces");
        /// A flag written without `:value` where one is needed (writing a link).
        FlagWithoutValue {
            /// The entry as written.
            entry: String,
        } => message ("flag `{}` has no value", Escaped(entry)),
             help ("write it as `{}:true`", Escaped(entry));
        /// A flag set twice.
        DuplicateFlag {
            /// The flag's name.
            name: String,
        } => message ("flag `{}` is set more than once", Escaped(name)),
             help ("set each flag once");
        /// A redirect URI that does not parse as an absolute URL.
        RedirectNotAbsolute {
            /// Why, as the `url` crate says it.
            reason: String,
        } => message ("`redirect_uri` is not an absolute URL: {}", Escaped(reason)),
             help (
                 "write the full URI registered in the dashboard, e.g. \
                 `https://example.com/callback`"
             );
        /// A redirect URI with a `#fragment`.
        RedirectFragment
            => message ("`redirect_uri` must not have a fragment"),
               help ("remove the `#…` part: OAuth 2.0 forbids fragments in redirect URIs");
        /// A redirect URI with `user:password@`.
        RedirectUserInfo
            => message ("`redirect_uri` must not contain a user name or password"),
               help ("remove the part before `@`");
        /// An `http` redirect URI on a host other than the loopback ones.
        RedirectInsecure {
            /// The host.
            host: String,
        } => message (
                 "`redirect_uri` uses `http` on `{host}`, which is not a loopback host",
                 host = Escaped(host)
             ),
             help (
                 "use `https://{host}…`; `http` is only for `localhost`, `127.0.0.1` and `[::1]`",
                 host = Escaped(host)
             );
        /// A redirect URI scheme other than `https`, `http` or `sc<client_id>`.
        RedirectScheme {
            /// The scheme as written.
            scheme: String,
        } => message ("`redirect_uri` has the unsupported scheme `{}`", Escaped(scheme)),
             help ("use `https`, `http` on localhost, or `sc<client_id>://` for a mobile app");
        /// A mobile redirect URI with nothing after `://`.
        RedirectMobileHost
            => message ("the mobile `redirect_uri` has no host after `://`"),
               help ("write it as `sc<client_id>://callback`");
        /// A mobile `sc<id>://` redirect URI where only a web one may stand
        /// ([`WebRedirectUri`](crate::WebRedirectUri)).
        RedirectNotWeb
            => message ("a `WebRedirectUri` cannot be the mobile `sc<client_id>://` redirect URI"),
               help (
                   "a mobile redirect URI must carry the link's own app id: parse it as a \
                   `RedirectUri` and give it to `ConnectUrl::builder`, whose `build()` checks \
                   the pair"
               );
        /// A mobile redirect URI `sc<id>://` whose id is not the link's client id.
        RedirectMobileMismatch {
            /// The id in the scheme.
            found: String,
            /// The link's client id.
            expected: String,
        } => message (
                 "the mobile `redirect_uri` scheme `sc{found}` does not match the app id \
                 `{expected}`",
                 found = Escaped(found),
                 expected = Escaped(expected)
             ),
             help (
                 "a mobile redirect URI begins with `sc` and the app id: `sc{}://…`",
                 Escaped(expected)
             );
        /// A boolean that is not `true` or `false`.
        InvalidBool {
            /// The value as written.
            value: String,
        } => message ("`{p}` must be `true` or `false`, not `{}`", Escaped(value)),
             help ("write `true` or `false` in lower case");
        /// An app id that looks like a v3 API credential (`client_…`), not a Connect app id.
        ApiCredentialAsAppId {
            /// The id as written.
            id: String,
        } => message (
                 "`{}` is a v3 API credential, not a Connect app id: Connect answers \
                 \"400: Invalid parameter {p}\"",
                 Escaped(id)
             ),
             help (
                 "give `{p}` the Connect app id, from the credentials tab of the Smartcar \
                 dashboard; the `client_…` credential and its secret are for the v3 \
                 application token (`POST https://iam.smartcar.com/oauth2/token`)"
             );

        // The rules between parameters.

        /// `single_select_vin` without `single_select`.
        SingleSelectVinWithoutSingleSelect
            => fix (SingleSelect = "true"),
               message ("`single_select_vin` needs {fix}"),
               help ("add {fix}");
        /// `single_select_vin` with `single_select: false`.
        SingleSelectVinWithSingleSelectFalse
            => fix (SingleSelect = "true"),
               message ("`single_select_vin` needs {fix}, but it is `false`"),
               help ("change it to {fix}");
        /// `single_select_vin` together with `make`.
        SingleSelectVinWithMake
            => message ("`single_select_vin` and `make` cannot be combined"),
               help ("remove `make`: Connect ignores it when `single_select_vin` is given");
        /// A single-select parameter on a re-authentication link.
        NotWithReauthentication
            => message ("`{p}` cannot be used with `vehicle_id`"),
               help ("remove `{p}`: re-authentication reconnects the vehicle `vehicle_id` names");
        /// Both `client_id` and `application_id`.
        BothAppIds
            => message ("both `client_id` and `application_id` are given"),
               help ("give one: `application_id` is the newer name of `client_id`");
        /// A parameter that must be present is missing.
        Missing => message ("`{p}` is missing"), help {
            if parameter.is_some_and(Parameter::is_app_id) {
                write!(
                    f,
                    "add `client_id` (or its newer name `application_id`), found on the \
                    credentials tab of the Smartcar dashboard"
                )
            } else {
                return Ok(false);
            }
        };
        /// `vehicle_id` on a `/oauth/authorize` link.
        VehicleIdOnAuthorize
            => message (
                   "`vehicle_id` belongs to `/oauth/reauthenticate` links, not `/oauth/authorize`"
               ),
               help (
                   "re-authenticate at `/oauth/reauthenticate?response_type=vehicle_id&…`, or \
                   remove `vehicle_id`"
               );
        /// `make` on a link read with `single_select_vin`: Connect ignores the make
        /// (a warning; writing refuses the pair with [`Problem::SingleSelectVinWithMake`]).
        MakeIgnoredWithSingleSelectVin
            => message ("`make` is ignored: `single_select_vin` takes precedence over it"),
               help (
                   "remove `make`: Connect connects the vehicle `single_select_vin` names, \
                   whatever its make"
               );
        /// `/oauth/reauthenticate` with neither `vehicle_id` nor `make` (the Tesla
        /// permission upgrade).
        ReauthenticationWithoutVehicle
            => fix (Make = "TESLA"),
               message ("a re-authentication link needs `vehicle_id`"),
               help (
                   "add the `vehicle_id` of the vehicle to reconnect; only the Tesla permission \
                   upgrade goes without it, with {fix} and a `scope`"
               );
        /// The permission upgrade (re-authentication without `vehicle_id`) with a make
        /// other than `TESLA`.
        PermissionUpgradeNotTesla {
            /// The make given.
            make: String,
        } => fix (Make = "TESLA"),
             message (
                 "only `TESLA` vehicles are re-authenticated without `vehicle_id`, not `{}`",
                 Escaped(make)
             ),
             help (
                 "for the Tesla permission upgrade write {fix}; to re-authenticate a vehicle of \
                 another make, give its `vehicle_id`"
             );
        /// The permission upgrade without `scope`.
        PermissionUpgradeWithoutScope
            => message ("the Tesla permission upgrade needs a `scope`"),
               help ("list the permissions to add in `scope`");

        // A link's syntax.

        /// A `response_type` that is none of `code`, `vehicle_id` and `none`.
        InvalidResponseType {
            /// The value as written.
            value: String,
        } => message ("`{}` is not a valid `response_type`", Escaped(value)),
             help ("use `code`, `vehicle_id` or `none`");
        /// A name that is not a Connect parameter.
        UnknownParameter {
            /// The name as written.
            name: String,
            /// The closest parameter name, if one is close.
            suggestion: Option<&'static str>,
        } => message ("unknown parameter `{}`", Escaped(name)),
             help ("{}", DidYouMean(*suggestion, KnownParameters));
        /// A parameter given twice (in `connect_url!`), or twice with different values
        /// (in a link).
        DuplicateParameter
            => message ("`{p}` is given more than once"),
               help ("give `{p}` once");
        /// A parameter repeated in a link with the same value: harmless, not canonical.
        RepeatedParameter
            => message ("`{p}` is repeated with the same value"),
               help ("give `{p}` once");
        /// `response_type` other than the one the path implies.
        WrongResponseType {
            /// The value as written.
            found: String,
            /// The value the path implies.
            expected: &'static str,
        } => message (
                 "`response_type` is `{}`, but this link needs `{expected}`",
                 Escaped(found)
             ),
             help (
                 "use `response_type={expected}`: `/oauth/authorize` takes `code`, \
                 `/oauth/reauthenticate` takes `vehicle_id`, both take `none`"
             );
        /// A `%` not followed by two hex digits.
        BadPercentEscape {
            /// The offending text, at most three characters.
            escape: String,
        } => message ("bad percent escape `{}` in {}", Escaped(escape), Where(parameter)),
             help ("a `%` starts two hex digits; write a literal `%` as `%25`");
        /// Percent-decoding gave bytes that are not UTF-8.
        NotUtf8 => message ("`{p}` is not UTF-8 once percent-decoded");
        /// A query piece without `=`.
        ParameterWithoutValue {
            /// The piece as written.
            name: String,
        } => message ("query parameter `{}` has no `=value`", Escaped(name)),
             help ("write `{}=value`", Escaped(name));
        /// The URL's origin or path is not a Connect one.
        NotConnectUrl {
            /// What is off.
            reason: String,
        } => message ("not a Connect URL: {}", Escaped(reason)),
             help (
                 "a Connect URL looks like \
                 `https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=…`"
             );
        /// An origin override that is not `http(s)://host[:port]`.
        InvalidOrigin {
            /// What is off.
            reason: String,
        } => message ("invalid origin: {}", Escaped(reason)),
             help ("write only scheme, host and port, e.g. `http://127.0.0.1:8080`");
        /// A link longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN): refused unread.
        UrlTooLong {
            /// Its length in bytes.
            length: usize,
        } => message (
                 "the link is {length} bytes long, over the limit of {} bytes",
                 crate::limits::MAX_URL_LEN
             ),
             help (
                 "no web server passes on a link this long (most stop at 8 or 16 KiB); \
                  check that the input is one Connect link"
             );
        /// A link whose canonical text would be longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN)
        /// (percent-encoding can triple a value): it could not be read back.
        CanonicalTooLong {
            /// The canonical text's length in bytes.
            length: usize,
        } => message (
                 "the link is {length} bytes long once written canonically, over the limit of \
                 {} bytes",
                 crate::limits::MAX_URL_LEN
             ),
             help (
                 "shorten its values: a `+` or a character outside `A-Z a-z 0-9 - . _ ~` \
                 takes three bytes once written as `%XX`"
             );

        // Battery-capacity links.

        /// A URL that is not a battery-capacity link.
        NotBatteryCapacityLink {
            /// What is off.
            reason: String,
        } => message ("not a battery-capacity link: {}", Escaped(reason)),
             help (
                 "a battery-capacity link is the `url` of \
                 `GET /vehicles/{{id}}/battery/nominal_capacity`, e.g. \
                 `https://connect.smartcar.com/battery-capacity?vehicle_id=…&client_id=…\
                 &token=…&response_type=vehicle_id&redirect_uri=`"
             );
        /// The `token` of a battery-capacity link is missing, empty, or repeated with
        /// another value.
        BatteryCapacityToken {
            /// What is wrong with it: `is missing`, ….
            reason: &'static str,
        } => message ("the battery-capacity link's `token` {reason}"),
             help ("use the link exactly as Smartcar's API returned it (its token lasts 30 days)");
    }
    tables {
        /// A problem of the application's registration (`smartcar.toml`), or of a
        /// link checked against it.
        #[cfg(feature = "registration")]
        #[cfg_attr(docsrs, doc(cfg(feature = "registration")))]
        Registration(super::RegistrationProblem),
    }
}
