//! In-process timings of each stage (criterion). The side-by-side comparison with the peer,
//! as whole processes, is `scripts/bench.sh`; see BENCHMARKS.md.

// criterion_group! and criterion_main! generate items that cannot carry doc comments.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use resdiff::render::{self, Format, RenderOptions};
use resdiff::{AlignOptions, Source};

const OLD: &str = include_str!("../tests/fixtures/corpus/2018-A-C3-73-revised-draft.txt");
const NEW: &str = include_str!("../tests/fixtures/corpus/2023-A-RES-78-229.txt");

/// A synthetic resolution of `paragraphs` paragraphs built from the real 2023 text: its
/// paragraphs repeated with a serial number woven in, so that every paragraph is distinct
/// while the vocabulary stays that of real resolutions.
fn synthetic(paragraphs: usize, edit: bool) -> String {
    let base = resdiff::parse(&Source::new("2023", NEW)).expect("the 2023 fixture parses");
    let texts: Vec<&str> = base.instruments[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let mut out = String::from("Synthetic resolution\n\nThe General Assembly,\n\n");
    let preambular = paragraphs / 4;
    let mut number = 0;
    for i in 0..paragraphs {
        // Every 7th paragraph reworded, every 13th dropped in the edited version.
        if edit && i % 13 == 5 {
            continue;
        }
        let text = texts[i % texts.len()].trim_end_matches([',', ';', '.']);
        let serial = if edit && i % 7 == 3 {
            format!("revised item {i}")
        } else {
            format!("item {i}")
        };
        if i < preambular {
            out.push_str(&format!("Recalling {serial}, {text},\n\n"));
        } else {
            number += 1;
            out.push_str(&format!("{number}. Requests {serial}, {text};\n\n"));
        }
    }
    out
}

fn real_pair(c: &mut Criterion) {
    let mut group = c.benchmark_group("real_pair_2018_2023");
    group.bench_function("parse", |b| {
        b.iter(|| resdiff::parse(&Source::new("new", black_box(NEW))).unwrap())
    });
    let old = resdiff::parse(&Source::new("old", OLD)).unwrap();
    let new = resdiff::parse(&Source::new("new", NEW)).unwrap();
    group.bench_function("align", |b| {
        b.iter(|| {
            resdiff::align(
                black_box(&old.instruments[0]),
                black_box(&new.instruments[0]),
                &AlignOptions::default(),
            )
        })
    });
    group.bench_function("whole_diff_html", |b| {
        b.iter(|| {
            let old = resdiff::parse(&Source::new("old", black_box(OLD))).unwrap();
            let new = resdiff::parse(&Source::new("new", black_box(NEW))).unwrap();
            let comparisons =
                resdiff::compare_documents(&old, &new, None, None, &AlignOptions::default())
                    .unwrap();
            let mut out = Vec::new();
            render::render(
                &comparisons,
                Format::Html,
                &RenderOptions::default(),
                &mut out,
            )
            .unwrap();
            out
        })
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling_whole_diff_text");
    group.sample_size(10);
    for paragraphs in [1_000, 10_000] {
        let old_text = synthetic(paragraphs, false);
        let new_text = synthetic(paragraphs, true);
        group.throughput(Throughput::Elements(paragraphs as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(paragraphs),
            &paragraphs,
            |b, _| {
                b.iter(|| {
                    let old = resdiff::parse(&Source::new("old", old_text.as_str())).unwrap();
                    let new = resdiff::parse(&Source::new("new", new_text.as_str())).unwrap();
                    let comparisons = resdiff::compare_documents(
                        &old,
                        &new,
                        None,
                        None,
                        &AlignOptions::default(),
                    )
                    .unwrap();
                    let mut out = Vec::new();
                    render::render(
                        &comparisons,
                        Format::Text,
                        &RenderOptions::default(),
                        &mut out,
                    )
                    .unwrap();
                    out
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, real_pair, scaling);
criterion_main!(benches);
