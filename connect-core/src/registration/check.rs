//! A link against the registration: [`Registration::check`] and its
//! [`RegistrationReport`]; and `connect_url!`'s literals against it
//! ([`Registration::check_literals`], each error tagged with its literal).

use super::application::{Application, Registration};
use crate::connect_url::ConnectUrl;
use crate::error::{Error, Finding, Severity};
use crate::model::catalog::permissions::Permission;
use crate::model::value::{Make, RedirectUri};
use crate::parameter::Parameter;

/// What [`Registration::check`] found: the link's application, the redirect URI
/// Connect would send the owner back to, and every finding, in Connect's wording.
///
/// ```
/// use connect_core::registration::Registration;
/// use connect_core::ConnectUrl;
///
/// let registration = Registration::from_toml(
///     r#"
///     [applications.production]
///     app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
///     redirect_uris = ["https://example.com/callback", "https://example.com/home"]
///     "#,
///     "smartcar.toml",
/// )?;
/// let url = ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse()?).build()?;
/// let report = registration.check(&url);
/// assert!(report.is_ok());
/// assert_eq!(report.application().map(|a| a.name()), Some("production"));
/// // No `redirect_uri` in the link: the first registered one is the default.
/// assert_eq!(report.redirect_uri().map(|u| u.as_str()), Some("https://example.com/callback"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RegistrationReport<'r> {
    application: Option<&'r Application>,
    redirect_uri: Option<RedirectUri>,
    findings: Vec<Finding>,
}

impl<'r> RegistrationReport<'r> {
    /// The application the link's app id belongs to, if one does.
    #[must_use]
    pub fn application(&self) -> Option<&'r Application> {
        self.application
    }

    /// Where Connect sends the owner back: the link's redirect URI, or the
    /// application's default when it carries none; `None` when the application is
    /// unknown, or the link carries none and asks for no response
    /// (`response_type=none` ends on a page Smartcar hosts).
    #[must_use]
    pub fn redirect_uri(&self) -> Option<&RedirectUri> {
        self.redirect_uri.as_ref()
    }

    /// Every finding, in the order checked: app id, redirect URI, permissions, make.
    /// Each is an error: Connect refuses the link.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether Connect would accept the link, as far as the registration tells.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.findings.iter().all(|f| f.severity() < Severity::Error)
    }

    /// The findings, owned.
    #[must_use]
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

impl Registration {
    /// Checks a built or read link against the registration, as Connect would:
    /// an app id no application has ("400: Invalid parameter `client_id`", with a
    /// did-you-mean), a redirect URI not registered for that application ("400:
    /// Unauthorized `redirect_uri`", with the registered ones and a did-you-mean for a
    /// near miss), a mobile `sc<id>://` redirect URI of another app id, permissions
    /// and a make it may not request. Every finding at once.
    ///
    /// ```
    /// use connect_core::registration::Registration;
    /// use connect_core::ConnectUrl;
    ///
    /// let registration = Registration::from_toml(
    ///     r#"
    ///     [applications.production]
    ///     app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
    ///     redirect_uris = ["https://example.com/callback"]
    ///     permissions = ["read_odometer", "read_vin"]
    ///     makes = ["TESLA"]
    ///     "#,
    ///     "smartcar.toml",
    /// )?;
    /// let link = "https://connect.smartcar.com/oauth/authorize?response_type=code\
    ///     &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=read_vin%20read_location\
    ///     &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback&make=BMW";
    /// let url: ConnectUrl = link.parse()?;
    /// let messages: Vec<String> = registration
    ///     .check(&url)
    ///     .findings()
    ///     .iter()
    ///     .map(|f| f.as_error().message())
    ///     .collect();
    /// assert_eq!(messages, [
    ///     "application `production` may not request the permission `read_location`: Connect \
    ///      answers \"Application not authorized to request permission(s): read_location\"",
    ///     "application `production` may not request the make `BMW`: Connect answers \
    ///      \"Application not authorized to requested make(s): BMW\"",
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn check(&self, url: &ConnectUrl) -> RegistrationReport<'_> {
        let request = url.request();
        let mut findings = Vec::new();
        let Some(app) = self.by_app_id(request.client_id()) else {
            findings.push(Finding::error(self.unknown_app_id(
                request.client_id().as_str(),
                request.app_id_parameter(),
            )));
            return RegistrationReport {
                application: None,
                redirect_uri: request.redirect_uri().cloned(),
                findings,
            };
        };
        let redirect_uri = match request.redirect_uri() {
            Some(uri) => {
                let errors = self.redirect_uri_errors(app, uri, true);
                findings.extend(errors.into_iter().map(Finding::error));
                Some(uri.clone())
            }
            None if request.response_type() == crate::model::value::ResponseType::None => None,
            None => Some(app.default_redirect_uri().clone()),
        };
        if let Some(scope) = request.scope()
            && let Err(e) = app.check_permissions(scope.entries().iter().map(|e| e.permission()))
        {
            findings.push(Finding::error(e));
        }
        if let Some(make) = request.make()
            && let Err(e) = app.check_make(make)
        {
            findings.push(Finding::error(e));
        }
        RegistrationReport {
            application: Some(app),
            redirect_uri,
            findings,
        }
    }
}

/// Which literal of a `connect_url!` link a registration error concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Literal {
    /// The whole link (no literal to point at).
    Link,
    /// The value of `app: NAME`.
    App,
    /// The `client_id` / `application_id` literal.
    AppId,
    /// The `redirect_uri` literal.
    RedirectUri,
    /// The scope's permission at this index of [`Literals::permissions`].
    Permission(usize),
    /// The `make` value.
    Make,
}

/// What a `connect_url!` link says, as far as the registration's checks go: each
/// literal (`None` when absent or written as an expression, which cannot be
/// checked at compile time).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Literals<'a> {
    /// `app: NAME`.
    pub(crate) app: Option<&'a str>,
    /// The `client_id` or `application_id` literal.
    pub(crate) app_id: Option<&'a str>,
    /// Under which name it is written (`client_id` when absent).
    pub(crate) app_id_parameter: Option<Parameter>,
    /// The `redirect_uri` literal, valid on its own.
    pub(crate) redirect_uri: Option<&'a RedirectUri>,
    /// The scope's permissions, each once, in the order written.
    pub(crate) permissions: &'a [Permission],
    /// The `make` literal.
    pub(crate) make: Option<&'a Make>,
}

impl Registration {
    /// The errors of a redirect URI for `app`: a mobile `sc<id>://` one of
    /// another app id (when `mobile`), then one not registered for it (with a
    /// did-you-mean for a near miss, and the application that has it).
    fn redirect_uri_errors(
        &self,
        app: &Application,
        uri: &RedirectUri,
        mobile: bool,
    ) -> Vec<Error> {
        let mobile = if mobile {
            app.check_mobile_redirect(uri).err()
        } else {
            None
        };
        let registered = app.check_redirect_uri(self, uri.as_str()).err();
        mobile.into_iter().chain(registered).collect()
    }

    /// `connect_url!`'s literals against the registration: the application
    /// ([`Registration::resolve`]: `app: NAME`, the literal app id, both, or the
    /// only application), its redirect URI (a mobile one of another app id only
    /// when the app id comes from the registration: beside a literal app id the
    /// rules between parameters say it), each permission and the make. The
    /// application, when one could be chosen, and every error with its literal.
    pub(crate) fn check_literals(
        &self,
        literals: &Literals<'_>,
    ) -> (Option<&Application>, Vec<(Literal, Error)>) {
        let app = match self.resolve(literals.app, literals.app_id) {
            Ok(app) => app,
            Err(error) => {
                let literal = match error.parameter() {
                    Some(_) => Literal::AppId,
                    None if literals.app.is_some() => Literal::App,
                    None => Literal::Link,
                };
                // Reported under the name the link writes the app id with.
                let error = match (error.parameter(), literals.app_id_parameter) {
                    (Some(_), Some(parameter)) => Error::new(parameter, error.problem().clone()),
                    _ => error,
                };
                return (None, vec![(literal, error)]);
            }
        };
        let mut errors = Vec::new();
        if let Some(uri) = literals.redirect_uri {
            let found = self.redirect_uri_errors(app, uri, literals.app_id.is_none());
            errors.extend(found.into_iter().map(|e| (Literal::RedirectUri, e)));
        }
        for (i, permission) in literals.permissions.iter().enumerate() {
            if let Err(e) = app.check_permissions([*permission]) {
                errors.push((Literal::Permission(i), e));
            }
        }
        if let Some(make) = literals.make
            && let Err(e) = app.check_make(make)
        {
            errors.push((Literal::Make, e));
        }
        (Some(app), errors)
    }
}

impl Application {
    /// For hover on a link that carries no `redirect_uri`: where Connect sends
    /// the owner back.
    pub(crate) fn default_redirect_note(&self) -> String {
        format!(
            "no `redirect_uri`: Connect sends the owner back to `{}`, the first redirect URI \
             registered for application `{}` (smartcar.toml)",
            self.default_redirect_uri(),
            self.name()
        )
    }
}
