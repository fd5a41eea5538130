//! Work whose cost grows with the size of a request, kept off the async workers.
//!
//! Reading a link or a redirect back is linear in its size, but a query of 60 KB
//! still takes milliseconds (tens to hundreds in a debug build): run on an async
//! worker, a few such requests at once hold every worker of a small machine, and
//! an unrelated `GET /` waits for them. So an input over [`INLINE_LIMIT`] is read
//! on tokio's blocking threads, at most [`Offload::permits`] at a time per server:
//! hostile requests queue behind each other (each bounded by the handler timeout
//! of [`super::harden`]) while the workers keep answering everyone else. Inputs
//! under the limit, which is every link Connect sends and receives, are read
//! inline: no thread hop, and no queue behind an attacker.

use std::sync::Arc;

use tokio::sync::Semaphore;

/// Inputs up to this many bytes are read inline. The largest link the model can
/// write (every parameter, all 28 permissions) is about 1.2 KB, and a redirect
/// back a few hundred bytes; 4 KiB leaves room for long redirect URIs and
/// states, and bounds the inline cost to a few milliseconds of a debug build.
pub const INLINE_LIMIT: usize = 4 * 1024;

/// Runs large inputs' work on blocking threads, a bounded number at a time.
///
/// ```
/// use connect_stand_in::serving::offload::{Offload, INLINE_LIMIT};
///
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let offload = Offload::new(1);
/// let small = offload.run(10, || 1 + 1).await;
/// let large = offload.run(INLINE_LIMIT + 1, || "read on a blocking thread").await;
/// assert_eq!(small.ok(), Some(2));
/// assert!(large.is_ok());
/// # });
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Offload {
    permits: Arc<Semaphore>,
}

/// The blocking work panicked or was cancelled: a bug, answered with a 500.
///
/// ```
/// use connect_stand_in::serving::offload::{Offload, OffloadFailed, INLINE_LIMIT};
///
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let failed = Offload::new(1).run(INLINE_LIMIT + 1, || -> u8 { panic!("a bug") }).await;
/// assert!(matches!(failed, Err(OffloadFailed)));
/// # });
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct OffloadFailed;

impl Default for Offload {
    /// Half the cores (at least one): the other half keeps serving.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Offload::new((cores / 2).max(1))
    }
}

impl Offload {
    /// At most `permits` (at least one) large inputs read at a time.
    #[must_use]
    pub fn new(permits: usize) -> Self {
        Offload {
            permits: Arc::new(Semaphore::new(permits.max(1))),
        }
    }

    /// How many large inputs may be read at once.
    #[must_use]
    pub fn permits(&self) -> usize {
        self.permits.available_permits()
    }

    /// `work()` on this task when `size` is at most [`INLINE_LIMIT`], else on a
    /// blocking thread once a permit is free.
    ///
    /// # Errors
    ///
    /// [`OffloadFailed`] when the work panicked (or the runtime is shutting down).
    pub async fn run<T, F>(&self, size: usize, work: F) -> Result<T, OffloadFailed>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        if size <= INLINE_LIMIT {
            return Ok(work());
        }
        // The semaphore is never closed.
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| OffloadFailed)?;
        tokio::task::spawn_blocking(move || {
            // Held until the work ends, even when the request that asked for it
            // has timed out and gone: the bound holds for work already started.
            let _permit = permit;
            work()
        })
        .await
        .map_err(|_| OffloadFailed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn small_inputs_inline_large_ones_on_a_blocking_thread() {
        let offload = Offload::new(1);
        let worker = std::thread::current().id();
        let inline = offload
            .run(INLINE_LIMIT, move || std::thread::current().id())
            .await
            .unwrap();
        assert_eq!(inline, worker);
        let name = offload
            .run(INLINE_LIMIT + 1, || std::thread::current().id())
            .await
            .unwrap();
        assert_ne!(name, worker);
        assert_eq!(offload.permits(), 1, "the permit is given back");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn large_inputs_wait_for_a_permit() {
        let offload = Offload::new(1);
        let (started, release) = (
            Arc::new(tokio::sync::Notify::new()),
            Arc::new(std::sync::Barrier::new(2)),
        );
        let first = {
            let (offload, started, release) =
                (offload.clone(), Arc::clone(&started), Arc::clone(&release));
            tokio::spawn(async move {
                offload
                    .run(INLINE_LIMIT + 1, move || {
                        started.notify_one();
                        release.wait();
                    })
                    .await
            })
        };
        started.notified().await;
        assert_eq!(offload.permits(), 0, "the first holds the only permit");
        let second = tokio::spawn({
            let offload = offload.clone();
            async move { offload.run(INLINE_LIMIT + 1, || 2).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(!second.is_finished(), "the second waits for the permit");
        release.wait();
        first.await.unwrap().unwrap();
        assert_eq!(second.await.unwrap().unwrap(), 2);
        assert_eq!(offload.permits(), 1);
    }

    #[tokio::test]
    async fn a_panic_is_an_error_not_a_crash() {
        let offload = Offload::new(1);
        let result = offload
            .run(INLINE_LIMIT + 1, || -> u8 { panic!("a bug") })
            .await;
        assert!(result.is_err());
        assert_eq!(offload.permits(), 1);
    }
}
