//! The plain format of the benchmark generator (`../shared/bench/gen_versions.py`): a title
//! line, the chapeau, one preambular paragraph per line, operative ones as "N. text". The
//! aligner is scored through the CLI on such files, so they must parse into exactly the ids
//! and texts of the generator's own segmentation (`v*.seg.json`, committed beside them).

use crate::common::fixture;
use resdiff::Source;

#[derive(serde::Deserialize)]
struct Segmented {
    pp: Vec<SegParagraph>,
    op: Vec<SegParagraph>,
}

#[derive(serde::Deserialize)]
struct SegParagraph {
    id: String,
    text: String,
}

#[test]
fn generated_versions_parse_into_the_generators_paragraphs() {
    for version in ["v0", "v1"] {
        let text =
            std::fs::read_to_string(fixture(&format!("parse/synthetic/{version}.txt"))).unwrap();
        let seg: Segmented = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("parse/synthetic/{version}.seg.json")))
                .unwrap(),
        )
        .unwrap();
        let document = resdiff::parse(&Source::new(version, text)).unwrap();
        assert_eq!(document.instruments.len(), 1, "{version}");
        let got: Vec<(String, &str)> = document.instruments[0]
            .paragraphs
            .iter()
            .map(|p| (p.id.to_string(), p.text.as_str()))
            .collect();
        let want: Vec<(String, &str)> = seg
            .pp
            .iter()
            .chain(&seg.op)
            .map(|p| (p.id.clone(), p.text.as_str()))
            .collect();
        assert_eq!(got.len(), want.len(), "{version}: paragraph count");
        for (got, want) in got.iter().zip(&want) {
            assert_eq!(got, want, "{version}");
        }
    }
}
