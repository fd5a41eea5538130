//! Temporary: the path of connect-core in the expansion (replaced by the
//! proc-macro-crate lookup).

use proc_macro2::TokenStream;
use quote::quote;

#[allow(clippy::unnecessary_wraps)] // the proc-macro-crate lookup that replaces this can fail
pub fn connect_core_path() -> Result<TokenStream, syn::Error> {
    Ok(quote!(::connect_core))
}
