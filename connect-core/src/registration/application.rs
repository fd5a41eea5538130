//! [`Registration`] and its [`Application`]s: the model, its lookups, and the
//! choice of the application a link belongs to.

use super::RegistrationProblem;
use crate::error::Error;
use crate::model::catalog::permissions::Permission;
use crate::model::value::{ClientId, Make, RedirectUri};
use crate::parameter::Parameter;
use crate::suggest::closest;

/// The applications of a project as registered in Smartcar's dashboard, read from
/// `smartcar.toml` by [`Registration::from_toml`] (see the [module](super) docs for
/// the format).
///
/// ```
/// use connect_core::registration::Registration;
///
/// let registration = Registration::from_toml(
///     r#"
///     [applications.production]
///     app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
///     redirect_uris = ["https://example.com/callback"]
///     [applications.staging]
///     app_id = "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
///     redirect_uris = ["http://localhost:8000/callback"]
///     "#,
///     "smartcar.toml",
/// )?;
/// let names: Vec<&str> = registration.applications().iter().map(|a| a.name()).collect();
/// assert_eq!(names, ["production", "staging"]);
/// let staging = registration.by_app_id(&"4a1b01e5-0497-417c-a30e-6df6ba33ba46".parse()?);
/// assert_eq!(staging.map(|a| a.name()), Some("staging"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// In the order of the file; never empty, names and app ids each unique.
    pub(super) applications: Vec<Application>,
}

/// One application of the dashboard: its name in the registration, its app id, its
/// redirect URIs in dashboard order (the first is the default), and, when the
/// registration says, the permissions and makes it may request.
///
/// ```
/// use connect_core::registration::Registration;
/// use connect_core::Permission;
///
/// let registration = Registration::from_toml(
///     r#"
///     [applications.production]
///     app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
///     redirect_uris = ["https://example.com/callback", "https://example.com/home"]
///     permissions = ["read_odometer", "read_vin"]
///     "#,
///     "smartcar.toml",
/// )?;
/// let app = registration.application("production").unwrap();
/// assert_eq!(app.app_id().as_str(), "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
/// assert_eq!(app.default_redirect_uri().as_str(), "https://example.com/callback");
/// assert!(app.is_registered("https://example.com/home"));
/// assert!(app.may_request(Permission::ReadVin));
/// assert!(!app.may_request(Permission::ReadLocation));
/// assert!(app.makes().is_none()); // any make
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub(super) name: String,
    pub(super) app_id: ClientId,
    /// Never empty.
    pub(super) redirect_uris: Vec<RedirectUri>,
    pub(super) permissions: Option<Vec<Permission>>,
    pub(super) makes: Option<Vec<Make>>,
}

impl Registration {
    /// Every application, in the order of the file.
    #[must_use]
    pub fn applications(&self) -> &[Application] {
        &self.applications
    }

    /// The application of this name (`production` for `[applications.production]`).
    #[must_use]
    pub fn application(&self, name: &str) -> Option<&Application> {
        self.applications.iter().find(|a| a.name == name)
    }

    /// The application with this app id.
    #[must_use]
    pub fn by_app_id(&self, app_id: &ClientId) -> Option<&Application> {
        self.by_app_id_str(app_id.as_str())
    }

    fn by_app_id_str(&self, app_id: &str) -> Option<&Application> {
        self.applications
            .iter()
            .find(|a| a.app_id.as_str() == app_id)
    }

    /// Every application as `(name, app id)`, for messages.
    pub(super) fn known_ids(&self) -> Vec<(String, String)> {
        self.applications
            .iter()
            .map(|a| (a.name.clone(), a.app_id.as_str().to_owned()))
            .collect()
    }

    fn names(&self) -> Vec<String> {
        self.applications.iter().map(|a| a.name.clone()).collect()
    }

    /// The error of an app id no application has: "400: Invalid parameter
    /// `client_id`", with a did-you-mean among the registered ids. `parameter` is the
    /// name the link sends it under (`client_id` or `application_id`).
    #[must_use]
    pub fn unknown_app_id(&self, app_id: &str, parameter: Parameter) -> Error {
        let suggestion =
            closest(app_id, self.applications.iter().map(|a| a.app_id.as_str())).map(str::to_owned);
        Error::new(
            parameter,
            RegistrationProblem::UnknownAppId {
                id: app_id.to_owned(),
                suggestion,
                known: self.known_ids(),
            }
            .into(),
        )
    }

    /// The application a link belongs to, from what it says: `app: NAME`
    /// (`app_name`) and a literal app id (`app_id`), either, both or neither.
    ///
    /// - a name: that application; an app id beside it must be its own;
    /// - an app id alone: the application that has it;
    /// - neither: the one application, when the registration declares only one.
    ///
    /// ```
    /// use connect_core::registration::Registration;
    ///
    /// let registration = Registration::from_toml(
    ///     r#"
    ///     [applications.production]
    ///     app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
    ///     redirect_uris = ["https://example.com/callback"]
    ///     [applications.staging]
    ///     app_id = "4a1b01e5-0497-417c-a30e-6df6ba33ba46"
    ///     redirect_uris = ["http://localhost:8000/callback"]
    ///     "#,
    ///     "smartcar.toml",
    /// )?;
    /// assert_eq!(registration.resolve(Some("staging"), None)?.name(), "staging");
    /// let typo = registration.resolve(Some("prodcution"), None).unwrap_err();
    /// assert_eq!(typo.help().as_deref(), Some("did you mean `production`?"));
    /// assert!(registration.resolve(None, None).is_err()); // two applications: say which
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`RegistrationProblem::UnknownApplication`], [`RegistrationProblem::AppIdNotOfApplication`],
    /// [`RegistrationProblem::UnknownAppId`] (each with a did-you-mean) or
    /// [`RegistrationProblem::ApplicationNotChosen`].
    pub fn resolve(
        &self,
        app_name: Option<&str>,
        app_id: Option<&str>,
    ) -> Result<&Application, Error> {
        match (app_name, app_id) {
            (Some(name), id) => {
                let Some(app) = self.application(name) else {
                    let suggestion =
                        closest(name, self.applications.iter().map(|a| a.name.as_str()))
                            .map(str::to_owned);
                    return Err(Error::general(
                        RegistrationProblem::UnknownApplication {
                            name: name.to_owned(),
                            suggestion,
                            known: self.names(),
                        }
                        .into(),
                    ));
                };
                match id {
                    Some(id) if id != app.app_id.as_str() => Err(Error::new(
                        Parameter::ClientId,
                        RegistrationProblem::AppIdNotOfApplication {
                            id: id.to_owned(),
                            application: app.name.clone(),
                            expected: app.app_id.as_str().to_owned(),
                        }
                        .into(),
                    )),
                    _ => Ok(app),
                }
            }
            (None, Some(id)) => self
                .by_app_id_str(id)
                .ok_or_else(|| self.unknown_app_id(id, Parameter::ClientId)),
            (None, None) => match self.applications.as_slice() {
                [only] => Ok(only),
                _ => Err(Error::general(
                    RegistrationProblem::ApplicationNotChosen {
                        known: self.names(),
                    }
                    .into(),
                )),
            },
        }
    }
}

impl Application {
    /// Its name in the registration (`production` for `[applications.production]`).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its app id, from the dashboard's credentials tab.
    #[must_use]
    pub fn app_id(&self) -> &ClientId {
        &self.app_id
    }

    /// Its registered redirect URIs, in dashboard order; never empty.
    #[must_use]
    pub fn redirect_uris(&self) -> &[RedirectUri] {
        &self.redirect_uris
    }

    /// The first registered redirect URI: where Connect sends the owner back when a
    /// link carries none.
    #[must_use]
    pub fn default_redirect_uri(&self) -> &RedirectUri {
        // The parser refuses an empty `redirect_uris`; `first` is there all the same.
        &self.redirect_uris[0]
    }

    /// Whether `uri` is registered, exactly as written (Smartcar compares strings).
    #[must_use]
    pub fn is_registered(&self, uri: &str) -> bool {
        self.redirect_uris.iter().any(|r| r.as_str() == uri)
    }

    /// The permissions it may request, or `None` when the registration does not say
    /// (any).
    #[must_use]
    pub fn permissions(&self) -> Option<&[Permission]> {
        self.permissions.as_deref()
    }

    /// The makes it may request, or `None` when the registration does not say (any).
    #[must_use]
    pub fn makes(&self) -> Option<&[Make]> {
        self.makes.as_deref()
    }

    /// Whether it may request `permission`.
    #[must_use]
    pub fn may_request(&self, permission: Permission) -> bool {
        self.permissions
            .as_ref()
            .is_none_or(|allowed| allowed.contains(&permission))
    }

    /// Whether it may request `make`.
    #[must_use]
    pub fn may_request_make(&self, make: &Make) -> bool {
        self.makes
            .as_ref()
            .is_none_or(|allowed| allowed.contains(make))
    }

    /// The check of one redirect URI: registered for this application, or "400:
    /// Unauthorized `redirect_uri`" with the registered ones, a did-you-mean for a near
    /// miss (`near_miss`), and the other application of
    /// `registration` that registers it, if one does. `connect_url!` calls it on its
    /// literal.
    ///
    /// # Errors
    ///
    /// [`RegistrationProblem::UnauthorizedRedirectUri`].
    pub fn check_redirect_uri(&self, registration: &Registration, uri: &str) -> Result<(), Error> {
        if self.is_registered(uri) {
            return Ok(());
        }
        let registered: Vec<&str> = self.redirect_uris.iter().map(|r| r.as_str()).collect();
        let near = super::near::near_miss(uri, registered.iter().copied()).and_then(|n| {
            let at = registered
                .iter()
                .position(|r| std::ptr::eq(*r, n.registered))?;
            Some((at, n.difference.describe()))
        });
        let registered_for = registration
            .applications
            .iter()
            .find(|a| a.name != self.name && a.is_registered(uri))
            .map(|a| a.name.as_str().into());
        Err(Error::new(
            Parameter::RedirectUri,
            RegistrationProblem::UnauthorizedRedirectUri {
                uri: uri.to_owned(),
                application: self.name.clone(),
                registered: registered.into_iter().map(str::to_owned).collect(),
                near,
                registered_for,
            }
            .into(),
        ))
    }

    /// The check of the permissions a link requests: "Application not authorized to
    /// request permission(s): …", listing those it may not. `connect_url!` calls it
    /// with each permission token alone, to put the error on that token.
    ///
    /// # Errors
    ///
    /// [`RegistrationProblem::PermissionNotAuthorized`].
    pub fn check_permissions(
        &self,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> Result<(), Error> {
        let Some(allowed) = &self.permissions else {
            return Ok(());
        };
        let refused: Vec<&'static str> = permissions
            .into_iter()
            .filter(|p| !allowed.contains(p))
            .map(Permission::name)
            .collect();
        if refused.is_empty() {
            return Ok(());
        }
        Err(Error::new(
            Parameter::Scope,
            RegistrationProblem::PermissionNotAuthorized {
                application: self.name.clone(),
                permissions: refused,
                allowed: allowed.iter().map(|p| p.name()).collect(),
            }
            .into(),
        ))
    }

    /// The check of a link's make: "Application not authorized to requested
    /// make(s): …".
    ///
    /// # Errors
    ///
    /// [`RegistrationProblem::MakeNotAuthorized`].
    pub fn check_make(&self, make: &Make) -> Result<(), Error> {
        match &self.makes {
            Some(allowed) if !allowed.contains(make) => Err(Error::new(
                Parameter::Make,
                RegistrationProblem::MakeNotAuthorized {
                    application: self.name.clone(),
                    make: make.as_str().to_owned(),
                    allowed: allowed.iter().map(|m| m.as_str().to_owned()).collect(),
                }
                .into(),
            )),
            _ => Ok(()),
        }
    }

    /// The check of a mobile `sc<id>://` redirect URI's id against this
    /// application's app id ([`RedirectUri::check_client`]); web URIs pass.
    ///
    /// # Errors
    ///
    /// [`Problem::RedirectMobileMismatch`](crate::Problem::RedirectMobileMismatch).
    pub fn check_mobile_redirect(&self, uri: &RedirectUri) -> Result<(), Error> {
        uri.check_client(&self.app_id)
    }
}
