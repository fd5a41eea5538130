//! Command-line options of the server examples: `--name value`, nothing more.

/// The values of every `--name value` pair, in order.
#[must_use]
pub fn values(args: &[String], name: &str) -> Vec<String> {
    args.windows(2)
        .filter(|w| w[0] == name)
        .map(|w| w[1].clone())
        .collect()
}

/// The last value of `--name`, parsed, or `default`.
///
/// # Errors
///
/// A message naming the option and its value when the value does not parse.
pub fn value<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    match values(args, name).pop() {
        Some(text) => text.parse().map_err(|e| format!("{name} {text:?}: {e}")),
        None => Ok(default),
    }
}
