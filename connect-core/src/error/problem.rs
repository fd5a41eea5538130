//! [`Problem`]: what is wrong, without saying where. Its wording is in
//! [`wording`](super::wording), one arm per variant.

/// What is wrong, without saying where: [`Error`](super::Error) adds the parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    // The application's registration (`smartcar.toml`, feature `registration`):
    // the file's own problems, then a link checked against it.
    /// The registration file is not UTF-8: the first byte that is not.
    RegistrationNotUtf8 {
        /// That byte.
        byte: u8,
    },
    /// The registration file has more problems than one report shows: these many
    /// more, left out.
    RegistrationMoreProblems {
        /// How many are left out.
        count: usize,
    },
    /// The registration file is not valid TOML.
    RegistrationSyntax {
        /// What the TOML parser says.
        reason: String,
    },
    /// A key the registration does not define.
    RegistrationUnknownKey {
        /// The key as written.
        key: String,
        /// The keys that may stand there.
        expected: &'static [&'static str],
        /// The closest of them, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A value of the wrong TOML type.
    RegistrationWrongType {
        /// The key (or `key[index]`) whose value it is.
        key: String,
        /// What it must be: `a string`, `an array of strings`, `a table`.
        expected: &'static str,
        /// What it is: `string`, `integer`, `array`, `table`, ….
        found: &'static str,
    },
    /// A key an application must have.
    RegistrationMissingKey {
        /// The key.
        key: &'static str,
        /// The application's name.
        application: String,
    },
    /// The registration declares no application.
    RegistrationNoApplication,
    /// An application name that is not an identifier (`app: NAME` in `connect_url!`).
    RegistrationInvalidName {
        /// The name as written.
        name: String,
    },
    /// Two applications with one app id.
    RegistrationDuplicateAppId {
        /// The app id.
        id: String,
        /// The application that has it first.
        first: String,
    },
    /// An application with an empty `redirect_uris`.
    RegistrationNoRedirectUri {
        /// The application's name.
        application: String,
    },
    /// A redirect URI, permission or make listed twice for one application.
    RegistrationDuplicateEntry {
        /// `redirect_uris`, `permissions` or `makes`.
        key: &'static str,
        /// The value listed twice.
        value: String,
    },
    /// A link's app id that no application of the registration has: Connect
    /// answers "400: Invalid parameter `client_id`".
    UnknownAppId {
        /// The app id of the link.
        id: String,
        /// The registered app id it is a near miss of, if any.
        suggestion: Option<String>,
        /// Every application: `(name, app id)`.
        known: Vec<(String, String)>,
    },
    /// A redirect URI not registered for the link's application: Connect answers
    /// "400: Unauthorized `redirect_uri`".
    UnauthorizedRedirectUri {
        /// The link's redirect URI.
        uri: String,
        /// The application's name.
        application: String,
        /// Its registered redirect URIs, in dashboard order.
        registered: Vec<String>,
        /// The index in `registered` of the URI it is a near miss of, and how they
        /// differ.
        near: Option<(usize, &'static str)>,
        /// Another application that registers exactly this URI (boxed: the
        /// largest problem stays small).
        registered_for: Option<Box<str>>,
    },
    /// Permissions the application may not request: Connect answers "Application
    /// not authorized to request permission(s): …".
    PermissionNotAuthorized {
        /// The application's name.
        application: String,
        /// The permissions it may not request, as the link asks for them.
        permissions: Vec<&'static str>,
        /// Those it may request.
        allowed: Vec<&'static str>,
    },
    /// A make the application may not request: Connect answers "Application not
    /// authorized to requested make(s): …".
    MakeNotAuthorized {
        /// The application's name.
        application: String,
        /// The make of the link.
        make: String,
        /// The makes it may request.
        allowed: Vec<String>,
    },
    /// `app: NAME` names no application of the registration.
    UnknownApplication {
        /// The name as written.
        name: String,
        /// The closest application name, if one is close.
        suggestion: Option<String>,
        /// Every application's name.
        known: Vec<String>,
    },
    /// The registration declares several applications and the link says neither
    /// which (`app: NAME`) nor its app id.
    ApplicationNotChosen {
        /// Every application's name.
        known: Vec<String>,
    },
    /// The link's app id is not the one of the application it names.
    AppIdNotOfApplication {
        /// The link's app id.
        id: String,
        /// The application named.
        application: String,
        /// That application's app id.
        expected: String,
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
