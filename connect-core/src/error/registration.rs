//! [`RegistrationProblem`]: what is wrong with a registration file, or with a
//! link checked against it, one row per variant beside its message and help, as
//! [`Problem`](crate::Problem)'s rows are (the same `problems!` table); an
//! [`Error`](crate::Error) carries it as [`Problem::Registration`](crate::Problem::Registration).

use super::listing::{Ids, Listed, Plain};
use super::Escaped;
use crate::Parameter;

problems! {
    /// What is wrong with a registration file, or with a link checked against it.
    ///
    /// An [`Error`](crate::Error)'s [`problem`](crate::Error::problem) is one as
    /// [`Problem::Registration`](crate::Problem::Registration); match on it for
    /// the details. `#[non_exhaustive]`: Connect's checks grow.
    ///
    /// ```
    /// use connect_core::registration::{Registration, RegistrationProblem};
    /// use connect_core::Problem;
    ///
    /// let error = Registration::from_toml("[applications.production]\n", "smartcar.toml")
    ///     .unwrap_err();
    /// let problem = error.issues()[0].error().problem();
    /// assert!(matches!(
    ///     problem,
    ///     Problem::Registration(RegistrationProblem::MissingKey { key: "app_id", .. })
    /// ));
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum RegistrationProblem where (f, p, parameter, fix, syntax) {
        // The file's own problems.

        /// The registration file is not UTF-8: the first byte that is not.
        NotUtf8 {
            /// That byte.
            byte: u8,
        } => message ("the registration is not valid UTF-8: byte `0x{byte:02X}`"),
             help (
                 "save the file as UTF-8 (an editor's \"UTF-8\" encoding; Windows-1252 and \
                 Latin-1 write such bytes for accents and curly quotes)"
             );
        /// The registration file has more problems than one report shows: these many
        /// more, left out.
        MoreProblems {
            /// How many are left out.
            count: usize,
        } => message ("and {count} more problems of the registration, not shown"),
             help ("fix the problems above first: each shown is one of the file's first");
        /// The registration file is not valid TOML.
        Syntax {
            /// What the TOML parser says.
            reason: String,
        } => message ("the registration is not valid TOML: {}", Escaped(reason)),
             help (
                 "the registration is TOML: `[applications.NAME]` tables with `app_id` and \
                 `redirect_uris`"
             );
        /// A key the registration does not define.
        UnknownKey {
            /// The key as written.
            key: String,
            /// The keys that may stand there.
            expected: &'static [&'static str],
            /// The closest of them, if one is close.
            suggestion: Option<&'static str>,
        } => message ("unknown key `{}` in the registration", Escaped(key)),
             help {
                 match suggestion {
                     Some(s) => write!(f, "did you mean `{s}`?"),
                     None => write!(f, "the keys here are {}", Listed(expected)),
                 }
             };
        /// A value of the wrong TOML type.
        WrongType {
            /// The key (or `key[index]`) whose value it is.
            key: String,
            /// What it must be: `a string`, `an array of strings`, `a table`.
            expected: &'static str,
            /// What it is: `string`, `integer`, `array`, `table`, ….
            found: &'static str,
        } => message ("`{}` must be {expected}, not {found}", Escaped(key)),
             help {
                 f.write_str(match *expected {
                     "a string" => "write it in double quotes: `\"…\"`",
                     "a table" => "write it as a table: `[applications.NAME]`",
                     _ => "write it as a list of strings: `[\"…\", \"…\"]`",
                 })
             };
        /// A key an application must have.
        MissingKey {
            /// The key.
            key: &'static str,
            /// The application's name.
            application: String,
        } => message ("application `{}` has no `{key}`", Escaped(application)),
             help {
                 f.write_str(if *key == "app_id" {
                     "add `app_id = \"…\"`, copied from the credentials tab of the Smartcar \
                     dashboard"
                 } else {
                     "add `redirect_uris = [\"https://…\"]`, in the order of the dashboard's \
                     credentials tab: the first is the default"
                 })
             };
        /// The registration declares no application.
        NoApplication
            => message ("the registration declares no application"),
               help ("declare one: `[applications.production]` with `app_id` and `redirect_uris`");
        /// An application name that is not an identifier (`app: NAME` in `connect_url!`).
        InvalidName {
            /// The name as written.
            name: String,
        } => message ("`{}` is not a valid application name", Escaped(name)),
             help (
                 "a name is an identifier such as `production` or `staging_eu` (ASCII \
                 letters, digits and `_`, not first a digit): a link names it as `app: NAME`"
             );
        /// Two applications with one app id.
        DuplicateAppId {
            /// The app id.
            id: String,
            /// The application that has it first.
            first: String,
        } => message ("app id `{}` is declared for two applications", Escaped(id)),
             help (
                 "application `{}` has it already: each application of the dashboard has its \
                 own app id",
                 Escaped(first)
             );
        /// An application with an empty `redirect_uris`.
        NoRedirectUri {
            /// The application's name.
            application: String,
        } => message ("application `{}` registers no redirect URI", Escaped(application)),
             help (
                 "list the redirect URIs of the dashboard's credentials tab, in its order: \
                 the first is the default"
             );
        /// A redirect URI, permission or make listed twice for one application.
        DuplicateEntry {
            /// `redirect_uris`, `permissions` or `makes`.
            key: &'static str,
            /// The value listed twice.
            value: String,
        } => message ("`{}` is listed twice in `{key}`", Escaped(value)),
             help ("list it once");

        // A link checked against the registration.

        /// A link's app id that no application of the registration has: Connect
        /// answers "400: Invalid parameter `client_id`".
        UnknownAppId {
            /// The app id of the link.
            id: String,
            /// The registered app id it is a near miss of, if any.
            suggestion: Option<String>,
            /// Every application: `(name, app id)`.
            known: Vec<(String, String)>,
        } => message (
                 "no application of the registration has the app id `{}`: Connect answers \
                 \"400: Invalid parameter {}\"",
                 Escaped(id),
                 parameter.map_or("client_id", Parameter::name)
             ),
             help {
                 let near = known.iter().find(|(_, i)| Some(i) == suggestion.as_ref());
                 match (suggestion, near) {
                     (Some(s), Some((name, _))) => write!(
                         f,
                         "did you mean `{}` (application `{}`)?",
                         Escaped(s),
                         Escaped(name)
                     ),
                     _ => write!(
                         f,
                         "the registered app ids are {}: copy the app id from the credentials \
                         tab of the Smartcar dashboard",
                         Ids(known)
                     ),
                 }
             };
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
        } => message (
                 "`redirect_uri` `{}` is not registered for application `{}`: Connect answers \
                 \"400: Unauthorized redirect_uri\"",
                 Escaped(uri),
                 Escaped(application)
             ),
             help {
                 let (uri, application) = (Escaped(uri), Escaped(application));
                 match (registered_for, near) {
                     (Some(other), _) => write!(
                         f,
                         "`{uri}` is registered for application `{}`: use that application's \
                         app id, or one of `{application}`'s redirect URIs: {}",
                         Escaped(other),
                         Listed(registered)
                     ),
                     (None, Some((near, how))) if *near < registered.len() => write!(
                         f,
                         "did you mean `{}`? ({how}); registered: {}",
                         Escaped(&registered[*near]),
                         Listed(registered)
                     ),
                     (None, _) => write!(
                         f,
                         "the redirect URIs registered for `{application}` are {}: use one, or \
                         register this one in the dashboard's credentials tab and in the \
                         registration",
                         Listed(registered)
                     ),
                 }
             };
        /// Permissions the application may not request: Connect answers "Application
        /// not authorized to request permission(s): …".
        PermissionNotAuthorized {
            /// The application's name.
            application: String,
            /// The permissions it may not request, as the link asks for them.
            permissions: Vec<&'static str>,
            /// Those it may request.
            allowed: Vec<&'static str>,
        } => message (
                 "application `{}` may not request the permission{} {}: Connect answers \
                 \"Application not authorized to request permission(s): {}\"",
                 Escaped(application),
                 if permissions.len() == 1 { "" } else { "s" },
                 Listed(permissions),
                 Plain(permissions)
             ),
             help (
                 "it may request {}: remove {them} from the link, or allow {them} in the \
                 dashboard and in the registration's `permissions`",
                 Listed(allowed),
                 them = if permissions.len() == 1 { "it" } else { "them" }
             );
        /// A make the application may not request: Connect answers "Application not
        /// authorized to requested make(s): …".
        MakeNotAuthorized {
            /// The application's name.
            application: String,
            /// The make of the link.
            make: String,
            /// The makes it may request.
            allowed: Vec<String>,
        } => message (
                 "application `{}` may not request the make `{make}`: Connect answers \
                 \"Application not authorized to requested make(s): {make}\"",
                 Escaped(application),
                 make = Escaped(make)
             ),
             help (
                 "it may request {}: use one of them, or allow `{}` in the dashboard and in the \
                 registration's `makes`",
                 Listed(allowed),
                 Escaped(make)
             );
        /// `app: NAME` names no application of the registration.
        UnknownApplication {
            /// The name as written.
            name: String,
            /// The closest application name, if one is close.
            suggestion: Option<String>,
            /// Every application's name.
            known: Vec<String>,
        } => message ("the registration declares no application `{}`", Escaped(name)),
             help {
                 match suggestion {
                     Some(s) => write!(f, "did you mean `{}`?", Escaped(s)),
                     None => write!(f, "it declares {}", Listed(known)),
                 }
             };
        /// The registration declares several applications and the link says neither
        /// which (`app: NAME`) nor its app id.
        ApplicationNotChosen {
            /// Every application's name.
            known: Vec<String>,
        } => message ("the registration declares several applications, and the link names none"),
             help ("add `app: NAME` with one of {}, or a literal app id", Listed(known));
        /// The link's app id is not the one of the application it names.
        AppIdNotOfApplication {
            /// The link's app id.
            id: String,
            /// The application named.
            application: String,
            /// That application's app id.
            expected: String,
        } => message (
                 "`{p}` `{}` is not the app id of application `{}`",
                 Escaped(id),
                 Escaped(application)
             ),
             help (
                 "its app id is `{}`: leave `{p}` out to take it from the registration",
                 Escaped(expected)
             );
    }
}
