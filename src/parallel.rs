//! Work spread over the machine's cores, for large inputs only: below some thousands of
//! paragraphs, starting threads and waiting for a core costs more than the work, all the
//! more on a busy machine.

use std::panic;

/// `f` of every item, in order: on as many threads as the machine has cores when
/// `parallel`, each taking a run of consecutive items; on the calling thread otherwise.
/// A panic in a worker is raised again on the caller.
pub(crate) fn map<T: Sync, U: Send>(
    items: &[T],
    parallel: bool,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    let threads = if parallel {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        1
    };
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let run = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(run)
            .skip(1)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<U>>()))
            .collect();
        let mut out: Vec<U> = Vec::with_capacity(items.len());
        out.extend(items[..run].iter().map(f));
        for worker in workers {
            out.extend(worker.join().unwrap_or_else(|e| panic::resume_unwind(e)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_either_way() {
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
}
