//! Work spread over the machine's cores, for large inputs.
//!
//! The work is cut into runs that whichever thread is free claims one at a time, the
//! calling thread included: a worker that gets no core (a busy machine) leaves its share to
//! the others instead of making the caller wait for it. A new thread can take long to get
//! a core even on an idle machine: on the project's 2-core virtual machine, a thread spawned
//! while its parent computes started 2 to 3 ms later (queued behind its parent until the
//! scheduler balanced the cores), so [`map`] and [`both`], which join their workers, sleep a
//! moment after spawning (see [`settle`]); [`map_into`], whose items are owned, does not wait
//! for its workers to start at all. Callers still spread only work that lasts far longer
//! than a thread's start (thousands of paragraphs, megabytes of text, the versions of a
//! history); a resolution's whole comparison takes a few milliseconds.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, mpsc};
use std::thread;
use std::time::Duration;

/// From this many paragraphs (both versions together) a comparison's work is spread: the
/// aligner's two halves (reading each version, searching candidates each way) and the
/// redline's changes. A resolution's (a few hundred paragraphs) is done before a new thread
/// would get a core.
pub(crate) const MIN_PARAGRAPHS: usize = 2_000;

/// Runs per thread: small enough that the threads finish close together although items
/// differ in cost, large enough that claiming a run costs nothing next to doing it.
const RUNS_PER_THREAD: usize = 8;

/// How many threads to use: the machine's cores when `parallel`, else one.
fn threads(parallel: bool) -> usize {
    // Asked once: on Linux the standard library reads the process's cgroup and its CPU
    // quota, files of /proc and /sys that took 45-80 us to read on the project's VM, and a
    // history spreads its work three times.
    static CORES: OnceLock<usize> = OnceLock::new();
    if parallel {
        *CORES.get_or_init(|| thread::available_parallelism().map_or(1, |n| n.get()))
    } else {
        1
    }
}

/// `f` of every item, in order; on all cores when `parallel`, on the calling thread
/// otherwise. A panic in a worker is raised again on the caller.
pub(crate) fn map<T: Sync, U: Send>(
    items: &[T],
    parallel: bool,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    let threads = threads(parallel);
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let run_len = items.len().div_ceil(threads * RUNS_PER_THREAD);
    let runs: Vec<&[T]> = items.chunks(run_len).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Vec<U>)> = Vec::new();
        loop {
            let run = next.fetch_add(1, Ordering::Relaxed);
            let Some(items) = runs.get(run) else {
                return done;
            };
            done.push((run, items.iter().map(&f).collect()));
        }
    };
    let mut done = thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        settle();
        let mut done = work();
        for worker in workers {
            done.extend(worker.join().unwrap_or_else(|e| panic::resume_unwind(e)));
        }
        done
    });
    done.sort_unstable_by_key(|&(run, _)| run);
    done.into_iter().flat_map(|(_, out)| out).collect()
}

/// [`map`] over owned items: `f` of every item, in order, each item moved into its call.
///
/// The caller never waits for a thread to start: the workers are not joined, and one that
/// gets a core only after the caller has done every item finds none left and ends on its
/// own. The caller waits only for the items a worker has started. On the project's 2-core
/// virtual machine the first thread a process starts may take 2 ms to get a core; [`map`],
/// which joins its workers, made the caller wait that long for a thread that then had
/// nothing to do (the versions of a history, parsed at the start). So the items and `f`
/// are owned, the workers holding them for as long as they run.
pub(crate) fn map_into<T, U, F>(items: Vec<T>, parallel: bool, f: F) -> Vec<U>
where
    T: Send + 'static,
    U: Send + 'static,
    F: Fn(T) -> U + Send + Sync + 'static,
{
    let threads = threads(parallel).min(items.len());
    if threads < 2 {
        return items.into_iter().map(f).collect();
    }
    let count = items.len();
    let board = Arc::new(Board {
        items: items.into_iter().map(|i| Mutex::new(Some(i))).collect(),
        next: AtomicUsize::new(0),
        f,
    });
    let (sender, from_workers) = mpsc::channel();
    for _ in 1..threads {
        let (board, sender) = (Arc::clone(&board), sender.clone());
        // A worker that cannot be started leaves its share to the caller.
        let _ = thread::Builder::new().spawn(move || {
            while let Some(done) = board.claim() {
                if sender.send(done).is_err() {
                    return;
                }
            }
        });
    }
    drop(sender);
    let mut out: Vec<Option<U>> = (0..count).map(|_| None).collect();
    let mut mine = 0;
    while let Some((k, result)) = board.claim() {
        out[k] = Some(result.unwrap_or_else(|e| panic::resume_unwind(e)));
        mine += 1;
    }
    // Every other item was claimed by a worker, which sends it once done.
    for _ in mine..count {
        let (k, result) = from_workers
            .recv()
            .expect("a worker sends every item it claims");
        out[k] = Some(result.unwrap_or_else(|e| panic::resume_unwind(e)));
    }
    out.into_iter()
        .map(|u| u.expect("every item is done once"))
        .collect()
}

/// The items of [`map_into`] and what to do with them, shared with its workers.
struct Board<T, F> {
    /// Each item, taken out of its slot by the thread that claims it.
    items: Vec<Mutex<Option<T>>>,
    /// The next item to claim.
    next: AtomicUsize,
    f: F,
}

impl<T, U, F: Fn(T) -> U> Board<T, F> {
    /// The next item's number and `f` of it (or the panic it raised), or none when every
    /// item is claimed.
    fn claim(&self) -> Option<(usize, thread::Result<U>)> {
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        let item = self
            .items
            .get(k)?
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .expect("each item is claimed once");
        Some((k, panic::catch_unwind(AssertUnwindSafe(|| (self.f)(item)))))
    }
}

/// `a()` and `b()`; when `parallel`, `a` is offered to a second thread while the caller
/// runs `b`, and the caller runs `a` itself if that thread has not taken it by then.
pub(crate) fn both<A: Send, B>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if threads(parallel) < 2 {
        return (a(), b());
    }
    let offered = Mutex::new(Some(a));
    let take = || {
        offered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    };
    thread::scope(|scope| {
        let worker = scope.spawn(|| take().map(|a| a()));
        settle();
        let b = b();
        let mine = take().map(|a| a());
        let theirs = worker.join().unwrap_or_else(|e| panic::resume_unwind(e));
        (mine.or(theirs).expect("one thread or the other ran `a`"), b)
    })
}

/// How long the caller sleeps after spawning its workers (see [`settle`]).
const SETTLE: Duration = Duration::from_micros(20);

/// Sleeps a moment, so that the workers just spawned start. A new thread is queued on its
/// parent's core: while the parent sleeps it starts there, and the parent, woken by the
/// timer, is placed on an idle core. Without this a worker spawned on the idle 2-core
/// machine started 2 ms late, when the scheduler next balanced the cores (two threads of
/// 4 ms each took 5.9 ms; with the sleep, 4.1 ms). Waiting for a signal from the worker
/// instead did not do it: woken by the worker, the parent took its core back from it.
fn settle() {
    thread::sleep(SETTLE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_order_either_way() {
        let items: Vec<u32> = (0..1_001).collect();
        let expected: Vec<u64> = items.iter().map(|&i| u64::from(i) * 3).collect();
        assert_eq!(map(&items, true, |&i| u64::from(i) * 3), expected);
        assert_eq!(map(&items, false, |&i| u64::from(i) * 3), expected);
        assert!(map(&[] as &[u32], true, |&i| i).is_empty());
    }

    #[test]
    #[should_panic(expected = "item 700")]
    fn a_worker_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..1_000).collect();
        map(&items, true, |&i| assert!(i != 700, "item {i}"));
    }

    #[test]
    fn map_into_moves_each_item_once_in_order() {
        let items: Vec<String> = (0..100).map(|i| i.to_string()).collect();
        let expected: Vec<usize> = items.iter().map(String::len).collect();
        for parallel in [false, true] {
            assert_eq!(map_into(items.clone(), parallel, |s| s.len()), expected);
        }
    }

    #[test]
    #[should_panic(expected = "item 70")]
    fn a_panic_in_map_into_reaches_the_caller() {
        let items: Vec<u32> = (0..100).collect();
        map_into(items, true, |i| assert!(i != 70, "item {i}"));
    }

    #[test]
    fn both_returns_both_results() {
        for parallel in [false, true] {
            let (a, b) = both(parallel, || vec![1, 2], || "b");
            assert_eq!((a, b), (vec![1, 2], "b"));
        }
    }
}
