//! `scope`: the permissions a link requests, each optional or `required:`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::list::{checked_list, list_problems, read_list};
use super::QueryValue;
use crate::encode::Sink;
use crate::error::{Error, Findings, Problem};
use crate::model::catalog::permissions::Permission;
use crate::parameter::Parameter;

/// The prefix that locks a permission on the grant screen (`required:read_vin`);
/// `connect_url!` reads it through `__private`.
pub const REQUIRED_PREFIX: &str = "required";

/// One permission of a scope, and whether the owner may uncheck it.
///
/// Since 2026-06-16 Connect shows every requested permission checked; a `required`
/// one is locked, an optional one can be unchecked by the owner.
///
/// ```
/// use connect_core::{Permission, ScopeEntry};
///
/// let locked = ScopeEntry::required(Permission::ReadOdometer);
/// assert!(locked.is_required());
/// assert_eq!(locked.to_string(), "required:read_odometer");
/// let entry: ScopeEntry = "read_vin".parse()?;
/// assert_eq!(entry, ScopeEntry::optional(Permission::ReadVin));
/// assert_eq!(ScopeEntry::from(Permission::ReadVin), entry);
/// # Ok::<(), connect_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScopeEntry {
    permission: Permission,
    required: bool,
}

impl ScopeEntry {
    /// An entry; `required` locks it on the grant screen.
    #[must_use]
    pub const fn new(permission: Permission, required: bool) -> Self {
        ScopeEntry {
            permission,
            required,
        }
    }

    /// An entry the owner may uncheck.
    #[must_use]
    pub const fn optional(permission: Permission) -> Self {
        ScopeEntry::new(permission, false)
    }

    /// An entry locked on the grant screen (`required:NAME`).
    #[must_use]
    pub const fn required(permission: Permission) -> Self {
        ScopeEntry::new(permission, true)
    }

    /// The permission.
    #[must_use]
    pub const fn permission(self) -> Permission {
        self.permission
    }

    /// Whether it is locked on the grant screen.
    #[must_use]
    pub const fn is_required(self) -> bool {
        self.required
    }

    /// The rule of an entry's prefix: only `required` exists (`requierd` gets a
    /// did-you-mean).
    pub(crate) fn check_prefix(prefix: &str) -> Result<(), Error> {
        if prefix == REQUIRED_PREFIX {
            return Ok(());
        }
        let suggestion = crate::suggest::closest(prefix, [REQUIRED_PREFIX]);
        Err(Error::new(
            Parameter::Scope,
            Problem::UnknownPrefix {
                prefix: prefix.to_owned(),
                suggestion,
            },
        ))
    }
}

impl From<Permission> for ScopeEntry {
    fn from(permission: Permission) -> Self {
        ScopeEntry::optional(permission)
    }
}

impl FromStr for ScopeEntry {
    type Err = Error;

    /// `read_vin` or `required:read_vin`.
    fn from_str(entry: &str) -> Result<Self, Error> {
        match entry.split_once(':') {
            Some((prefix, name)) => {
                ScopeEntry::check_prefix(prefix)?;
                Ok(ScopeEntry::required(name.parse()?))
            }
            None => Ok(ScopeEntry::optional(entry.parse()?)),
        }
    }
}

impl fmt::Display for ScopeEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.required {
            write!(f, "{REQUIRED_PREFIX}:")?;
        }
        f.write_str(self.permission.name())
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // the `Fn(&T)` that `list_problems` takes
fn duplicate(entry: &ScopeEntry) -> Problem {
    Problem::DuplicatePermission {
        name: entry.permission.name(),
    }
}

/// The permissions a link requests, in the order written: non-empty, each
/// permission once. `Display` writes them space-separated, `required:` where locked.
///
/// ```
/// use connect_core::{Permission, Scope, ScopeEntry};
///
/// let scope = Scope::new([
///     ScopeEntry::required(Permission::ReadOdometer),
///     Permission::ReadVin.into(),
/// ])?;
/// assert_eq!(scope.to_string(), "required:read_odometer read_vin");
/// assert!(scope.contains(Permission::ReadVin));
/// assert_eq!(scope, "required:read_odometer read_vin".parse()?);
/// // Each permission once, required or not.
/// assert!(Scope::new([Permission::ReadVin.into(), ScopeEntry::required(Permission::ReadVin)]).is_err());
/// # Ok::<(), connect_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scope(Cow<'static, [ScopeEntry]>);

impl Scope {
    /// A scope of these entries.
    ///
    /// # Errors
    ///
    /// The first broken rule: no entry, or a permission listed twice.
    pub fn new(entries: impl IntoIterator<Item = ScopeEntry>) -> Result<Scope, Error> {
        let entries = checked_list(
            Parameter::Scope,
            entries.into_iter().collect(),
            |e| e.permission,
            duplicate,
        )?;
        Ok(Scope(Cow::Owned(entries)))
    }

    /// Every broken rule of a list of entries, each with the index of the entry at
    /// fault (`None` for the list as a whole): empty, or a permission listed again.
    pub(crate) fn problems(entries: &[ScopeEntry]) -> Vec<(Option<usize>, Error)> {
        list_problems(Parameter::Scope, entries, |e| e.permission, duplicate)
    }

    /// The entries, in order.
    #[must_use]
    pub fn entries(&self) -> &[ScopeEntry] {
        &self.0
    }

    /// Whether `permission` is requested, required or not.
    #[must_use]
    pub fn contains(&self, permission: Permission) -> bool {
        self.0.iter().any(|e| e.permission == permission)
    }

    /// Entries `connect_url!` checked at compile time.
    pub(crate) const fn checked(entries: &'static [ScopeEntry]) -> Self {
        Scope(Cow::Borrowed(entries))
    }
}

impl FromStr for Scope {
    type Err = Error;

    /// Space-separated entries (`required:read_odometer read_vin`); runs of
    /// whitespace count as one separator.
    fn from_str(text: &str) -> Result<Self, Error> {
        let entries = text
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<_>, _>>()?;
        Scope::new(entries)
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, entry) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{entry}")?;
        }
        Ok(())
    }
}

impl QueryValue for Scope {
    fn write(&self, out: &mut impl Sink) {
        for (i, entry) in self.0.iter().enumerate() {
            if i > 0 {
                out.raw("%20");
            }
            if entry.required {
                out.raw("required%3A");
            }
            out.raw(entry.permission.name());
        }
    }

    /// Every entry is read, so each unknown permission is its own finding.
    fn read(_: Parameter, text: &str, findings: &mut Findings) -> Option<Self> {
        read_list(text, str::parse, Scope::problems, findings)
            .map(|entries| Scope(Cow::Owned(entries)))
    }
}

crate::serde_impls::as_string!(Scope);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse_with_and_without_prefix() {
        assert_eq!(
            "read_vin".parse::<ScopeEntry>().unwrap(),
            ScopeEntry::optional(Permission::ReadVin)
        );
        assert_eq!(
            "required:read_vin".parse::<ScopeEntry>().unwrap(),
            ScopeEntry::required(Permission::ReadVin)
        );
        let e = "requird:read_vin".parse::<ScopeEntry>().unwrap_err();
        assert_eq!(e.help().as_deref(), Some("did you mean `required`?"));
        let e = "optional:read_vin".parse::<ScopeEntry>().unwrap_err();
        assert_eq!(e.help().as_deref(), Some("the only prefix is `required`"));
        assert!("required:".parse::<ScopeEntry>().is_err());
    }

    #[test]
    fn scope_keeps_order_and_refuses_empty_and_duplicates() {
        let scope: Scope = "required:read_odometer read_vehicle_info  read_location"
            .parse()
            .unwrap();
        assert_eq!(
            scope.to_string(),
            "required:read_odometer read_vehicle_info read_location"
        );
        assert!(scope.contains(Permission::ReadLocation));
        assert!(!scope.contains(Permission::ReadVin));
        assert_eq!(
            "".parse::<Scope>().unwrap_err().message(),
            "`scope` lists no permission"
        );
        let e = "read_vin required:read_vin".parse::<Scope>().unwrap_err();
        assert_eq!(
            e.problem(),
            &Problem::DuplicatePermission { name: "read_vin" }
        );
        let problems = Scope::problems(&[
            ScopeEntry::optional(Permission::ReadVin),
            ScopeEntry::optional(Permission::ReadFuel),
            ScopeEntry::required(Permission::ReadVin),
            ScopeEntry::optional(Permission::ReadFuel),
        ]);
        let at: Vec<_> = problems.iter().map(|(i, _)| *i).collect();
        assert_eq!(at, [Some(2), Some(3)]);
    }
}
