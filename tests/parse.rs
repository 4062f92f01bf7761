//! The parser on the corpus fixtures: JSON snapshots, plus plain asserts for what must not
//! regress (instrument and paragraph counts, clean text, page-break joins).

use crate::common;

use resdiff::document::{Document, Instrument, Kind};
use resdiff::source::Source;

const CORPUS: &[&str] = &[
    "2014-A-RES-69-197.txt",
    "2016-A-71-third-committee-report.txt",
    "2018-A-C3-73-revised-draft.txt",
    "2019-E-CN15-28-commission-report.txt",
    "2023-A-RES-78-229.txt",
];

fn parse_fixture(name: &str) -> Document {
    let path = format!("corpus/{name}");
    let text = common::fixture_text(&path);
    resdiff::parse(&Source::new(name, text)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The numbers of preambular and operative paragraphs (headings not counted).
fn counts(instrument: &Instrument) -> (usize, usize) {
    let of = |kind| {
        instrument
            .paragraphs
            .iter()
            .filter(|p| p.kind() == kind)
            .count()
    };
    (of(Kind::Preambular), of(Kind::Operative))
}

fn text_of<'d>(doc: &'d Document, instrument: usize, id: &str) -> &'d str {
    &doc.instruments[instrument]
        .paragraph(id.parse().unwrap())
        .unwrap_or_else(|| panic!("no {id}"))
        .text
}

#[test]
fn snapshots_of_the_corpus() {
    for name in CORPUS {
        let doc = parse_fixture(name);
        let json = serde_json::to_string_pretty(&doc).unwrap();
        let snapshot = name.trim_end_matches(".txt");
        common::snapshot_settings().bind(|| insta::assert_snapshot!(snapshot, json));
    }
}

#[test]
fn no_markup_or_marks_left_in_any_paragraph() {
    const LEFTOVERS: &[&str] = &["*", "](#)", "<sup>", "\\_", "\\(", "#"];
    for name in CORPUS {
        for instrument in parse_fixture(name).instruments {
            for p in &instrument.paragraphs {
                for bad in LEFTOVERS {
                    assert!(
                        !p.text.contains(bad),
                        "{name} {} has {bad:?}: {}",
                        p.id,
                        p.text
                    );
                }
                assert!(
                    !p.text.contains(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)),
                    "{name} {} has a superscript: {}",
                    p.id,
                    p.text
                );
                assert!(!p.text.contains("  "), "{name} {} has double spaces", p.id);
            }
        }
    }
}

#[test]
fn operative_numbers_run_from_one() {
    for name in CORPUS {
        for instrument in parse_fixture(name).instruments {
            let ops: Vec<u32> = instrument
                .paragraphs
                .iter()
                .filter(|p| p.kind() == Kind::Operative)
                .map(|p| p.id.number)
                .collect();
            let expected: Vec<u32> = (1..=ops.len() as u32).collect();
            assert_eq!(ops, expected, "{name} {}", instrument.display_name());
        }
    }
}

#[test]
fn single_resolutions() {
    let doc = parse_fixture("2014-A-RES-69-197.txt");
    assert_eq!(doc.instruments.len(), 1);
    let res = &doc.instruments[0];
    assert_eq!(res.symbol.as_deref(), Some("A/RES/69/197"));
    assert!(
        res.title
            .as_deref()
            .unwrap()
            .starts_with("Strengthening the United Nations")
    );
    assert_eq!(res.chapeau.as_deref(), Some("The General Assembly,"));
    // 52 preambular paragraphs: "reviews, 8" ends PP4 with a bare footnote mark after its
    // comma, and PP5 ("Recalling also ...") must still stand on its own.
    assert_eq!(counts(res), (52, 53));
    let underlining = res
        .paragraphs
        .iter()
        .find(|p| {
            p.text
                .starts_with("Underlining the importance of the further progress")
        })
        .unwrap();
    assert!(underlining.text.contains("Trafficking in Cultural Property and Other Related Offences through Economic and Social Council"));
    assert_eq!(underlining.footnotes, [12]);
    assert!(text_of(&doc, 0, "OP4").contains(
        "Psychotropic Substances of 1971, the United Nations Convention against Illicit Traffic"
    ));

    for name in ["2018-A-C3-73-revised-draft.txt", "2023-A-RES-78-229.txt"] {
        let doc = parse_fixture(name);
        assert_eq!(doc.instruments.len(), 1, "{name}");
        assert!(
            doc.instruments[0]
                .title
                .as_deref()
                .unwrap()
                .starts_with("Strengthening")
        );
    }
    let doc = parse_fixture("2023-A-RES-78-229.txt");
    assert_eq!(
        doc.instruments[0].chapeau.as_deref(),
        Some("The General Assembly,")
    );
    assert!(
        text_of(&doc, 0, "PP3").ends_with("Sustainable Development,"),
        "{}",
        text_of(&doc, 0, "PP3")
    );
}

#[test]
fn third_committee_report_2016() {
    let doc = parse_fixture("2016-A-71-third-committee-report.txt");
    let labels: Vec<_> = doc
        .instruments
        .iter()
        .map(|i| i.label.as_deref().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "Draft resolution I",
            "Draft resolution II",
            "Draft resolution III",
            "Draft resolution IV",
            "Draft decision"
        ]
    );
    let recalling = text_of(&doc, 0, "PP5");
    assert!(
        recalling.starts_with("Recalling also its resolution 57/270 B"),
        "{recalling}"
    );
    assert!(
        recalling.contains("conferences and summits, and invited"),
        "{recalling}"
    );
    assert_eq!(counts(&doc.instruments[0]), (10, 6));
    assert_eq!(counts(&doc.instruments[3]).1, 54);
    let decision = &doc.instruments[4];
    assert_eq!(counts(decision), (0, 1));
    assert!(
        decision.paragraphs[0]
            .text
            .starts_with("The General Assembly decides to take note")
    );
    assert_eq!(decision.paragraphs[0].items.len(), 3);
    assert!(
        decision
            .title
            .as_deref()
            .unwrap()
            .starts_with("Reports considered")
    );
}

#[test]
fn commission_report_2019() {
    let doc = parse_fixture("2019-E-CN15-28-commission-report.txt");
    let labels: Vec<_> = doc
        .instruments
        .iter()
        .map(|i| i.qualified_label().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "A/Draft resolution I",
            "A/Draft resolution II",
            "A/Draft resolution III",
            "A/Draft resolution IV",
            "A/Draft resolution V",
            "A/Draft resolution VI",
            "B/Draft resolution I",
            "B/Draft resolution II",
            "C/Draft decision I",
            "C/Draft decision II",
            "D/Resolution 28/1",
            "D/Resolution 28/2",
            "D/Resolution 28/3",
            "D/Decision 28/1",
        ]
    );
    let ecosoc = doc.select("B/Draft resolution I").unwrap();
    assert_eq!(
        ecosoc.chapeau.as_deref(),
        Some("The Economic and Social Council,")
    );
    assert_eq!(doc.instruments[9].paragraphs[0].lead, "Takes note");

    // Issue 2: the end of footnote 57, printed among the paragraphs after a page break,
    // goes back to the footnote and out of OP7.
    let metals = doc
        .instruments
        .iter()
        .find(|i| i.footnotes.iter().any(|f| f.number == 57))
        .unwrap();
    let footnote = metals.footnotes.iter().find(|f| f.number == 57).unwrap();
    assert!(
        footnote
            .text
            .ends_with("minerals from conflict-affected and high-risk areas."),
        "{}",
        footnote.text
    );
    let op7 = &metals.paragraph("OP7".parse().unwrap()).unwrap().text;
    assert!(
        op7.contains("precious metals and illegal mining by organized criminal groups"),
        "{op7}"
    );
}

#[test]
fn no_instrument_is_an_error() {
    for text in [
        "Just some words.",
        ";;;,,,...",
        "مرحبا بالعالم",
        "你好，世界。",
    ] {
        let err = resdiff::parse(&Source::new("x.txt", text)).unwrap_err();
        assert!(matches!(err, resdiff::Error::NoInstrument { .. }), "{err}");
    }
}

#[test]
fn other_languages_parse() {
    let text = "L'Assemblée générale,\n\nRéaffirmant sa résolution 70/1,\n\n1. Prie le Secrétaire général de faire rapport;\n\n2. Décide de rester saisie.";
    let doc = resdiff::parse(&Source::new("fr.txt", text)).unwrap();
    assert_eq!(counts(&doc.instruments[0]), (1, 2));
    let text = "大会，\n\n重申其决议，\n\n1. 请秘书长提出报告；\n\n2. 决定继续处理此案。";
    let doc = resdiff::parse(&Source::new("zh.txt", text)).unwrap();
    assert_eq!(counts(&doc.instruments[0]), (1, 2));
}

#[test]
fn large_input_is_linear() {
    let mut text = String::from("The General Assembly,\n\n");
    for i in 1..=10_000 {
        text.push_str(&format!(
            "{i}. Requests the Secretary-General to report on item {i};\n\n"
        ));
    }
    let start = std::time::Instant::now();
    let doc = resdiff::parse(&Source::new("big.txt", text)).unwrap();
    assert_eq!(doc.instruments[0].paragraphs.len(), 10_000);
    // Generous for debug builds; release takes a few milliseconds.
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

/// Issue 2: Security Council texts print their footnotes under the adoption line, with no
/// rule, and mark them with bare digits, even right after a year ("of 8 December 1967, 24").
#[test]
fn security_council_footnotes_without_a_rule() {
    let name = "parse/issue2-S-RES-244-1967.txt";
    let doc = resdiff::parse(&Source::new(name, common::fixture_text(name))).unwrap();
    let res = &doc.instruments[0];
    assert_eq!(res.symbol.as_deref(), Some("S/RES/244 (1967)"));
    let numbers: Vec<u32> = res.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [21, 22, 23, 24, 25, 26]);
    assert_eq!(res.footnotes[3].text, "Ibid., document S/8286.");
    let pp1 = &res.paragraphs[0];
    assert_eq!(pp1.footnotes, [21, 22, 23, 24]);
    assert!(
        pp1.text.ends_with(
            "on 22 November, 24 November and 3 December and the report of the Secretary-General of 8 December 1967,"
        ),
        "{}",
        pp1.text
    );
    assert_eq!(res.paragraphs[1].footnotes, [25, 26]);
    // Numbers of the text stay: "beyond 26 December 1967" after footnote 26 was used.
    assert!(text_of(&doc, 0, "PP4").ends_with("beyond 26 December 1967,"));
    assert_eq!(counts(res), (4, 6));
}

/// Issue 2: S/RES/768 (1992) is printed without a chapeau; its paragraphs still make an
/// instrument.
#[test]
fn a_resolution_without_chapeau() {
    let name = "parse/issue2-S-RES-768-1992.txt";
    let doc = resdiff::parse(&Source::new(name, common::fixture_text(name))).unwrap();
    assert_eq!(doc.instruments.len(), 1);
    let res = &doc.instruments[0];
    assert_eq!(res.chapeau, None);
    assert_eq!(res.symbol.as_deref(), Some("S/RES/768 (1992)"));
    assert_eq!(counts(res), (4, 5));
    assert!(text_of(&doc, 0, "PP1").starts_with("Recalling its resolutions 425 (1978)"));
    assert!(text_of(&doc, 0, "OP5").ends_with("to report to the Security Council thereon."));
}

/// Issue 2: a text that marks its footnotes with superscripts may still print a bare digit
/// for one ("reviews, 8"). Only footnotes printed in the text and never marked otherwise
/// are looked for, and numbers of the text stay.
#[test]
fn bare_marks_of_footnotes_never_marked_otherwise() {
    let text = "The General Assembly,\n\nRecalling its resolution 70/1 of 1988, paragraph 2 and the decade 2 programme,¹\n\nRecalling also the Strategy adopted on 2 September 2006 and its reviews, 2\n\n1. Decides to act in paragraph 3.\n\n¹ Resolution 70/1.\n\n² See resolutions 62/272 and 64/297.\n\n³ Unused.\n";
    let doc = resdiff::parse(&Source::new("marks.txt", text)).unwrap();
    let res = &doc.instruments[0];
    assert_eq!(
        text_of(&doc, 0, "PP1"),
        "Recalling its resolution 70/1 of 1988, paragraph 2 and the decade 2 programme,"
    );
    assert_eq!(res.paragraphs[0].footnotes, [1]);
    assert_eq!(
        text_of(&doc, 0, "PP2"),
        "Recalling also the Strategy adopted on 2 September 2006 and its reviews,"
    );
    assert_eq!(res.paragraphs[1].footnotes, [2]);
    assert_eq!(text_of(&doc, 0, "OP1"), "Decides to act in paragraph 3.");

    // A/RES/69/197: PP4 and PP8 carry the two bare marks of the text.
    let doc = parse_fixture("2014-A-RES-69-197.txt");
    let pp4 = doc.instruments[0]
        .paragraph("PP4".parse().unwrap())
        .unwrap();
    assert!(
        pp4.text.ends_with("its successive biennial reviews,"),
        "{}",
        pp4.text
    );
    assert_eq!(pp4.footnotes, [7, 8]);
    let pp8 = doc.instruments[0]
        .paragraph("PP8".parse().unwrap())
        .unwrap();
    assert!(
        pp8.text.contains("women and girls, and reiterating"),
        "{}",
        pp8.text
    );
    assert_eq!(pp8.footnotes, [9]);
}

/// Issue 2: A/RES/79/298 has two sections that each number their operative paragraphs from
/// one. Each becomes an instrument of its own ("Section I", "Section II") with its own PP
/// and OP numbers, as the text cites them; the section marks and the headings under them
/// and between paragraphs are headings (H1..), not paragraph text. Before, section II was
/// silently dropped.
#[test]
fn sections_that_number_their_paragraphs_anew() {
    let name = "parse/issue2-A-RES-79-298.txt";
    let doc = resdiff::parse(&Source::new(name, common::fixture_text(name))).unwrap();
    let labels: Vec<_> = doc.instruments.iter().map(|i| i.label.as_deref()).collect();
    assert_eq!(labels, [Some("Section I"), Some("Section II")]);
    for instrument in &doc.instruments {
        assert_eq!(instrument.symbol.as_deref(), Some("A/RES/79/298"));
    }
    assert_eq!(counts(&doc.instruments[0]), (5, 13));
    assert_eq!(counts(&doc.instruments[1]), (2, 2));
    assert!(text_of(&doc, 0, "PP1").starts_with("Recalling its resolutions 45/258"));
    assert!(text_of(&doc, 0, "OP10").ends_with("paragraph 3 of its resolution 50/221 B;"));
    assert!(text_of(&doc, 0, "OP13").ends_with("active peacekeeping operations;"));
    assert_eq!(text_of(&doc, 1, "PP1"), "Recalling its resolution 77/304,");
    assert_eq!(
        text_of(&doc, 1, "OP1"),
        "Takes note of the report of the Secretary-General;"
    );
    let footnotes: Vec<u32> = doc.instruments[1]
        .footnotes
        .iter()
        .map(|f| f.number)
        .collect();
    assert_eq!(footnotes, [5, 6]);
    let section_ii = doc.select("Section II").unwrap();
    assert_eq!(
        section_ii.paragraphs.len(),
        6,
        "a section is picked by its label"
    );
    assert_eq!(text_of(&doc, 1, "H1"), "II");
    assert!(section_ii.paragraphs[1].id.kind == Kind::Heading);
    // "30 June 20263": the year 2026 and the mark of footnote 3, expected next; the years
    // and amounts of the other paragraphs keep their digits.
    let pp2 = doc.instruments[0]
        .paragraph("PP2".parse().unwrap())
        .unwrap();
    assert!(
        pp2.text
            .contains("from 1 July 2025 to 30 June 2026 and the related report of the Advisory"),
        "{}",
        pp2.text
    );
    assert_eq!(pp2.footnotes, [1, 2, 3, 4]);
    assert!(text_of(&doc, 0, "OP10").contains("from 1 July 2024 to 30 June 2025, as approved"));
}

/// Issue 2: A/C.3/80/L.29 glues the marks of footnotes 24 to 26 to the words of a sub-item,
/// before their comma ("its first, 23 second24, third25 and fourth26 universal periodic
/// reviews"). They leave the text of the paragraph and of its item (c) and are the
/// paragraph's references. The excerpt shortens item (a).
#[test]
fn marks_glued_to_words_inside_items() {
    let name = "parse/issue2-A-C3-80-L29.txt";
    let doc = resdiff::parse(&Source::new(name, common::fixture_text(name))).unwrap();
    let op2 = doc.instruments[0]
        .paragraph("OP2".parse().unwrap())
        .unwrap();
    let reviews = "its first, second, third and fourth universal periodic reviews";
    assert!(op2.text.contains(reviews), "{}", op2.text);
    assert_eq!(op2.items.len(), 3);
    assert!(op2.items[2].text.contains(reviews), "{}", op2.items[2].text);
    assert_eq!(op2.footnotes, [23, 24, 25, 26]);
}

/// Issue 2: the Security Council renewed its Disengagement Observer Force for years with an
/// unnumbered "Decides:" over items (a) to (c), after the preambular paragraphs. That
/// paragraph is operative, OP1, with its items.
#[test]
fn an_unnumbered_operative_paragraph_over_items() {
    for name in [
        "parse/issue2-S-RES-390-1976.txt",
        "parse/issue2-S-RES-590-1986.txt",
    ] {
        let doc = resdiff::parse(&Source::new(name, common::fixture_text(name))).unwrap();
        let res = &doc.instruments[0];
        let op1 = res.paragraphs.last().unwrap();
        assert_eq!(op1.id.to_string(), "OP1", "{name}");
        assert_eq!(op1.kind(), Kind::Operative, "{name}");
        assert_eq!(op1.lead, "Decides", "{name}");
        assert!(
            op1.text
                .starts_with("Decides: (a) To call upon the parties"),
            "{name}"
        );
        assert_eq!(op1.items.len(), 3, "{name}");
        assert!(
            res.paragraphs[..res.paragraphs.len() - 1]
                .iter()
                .all(|p| p.kind() == Kind::Preambular && !p.text.contains("Decides")),
            "{name}"
        );
    }
}

/// Issue 2: a bare mark pointing again to a footnote already referenced goes, as the first
/// one did ("March 2014, 11 and requests", footnote 11 first marked in PP13).
#[test]
fn a_second_mark_of_a_footnote_goes() {
    let doc = parse_fixture("2014-A-RES-69-197.txt");
    let op6 = text_of(&doc, 0, "OP6");
    assert!(op6.contains("28 March 2014, and requests"), "{op6}");
}

/// A fixture of `tests/fixtures/parse/`, parsed.
fn parse_excerpt(name: &str) -> Document {
    let path = format!("parse/{name}");
    resdiff::parse(&Source::new(name, common::fixture_text(&path)))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The ids and leads of the paragraphs of an instrument, "PP3 Reaffirming further".
fn ids_and_leads(instrument: &Instrument) -> Vec<String> {
    instrument
        .paragraphs
        .iter()
        .map(|p| format!("{} {}", p.id, p.lead))
        .collect()
}

/// Issue 19: the provisional agenda numbered 1 to 7 inside OP11 of A/RES/78/223 is part of
/// OP11; it ended the instrument, and OP12 to OP24 were lost.
#[test]
fn a_numbered_list_inside_an_operative_paragraph_stays_in_it() {
    let doc = parse_excerpt("issue19-A-RES-78-223-agenda.txt");
    let res = &doc.instruments[0];
    assert_eq!(
        ids_and_leads(res),
        [
            "OP11 Approves",
            "OP12 Decides",
            "OP13 Requests",
            "OP24 Also requests"
        ]
    );
    let op11 = &res.paragraphs[0];
    let labels: Vec<&str> = op11.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["1.", "2.", "3.", "4.", "5.", "6.", "7."]);
    assert!(
        op11.text
            .contains("1. Opening of the Congress. 2. Organizational matters.")
    );
    assert!(
        op11.text
            .ends_with("7. Adoption of the report of the Congress.")
    );
}

/// Issue 19: "... adopted at the high-level plenary meeting of the General Assembly,7" in a
/// preambular paragraph of A/RES/79/321 was read as the closing "86th plenary meeting", and
/// every paragraph after it was lost.
#[test]
fn plenary_meeting_inside_a_paragraph_does_not_close_the_resolution() {
    let doc = parse_excerpt("issue19-A-RES-79-321-plenary-in-preamble.txt");
    assert_eq!(
        ids_and_leads(&doc.instruments[0]),
        [
            "PP1 Recalling further",
            "PP2 Recalling",
            "PP3 Encouraging",
            "OP1 Reiterates",
            "OP2 Invites",
            "OP23 Decides"
        ]
    );
}

/// Issue 19: a preambular paragraph printed on the line right under the one before, with no
/// blank line between, was run into it (A/C.3/80/L.3 "Stressing", A/RES/78/187 "Reaffirming
/// further").
#[test]
fn a_paragraph_right_under_the_one_before_is_its_own() {
    let doc = parse_excerpt("issue19-A-C3-80-L3-run-in.txt");
    assert_eq!(
        ids_and_leads(&doc.instruments[0]),
        [
            "PP1 Underlining",
            "PP2 Stressing",
            "PP3 Deeply concerned",
            "OP1 Takes note with appreciation"
        ]
    );
    assert!(text_of(&doc, 0, "PP1").contains("and 34/3 of 23 May 2025,"));
    assert!(
        text_of(&doc, 0, "PP2")
            .starts_with("Stressing the importance for Member States to take legislative")
    );
    let doc = parse_excerpt("issue19-A-RES-78-187-run-in.txt");
    assert_eq!(
        ids_and_leads(&doc.instruments[0]),
        [
            "PP1 Reaffirming",
            "PP2 Reaffirming also",
            "PP3 Reaffirming further",
            "PP4 Reaffirming",
            "OP1 Recognizes"
        ]
    );
}

/// Issue 19: A/RES/80/191 breaks a page in a list of citations; "51/18 of 6 October 2022
/// ..." on the next page goes on with PP2, it is no PP3.
#[test]
fn a_page_break_inside_a_list_of_citations_is_joined() {
    let doc = parse_excerpt("issue19-A-RES-80-191-page-break.txt");
    let res = &doc.instruments[0];
    assert_eq!(
        ids_and_leads(res),
        [
            "PP1 Reaffirming",
            "PP2 Recalling",
            "PP3 Reaffirming",
            "OP1 Notes with appreciation"
        ]
    );
    assert!(
        text_of(&doc, 0, "PP2").contains("48/11 of 8 October 2021, 51/18 of 6 October 2022,"),
        "{}",
        text_of(&doc, 0, "PP2")
    );
}

/// Issue 19: the note "* On behalf of the States ... Group of 77 and China" at the foot of
/// the first page of A/C.2/80/L.11 stood between the two halves of PP4, which became PP4 and
/// a PP5 "for financing for development ...". It is the instrument's sponsors note.
#[test]
fn a_sponsors_note_at_the_foot_of_a_page_does_not_cut_a_paragraph() {
    let doc = parse_excerpt("issue19-A-C2-80-L11-sponsor-note.txt");
    let res = &doc.instruments[0];
    assert_eq!(
        ids_and_leads(res),
        [
            "PP1 Recalling",
            "PP2 Reaffirming",
            "PP3 Reaffirming also",
            "PP4 Welcoming",
            "PP5 Welcoming also",
            "OP1 Welcomes"
        ]
    );
    assert!(
        text_of(&doc, 0, "PP4")
            .contains("a renewed global framework for financing for development")
    );
    let sponsors = res.sponsors.as_deref().unwrap_or_default();
    assert!(sponsors.starts_with("Iraq: draft resolution"), "{sponsors}");
    assert!(
        sponsors.contains("On behalf of the States that are members of the Group of 77 and China"),
        "{sponsors}"
    );
}

/// Issue 19: S/RES/474 (1980) records its adoption and vote over three lines; the record
/// was glued to OP7. "Presi-" + "dent" is one word broken by the line.
#[test]
fn a_security_council_vote_is_no_part_of_the_last_paragraph() {
    let doc = parse_excerpt("issue19-S-RES-474-1980.txt");
    let res = &doc.instruments[0];
    assert_eq!(
        text_of(&doc, 0, "OP7"),
        "Decides to remain seized of the question."
    );
    assert!(
        text_of(&doc, 0, "PP1").contains("the statement by the President of the Security Council")
    );
    let adoption = res.adoption.as_deref().unwrap_or_default();
    assert!(
        adoption
            .starts_with("Adopted at the 2232nd meeting by 12 votes to none, with 2 abstentions"),
        "{adoption}"
    );
}

/// Issue 19: a lone carriage return, or a mix of line endings, cuts lines as "\n" does.
#[test]
fn every_kind_of_line_ending_gives_the_same_paragraphs() {
    let unix = common::fixture_text("parse/issue19-S-RES-474-1980.txt");
    let expected = resdiff::parse(&Source::new("unix", unix.clone())).unwrap();
    // A lone "\r" before an empty line would read as "\r\n", one break: only before text.
    let lines: Vec<&str> = unix.split('\n').collect();
    let mixed: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let next_has_text = lines.get(i + 1).is_some_and(|next| !next.is_empty());
            match i % 3 {
                0 => format!("{line}\r\n"),
                1 if next_has_text => format!("{line}\r"),
                _ => format!("{line}\n"),
            }
        })
        .collect();
    for (name, text) in [
        ("crlf", unix.replace('\n', "\r\n")),
        ("cr", unix.replace('\n', "\r")),
        ("mixed", mixed),
    ] {
        let doc = resdiff::parse(&Source::new(name, text)).unwrap();
        assert_eq!(doc.instruments, expected.instruments, "{name}");
    }
}

/// Issue 19: the annex of A/C.6/80/L.8 (a convention) was lost at its "Annex" heading. It is
/// an instrument of its own after the resolution, labelled as printed, with its preamble,
/// its headings and its articles' paragraphs, which number anew in each article: they keep
/// their printed number in their text and take the next OP id.
#[test]
fn an_annex_is_parsed_like_a_body() {
    let doc = parse_excerpt("issue19-A-C6-80-L8-annex.txt");
    let labels: Vec<_> = doc.instruments.iter().map(|i| i.label.as_deref()).collect();
    assert_eq!(labels, [Some("Draft resolution"), Some("Annex")]);
    let annex = &doc.instruments[1];
    assert!(annex.is_annex() && !doc.instruments[0].is_annex());
    assert_eq!(
        annex.title.as_deref(),
        Some("United Nations Convention on Negotiable Cargo Documents")
    );
    assert_eq!(counts(annex), (8, 14));
    assert_eq!(text_of(&doc, 1, "PP8"), "Have agreed as follows:");
    assert_eq!(
        text_of(&doc, 1, "H1"),
        "Chapter I General provisions Article 1 Scope of application"
    );
    assert!(text_of(&doc, 1, "H2").ends_with("Article 3 Issuance of a negotiable cargo document"));
    assert!(text_of(&doc, 1, "OP9").starts_with("1. If so agreed between the transport operator"));
    let ids: Vec<String> = annex.paragraphs.iter().map(|p| p.id.to_string()).collect();
    assert_eq!(ids[8..11], ["H1", "OP1", "OP2"]);
}

/// Issue 19: two versions that both have an annex compare resolution with resolution and
/// annex with annex, though the annex bears the resolution's old title and the resolution
/// was retitled: by title alone, the old resolution went with the new annex.
#[test]
fn resolutions_pair_with_resolutions_and_annexes_with_annexes() {
    let old = parse_excerpt("issue19-A-C6-80-L8-annex.txt");
    let text = common::fixture_text("parse/issue19-A-C6-80-L8-annex.txt")
        .replace("reliable systems and data", "reliable systems")
        .replacen(
            " United Nations Convention on Negotiable Cargo Documents \n",
            " Adoption of a treaty on transport paperwork \n",
            1,
        );
    let new = resdiff::parse(&Source::new("new.txt", text)).unwrap();
    assert_eq!(
        new.instruments[0].title.as_deref(),
        Some("Adoption of a treaty on transport paperwork")
    );
    assert_eq!(
        resdiff::compare::pair_instruments(&old, &new),
        [(0, 0), (1, 1)]
    );
    // A new version without the annex: the resolution is still paired with the resolution.
    let mut shorter = new.clone();
    shorter.instruments.truncate(1);
    assert_eq!(resdiff::compare::pair_instruments(&old, &shorter), [(0, 0)]);
    assert_eq!(resdiff::compare::pair_instruments(&shorter, &old), [(0, 0)]);
}

/// Issue 19: `history` over versions printed with their annex follows the resolution, not
/// the annex that bears its title.
#[test]
fn a_series_follows_the_resolution_not_its_annex() {
    let old = parse_excerpt("issue19-A-C6-80-L8-annex.txt");
    let text = common::fixture_text("parse/issue19-A-C6-80-L8-annex.txt")
        .replace("reliable systems and data", "reliable systems");
    let new = resdiff::parse(&Source::new("new.txt", text)).unwrap();
    let documents = [(old, None), (new, None)];
    let chosen = resdiff::history::pick_series(&documents).unwrap();
    assert_eq!(chosen.len(), 2);
    for instrument in chosen {
        assert_eq!(instrument.label.as_deref(), Some("Draft resolution"));
    }
}

/// Issue 19: A/RES/78/248 OP14 quotes the amended paragraph 4 of a statute under "Article
/// 9, new paragraph 4:"; that "4." ended the instrument and OP15, OP16 and the heading "IV
/// Other issues" were lost.
#[test]
fn a_quoted_numbered_paragraph_stays_in_the_paragraph_that_quotes_it() {
    let doc = parse_excerpt("issue19-A-RES-78-248-amendment.txt");
    let res = &doc.instruments[0];
    assert_eq!(
        ids_and_leads(res),
        [
            "OP13 Recalls",
            "OP14 Decides",
            "H1 IV",
            "H2 Other",
            "OP15 Invites",
            "OP16 Recalls"
        ]
    );
    assert!(
        text_of(&doc, 0, "OP14")
            .contains("Article 9, new paragraph 4: 4. In hearing an application")
    );
    assert_eq!(text_of(&doc, 0, "H2"), "Other issues");
    assert_eq!(
        res.adoption.as_deref(),
        Some("50th (resumed) plenary meeting 22 December 2023")
    );
}

/// Issue 19: old Security Council texts print footnotes without a rule: "60 Ibid., ..."
/// between paragraphs (S/RES/565 (1985)) became PP4; the adoption record right under the
/// last paragraph (S/RES/481 (1980)) kept its footnotes in the paragraphs.
#[test]
fn security_council_footnotes_printed_among_the_paragraphs() {
    let doc = parse_excerpt("issue19-S-RES-565-1985.txt");
    let res = &doc.instruments[0];
    assert_eq!(counts(res), (3, 0));
    let numbers: Vec<u32> = res.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [60, 61]);
    let doc = parse_excerpt("issue19-S-RES-481-1980.txt");
    let res = &doc.instruments[0];
    assert_eq!(ids_and_leads(res), ["PP1 Having considered", "OP1 Decides"]);
    assert_eq!(res.paragraphs[1].items.len(), 3);
    assert!(
        res.adoption
            .as_deref()
            .is_some_and(|a| a.starts_with("Adopted at the 2256th meeting by 14 votes to none."))
    );
    let numbers: Vec<u32> = res.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [51, 52]);
}

/// Issue 19: `resdiff parse` shows what it kept outside the instruments and what it dropped,
/// not only the paragraphs.
#[test]
fn the_text_listing_shows_sponsors_adoption_outside_and_dropped() {
    let listing = |name: &str| {
        let mut out = Vec::new();
        resdiff::render::render_document(
            &parse_excerpt(name),
            resdiff::render::DocumentFormat::Text,
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    };
    let text = listing("issue19-A-C2-80-L11-sponsor-note.txt");
    assert!(
        text.contains("\nsponsors: Iraq: draft resolution * On behalf of"),
        "{text}"
    );
    assert!(
        text.contains("\n== outside any instrument\n1-2       United Nations A/C.2/80/L.11\n"),
        "{text}"
    );
    assert!(text.contains("\n== dropped: 1 barcode, 1 distribution, 1 document_symbol, 2 job_number, 1 page_number\n"), "{text}");
    let text = listing("issue19-S-RES-474-1980.txt");
    assert!(
        text.contains("\nadopted: Adopted at the 2232nd meeting by 12 votes to none"),
        "{text}"
    );
}

/// A section mark printed right over its heading (A/RES/78/69, "V" over "The Area", with no
/// blank line between): the mark and the heading are two headings of the same instrument,
/// even when the heading reads like a chapeau, and the numbering runs on under them.
#[test]
fn a_section_mark_over_its_heading_keeps_the_instrument_whole() {
    let text = "The General Assembly,\n\nRecalling its resolutions,\n\nIV\nPeaceful settlement of disputes\n\n1. Notes the work of the Tribunal;\n\nV\nThe Area\n\n2. Reiterates the importance of the work of the Authority;\n";
    let doc = resdiff::parse(&Source::new("sections.txt", text)).unwrap();
    assert_eq!(doc.instruments.len(), 1);
    let ids: Vec<String> = doc.instruments[0]
        .paragraphs
        .iter()
        .map(|p| format!("{} {}", p.id, p.text))
        .collect();
    assert_eq!(
        ids,
        [
            "PP1 Recalling its resolutions,",
            "H1 IV",
            "H2 Peaceful settlement of disputes",
            "OP1 Notes the work of the Tribunal;",
            "H3 V",
            "H4 The Area",
            "OP2 Reiterates the importance of the work of the Authority;",
        ]
    );
}
