//! The stand-in's clock: the real monotonic clock plus what the test moved it by
//! ([`StandIn::advance`](crate::StandIn::advance)), so every expiry is reached
//! without waiting.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Now, moved forward by the test.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    moved: Mutex<Duration>,
}

impl Clock {
    pub(crate) fn now(&self) -> Instant {
        Instant::now() + *self.moved.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn advance(&self, by: Duration) {
        let mut moved = self.moved.lock().unwrap_or_else(PoisonError::into_inner);
        *moved = moved.saturating_add(by);
    }
}
