//! The typed model of a `connect_url!` invocation, as written: each parameter with
//! its key and the tokens of its value, spans kept for diagnostics.

use connect_core::Parameter;
use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr};

pub struct Invocation {
    pub params: Vec<Param>,
}

pub struct Param {
    pub parameter: Parameter,
    pub key: Ident,
    pub value: Value,
}

impl Invocation {
    pub fn get(&self, parameter: Parameter) -> Option<&Param> {
        self.params.iter().find(|p| p.parameter == parameter)
    }
}

/// A parameter's value, in the form its key takes.
pub enum Value {
    /// `client_id`, `redirect_uri`, `state`, `single_select_vin`, `user`, `vehicle_id`.
    Text(Text),
    /// `scope: [required read_odometer, read_vin]`.
    Scope(List<ScopeItem>),
    /// `approval_prompt: force`, `mode: simulated`.
    Word(Ident),
    /// `make: TESLA` or `make: "NEW_BRAND"`.
    Make(MakeName),
    /// `single_select: true`.
    Bool(bool),
    /// A value already reported as malformed: the key still counts as given.
    Invalid,
    /// `flags: [country: DE, "account_sync": true]`.
    Flags(List<FlagItem>),
}

/// A bracketed list: the entries that parsed, the brackets' span, and whether
/// nothing at all was written between them (not: every entry was malformed).
pub struct List<T> {
    pub entries: Vec<T>,
    pub span: Span,
    pub written_empty: bool,
}

pub enum Text {
    Literal(LitStr),
    /// Any other tokens: an expression of the parameter's connect-core type.
    Expr(TokenStream),
}

pub struct ScopeItem {
    /// `required`, or a misspelling of it.
    pub prefix: Option<Ident>,
    pub permission: Ident,
}

pub enum MakeName {
    /// Checked against the catalog.
    Catalog(Ident),
    /// The escape hatch: checked only for its spelling.
    Literal(LitStr),
}

pub struct FlagItem {
    /// The flag's name as written (`country`, or a string literal).
    pub name: String,
    pub name_span: Span,
    /// The value as it is sent (`DE`, `true`, `42`, or the string's content).
    pub value: String,
    pub value_span: Span,
}
