//! A link against the registration: [`Registration::check`] and its
//! [`RegistrationReport`].

use super::application::{Application, Registration};
use crate::connect_url::ConnectUrl;
use crate::error::{Finding, Severity};
use crate::model::value::RedirectUri;

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
                if let Err(e) = app.check_mobile_redirect(uri) {
                    findings.push(Finding::error(e));
                }
                if let Err(e) = app.check_redirect_uri(self, uri.as_str()) {
                    findings.push(Finding::error(e));
                }
                Some(uri.clone())
            }
            None if request.response_type() == crate::model::value::ResponseType::None => None,
            None => Some(app.default_redirect_uri().clone()),
        };
        if let Some(scope) = request.scope() {
            if let Err(e) = app.check_permissions(scope.entries().iter().map(|e| e.permission())) {
                findings.push(Finding::error(e));
            }
        }
        if let Some(make) = request.make() {
            if let Err(e) = app.check_make(make) {
                findings.push(Finding::error(e));
            }
        }
        RegistrationReport {
            application: Some(app),
            redirect_uri,
            findings,
        }
    }
}
