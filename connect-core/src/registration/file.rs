//! `smartcar.toml` → [`Registration`]: every problem of the file at once, each at
//! its line and column.

use std::collections::{HashMap, HashSet};

use toml_span::value::{Table, ValueInner};
use toml_span::{ErrorKind, Value};

use super::application::{Application, Registration};
use super::issue::{Locator, RegistrationError};
use super::RegistrationProblem;
use crate::error::Error;
use crate::model::catalog::permissions::Permission;
use crate::model::value::{parse_app_id, Make, RedirectUri};
use crate::parameter::Parameter;
use crate::suggest::closest;

/// The keys of the file's top level.
const TOP_KEYS: &[&str] = &["applications"];
/// The keys of an application's table.
const APPLICATION_KEYS: &[&str] = &["app_id", "redirect_uris", "permissions", "makes"];

impl Registration {
    /// Reads a registration from the text of `smartcar.toml`; `path` is only for
    /// messages (`smartcar.toml`, or the path it was read from).
    ///
    /// ```
    /// use connect_core::registration::Registration;
    ///
    /// let text = r#"
    /// [applications.production]
    /// app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
    /// redirect_uris = ["https://example.com/callback", "https://example.com/home"]
    /// permissions = ["read_odometer", "read_vin"]
    /// makes = ["TESLA", "BMW"]
    /// "#;
    /// let registration = Registration::from_toml(text, "smartcar.toml")?;
    /// assert_eq!(registration.applications().len(), 1);
    ///
    /// let error = Registration::from_toml(&text.replace("read_vin", "read_vim"), "smartcar.toml")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "error: unknown permission `read_vim`\n --> smartcar.toml:5:34\n  = help: did you mean `read_vin`?"
    /// );
    /// # Ok::<(), connect_core::registration::RegistrationError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Every problem of the file, each with its line and column: TOML that does not
    /// parse, an unknown key (with a did-you-mean), a value of the wrong type, a
    /// missing `app_id` or `redirect_uris`, an invalid app id, redirect URI,
    /// permission or make (connect-core's own rules), an application name that is
    /// not an identifier, an app id declared for two applications, an empty
    /// `redirect_uris`, a value listed twice, or no application at all.
    pub fn from_toml(text: &str, path: &str) -> Result<Registration, RegistrationError> {
        Registration::read(text, path)
    }

    /// Reads a registration from the file's bytes, as read from disk: bytes that
    /// are not UTF-8 are one problem, at the line and column of the first (a file
    /// saved in Windows-1252), and the rest as [`from_toml`](Self::from_toml).
    ///
    /// ```
    /// use connect_core::registration::Registration;
    ///
    /// let bytes = b"[applications.caf\xE9]\napp_id = \"8229df9f\"\n";
    /// let error = Registration::from_bytes(bytes, "smartcar.toml").unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "error: the registration is not valid UTF-8: byte `0xE9`\n --> smartcar.toml:1:18\n  \
    ///      = help: save the file as UTF-8 (an editor's \"UTF-8\" encoding; Windows-1252 and \
    ///      Latin-1 write such bytes for accents and curly quotes)"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// The first byte that is not UTF-8, or every problem of the text.
    pub fn from_bytes(bytes: &[u8], path: &str) -> Result<Registration, RegistrationError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Registration::read(text, path),
            Err(e) => {
                let valid = e.valid_up_to();
                // The prefix is UTF-8: it locates the bad byte, which starts right after it.
                let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
                let mut issues = Locator::new(prefix);
                issues.issue(
                    (valid, valid + 1),
                    Error::general(RegistrationProblem::NotUtf8 { byte: bytes[valid] }.into()),
                );
                Err(issues.into_error(path))
            }
        }
    }

    fn read(text: &str, path: &str) -> Result<Registration, RegistrationError> {
        let mut issues = Locator::new(text);
        let root = match toml_span::parse(text) {
            Ok(root) => root,
            Err(e) => {
                let reason = match &e.kind {
                    ErrorKind::DuplicateTable { name, .. } => {
                        format!("`{name}` is declared twice")
                    }
                    ErrorKind::DuplicateKey { key, .. } => format!("`{key}` is given twice"),
                    _ => e.to_string(),
                };
                issues.issue(
                    (e.span.start, e.span.end),
                    Error::general(RegistrationProblem::Syntax { reason }.into()),
                );
                return Err(issues.into_error(path));
            }
        };
        let mut applications = Vec::new();
        let mut reader = Reader {
            issues: &mut issues,
            ids: Vec::new(),
        };
        if let Some(top) = reader.table(&root, "the registration") {
            let mut found = false;
            for (key, value) in in_file_order(top) {
                if key.name == "applications" {
                    found = true;
                    if let Some(apps) = reader.table(value, "applications") {
                        for (name, app) in in_file_order(apps) {
                            if let Some(app) = reader.application(&name.name, name.span, app) {
                                applications.push(app);
                            }
                        }
                    }
                } else {
                    reader.unknown_key(&key.name, key.span, TOP_KEYS);
                }
            }
            if !found || (applications.is_empty() && !reader.issues.has_issues()) {
                reader.issues.issue(
                    (0, 0),
                    Error::general(RegistrationProblem::NoApplication.into()),
                );
            }
        }
        reader.duplicate_ids();
        if issues.has_issues() {
            return Err(issues.into_error(path));
        }
        Ok(Registration { applications })
    }
}

/// A table's entries in the order of the file (toml-span sorts them by name).
fn in_file_order<'a, 'de>(
    table: &'a Table<'de>,
) -> Vec<(&'a toml_span::value::Key<'de>, &'a Value<'de>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span.start);
    entries
}

/// `a string`, `an integer`, … for "must be …, not …".
fn kind(value: &Value<'_>) -> &'static str {
    match value.as_ref() {
        ValueInner::String(_) => "a string",
        ValueInner::Integer(_) => "an integer",
        ValueInner::Float(_) => "a float",
        ValueInner::Boolean(_) => "a boolean",
        ValueInner::Array(_) => "an array",
        ValueInner::Table(_) => "a table",
    }
}

fn span(value: &Value<'_>) -> (usize, usize) {
    (value.span.start, value.span.end)
}

/// An application name is an identifier: `app: NAME` in `connect_url!`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}

struct Reader<'i, 't> {
    issues: &'i mut Locator<'t>,
    /// Every application's app id as read, its name and where: also of the
    /// applications that have other problems, so two ids are always compared.
    ids: Vec<(String, String, (usize, usize))>,
}

impl Reader<'_, '_> {
    fn table<'v, 'de>(&mut self, value: &'v Value<'de>, key: &str) -> Option<&'v Table<'de>> {
        if let ValueInner::Table(table) = value.as_ref() {
            return Some(table);
        }
        self.wrong_type(value, key, "a table");
        None
    }

    fn wrong_type(&mut self, value: &Value<'_>, key: &str, expected: &'static str) {
        self.issues.issue(
            span(value),
            Error::general(
                RegistrationProblem::WrongType {
                    key: key.to_owned(),
                    expected,
                    found: kind(value),
                }
                .into(),
            ),
        );
    }

    fn unknown_key(&mut self, key: &str, at: toml_span::Span, expected: &'static [&'static str]) {
        self.issues.issue(
            (at.start, at.end),
            Error::general(
                RegistrationProblem::UnknownKey {
                    key: key.to_owned(),
                    expected,
                    suggestion: closest(key, expected.iter().copied()),
                }
                .into(),
            ),
        );
    }

    fn string<'v>(&mut self, value: &'v Value<'_>, key: &str) -> Option<&'v str> {
        if let ValueInner::String(s) = value.as_ref() {
            return Some(s);
        }
        self.wrong_type(value, key, "a string");
        None
    }

    /// The strings of an array, each parsed by `parse`, each value once; an error
    /// per entry that is not a string, does not parse, or repeats one before it.
    fn list<T, F>(&mut self, value: &Value<'_>, key: &'static str, parse: F) -> Option<Vec<T>>
    where
        T: std::hash::Hash + Eq + Clone,
        F: Fn(&str) -> Result<T, Error>,
    {
        let ValueInner::Array(items) = value.as_ref() else {
            self.wrong_type(value, key, "an array of strings");
            return None;
        };
        let mut parsed = Vec::with_capacity(items.len());
        let mut seen = HashSet::with_capacity(items.len());
        let mut whole = true;
        for (i, item) in items.iter().enumerate() {
            let Some(text) = self.string(item, &format!("{key}[{i}]")) else {
                whole = false;
                continue;
            };
            match parse(text) {
                Ok(v) if !seen.insert(v.clone()) => {
                    self.issues.issue(
                        span(item),
                        Error::general(
                            RegistrationProblem::DuplicateEntry {
                                key,
                                value: text.to_owned(),
                            }
                            .into(),
                        ),
                    );
                    whole = false;
                }
                Ok(v) => parsed.push(v),
                Err(e) => {
                    self.issues.issue(span(item), e);
                    whole = false;
                }
            }
        }
        whole.then_some(parsed)
    }

    fn application(
        &mut self,
        name: &str,
        name_span: toml_span::Span,
        value: &Value<'_>,
    ) -> Option<Application> {
        let mut whole = true;
        if !is_identifier(name) {
            self.issues.issue(
                (name_span.start, name_span.end),
                Error::general(
                    RegistrationProblem::InvalidName {
                        name: name.to_owned(),
                    }
                    .into(),
                ),
            );
            whole = false;
        }
        let table = self.table(value, name)?;
        let (mut app_id, mut redirect_uris, mut permissions, mut makes) = (None, None, None, None);
        let (mut has_id, mut has_uris) = (false, false);
        for (key, value) in in_file_order(table) {
            match key.name.as_ref() {
                "app_id" => {
                    has_id = true;
                    app_id = self.string(value, "app_id").and_then(|id| {
                        parse_app_id(id, Parameter::ClientId)
                            .map_err(|e| self.issues.issue(span(value), e))
                            .ok()
                    });
                    if let Some(id) = &app_id {
                        self.ids
                            .push((id.as_str().to_owned(), name.to_owned(), span(value)));
                    }
                }
                "redirect_uris" => {
                    has_uris = true;
                    redirect_uris = self.list(value, "redirect_uris", str::parse::<RedirectUri>);
                    if let ValueInner::Array(items) = value.as_ref()
                        && items.is_empty()
                    {
                        self.issues.issue(
                            span(value),
                            Error::general(
                                RegistrationProblem::NoRedirectUri {
                                    application: name.to_owned(),
                                }
                                .into(),
                            ),
                        );
                        redirect_uris = None;
                    }
                }
                "permissions" => {
                    permissions = Some(self.list(value, "permissions", str::parse::<Permission>));
                }
                "makes" => makes = Some(self.list(value, "makes", str::parse::<Make>)),
                other => {
                    self.unknown_key(other, key.span, APPLICATION_KEYS);
                    whole = false;
                }
            }
        }
        for (has, key) in [(has_id, "app_id"), (has_uris, "redirect_uris")] {
            if !has {
                self.issues.issue(
                    (name_span.start, name_span.end),
                    Error::general(
                        RegistrationProblem::MissingKey {
                            key,
                            application: name.to_owned(),
                        }
                        .into(),
                    ),
                );
            }
        }
        let application = Application {
            name: name.to_owned(),
            app_id: app_id?,
            redirect_uris: redirect_uris?,
            permissions: permissions.map_or(Some(None), |p| p.map(Some))?,
            makes: makes.map_or(Some(None), |m| m.map(Some))?,
        };
        whole.then_some(application)
    }

    /// Two applications with one app id: an error on the second, naming the first.
    fn duplicate_ids(&mut self) {
        let mut first: HashMap<&str, &str> = HashMap::with_capacity(self.ids.len());
        for (id, name, at) in &self.ids {
            match first.get(id.as_str()) {
                Some(before) => self.issues.issue(
                    *at,
                    Error::general(
                        RegistrationProblem::DuplicateAppId {
                            id: id.clone(),
                            first: (*before).to_owned(),
                        }
                        .into(),
                    ),
                ),
                None => {
                    first.insert(id, name);
                }
            }
        }
    }
}
