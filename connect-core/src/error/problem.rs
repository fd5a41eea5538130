//! [`Problem`]: what is wrong, without saying where. Its wording is in
//! [`wording`](super::wording), one arm per variant.

/// What is wrong, without saying where: [`Error`](crate::Error) adds the parameter.
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
    /// `make` on a link read with `single_select_vin`: Connect ignores the make
    /// (a warning; writing refuses the pair with [`Problem::SingleSelectVinWithMake`]).
    MakeIgnoredWithSingleSelectVin,
    /// `/oauth/reauthenticate` with neither `vehicle_id` nor `make` (the Tesla
    /// permission upgrade).
    ReauthenticationWithoutVehicle,
    /// The permission upgrade (re-authentication without `vehicle_id`) with a make
    /// other than `TESLA`.
    PermissionUpgradeNotTesla {
        /// The make given.
        make: String,
    },
    /// The permission upgrade in `connect_url!` with a make expression: whether it
    /// is `TESLA` cannot be checked at compile time.
    PermissionUpgradeNeedsLiteralMake,
    /// The permission upgrade without `scope`.
    PermissionUpgradeWithoutScope,
    /// A link whose canonical text would be longer than [`MAX_URL_LEN`](crate::MAX_URL_LEN)
    /// (percent-encoding can triple a value): it could not be read back.
    CanonicalTooLong {
        /// The canonical text's length in bytes.
        length: usize,
    },
    /// A URL that is not a battery-capacity link.
    NotBatteryCapacityLink {
        /// What is off.
        reason: String,
    },
    /// The `token` of a battery-capacity link is missing, empty, or repeated with
    /// another value.
    BatteryCapacityToken {
        /// What is wrong with it: `is missing`, ….
        reason: &'static str,
    },
}
