//! The typed model of a `connect_url!` invocation, as written: each parameter with
//! its key and its value, a literal in the form its row of the parameter table
//! says or an expression, spans kept for diagnostics.

use connect_core::Parameter;
use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr};

pub struct Invocation {
    pub params: Vec<Param>,
    /// `app: production`: the application of the registration (`smartcar.toml`)
    /// the link belongs to. Not a Connect parameter: the macro's own key.
    pub app: Option<Ident>,
    /// Whether an `app` key is written at all, even one whose value was refused:
    /// the link then names its application, and nothing else is said about it.
    pub app_written: bool,
    /// A leading `crate = some::path` as written (its tokens up to the first
    /// comma), which `crate_path` reads.
    pub crate_path: Option<TokenStream>,
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

/// A parameter's value.
pub enum Value {
    /// Written in the parameter's literal form, checked at compile time.
    Literal(Literal),
    /// Any other tokens: an expression of the parameter's connect-core type.
    Expr(TokenStream),
    /// A value already reported as malformed: the key still counts as given.
    Invalid,
}

/// A literal, in the form of its parameter's row (`connect_core::__private::form`).
pub enum Literal {
    /// `client_id: "…"`.
    Text(LitStr),
    /// `mode: simulated`, `response_type: none`: the word as written (or another
    /// single literal, which connect-core then refuses), and where.
    Word(String, Span),
    /// `single_select: true`.
    Bool(bool, Span),
    /// `make: TESLA` or `make: "NEW_BRAND"`.
    Make(MakeName),
    /// `scope: [required read_odometer, read_vin]`.
    Scope(List<ScopeItem>),
    /// `flags: [country: DE, "account_sync": true]`.
    Flags(List<FlagItem>),
}

impl Literal {
    /// Where the literal is written, for errors about it.
    pub fn span(&self) -> Span {
        match self {
            Literal::Text(lit) | Literal::Make(MakeName::Literal(lit)) => lit.span(),
            Literal::Word(_, span) | Literal::Bool(_, span) => *span,
            Literal::Make(MakeName::Catalog(ident)) => ident.span(),
            Literal::Scope(list) => list.span,
            Literal::Flags(list) => list.span,
        }
    }
}

/// A bracketed list: the entries that parsed, the brackets' span, and whether
/// nothing at all was written between them (not: every entry was malformed).
pub struct List<T> {
    pub entries: Vec<T>,
    pub span: Span,
    pub written_empty: bool,
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
