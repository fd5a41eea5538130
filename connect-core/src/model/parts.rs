//! [`Parts`]: a link, typed. The reader makes them from a text; the renderer writes
//! them; a [`ConnectUrl`](crate::ConnectUrl) holds them beside its text.

use crate::model::origin::Origin;
use crate::model::request::ConnectRequest;

/// What a link is, typed: where it points and what it asks.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    pub(crate) origin: Origin,
    pub(crate) request: ConnectRequest,
}
