//! Integration tests: CoNLL-U round trips, tree well-formedness, deterministic training
//! and the accuracy of the bundled model.

use std::path::Path;

use dossier_syntax::{conllu, train, Model, TrainConfig, Upos};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("data/fixture.conllu");

fn ud(file: &str) -> Option<Vec<conllu::Sentence>> {
    let path = format!("{}/../../../shared/data/{file}", env!("CARGO_MANIFEST_DIR"));
    if !Path::new(&path).exists() {
        eprintln!("skipped: {path} is absent");
        return None;
    }
    Some(conllu::read_file(Path::new(&path)).expect("a readable treebank"))
}

mod conllu_format {
    use super::*;

    #[test]
    fn reads_words_and_skips_comments_multiword_tokens_and_empty_nodes() {
        let sents = conllu::parse_str(FIXTURE, "fixture").unwrap();
        assert_eq!(sents.len(), 6);
        assert_eq!(sents[1].forms(), ["The", "army", "can", "not", "confirm", "the", "toll", "."]);
        assert_eq!(sents[3].words.len(), 9, "the empty node 6.1 is not a word");
        assert_eq!(sents[5].forms(), ["They", "'re", "gon", "na", "retreat", "."]);
        let leader = &sents[2].words[5];
        assert_eq!((leader.head, leader.deprel.as_str()), (Some(8), "nsubj:pass"));
        assert!(sents.iter().all(|s| s.has_tree()));
    }

    #[test]
    fn writes_back_what_it_read() {
        let sents = conllu::parse_str(FIXTURE, "fixture").unwrap();
        let mut out = String::new();
        for s in &sents {
            conllu::write_sentence(&mut out, s, None);
        }
        assert_eq!(out, FIXTURE);
    }

    #[test]
    fn writes_predictions_into_the_word_lines_only() {
        let sents = conllu::parse_str(FIXTURE, "fixture").unwrap();
        let s = &sents[5];
        let upos = ["X"; 6];
        let heads = [0, 1, 1, 1, 1, 1];
        let deprels = ["root", "dep", "dep", "dep", "dep", "punct"];
        let mut out = String::new();
        let cols = conllu::Columns { upos: &upos, heads: &heads, deprels: &deprels };
        conllu::write_sentence(&mut out, s, Some(cols));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# sent_id = fixture-6");
        assert_eq!(lines[2], "1-2\tThey're\t_\t_\t_\t_\t_\t_\t_\t_");
        assert_eq!(
            lines[3],
            "1\tThey\tthey\tX\tPRP\tCase=Nom|Number=Plur|Person=3|PronType=Prs\t0\troot\t_\t_"
        );
        assert_eq!(lines[8], "5\tretreat\tretreat\tX\tVB\tVerbForm=Inf\t1\tdep\t_\tSpaceAfter=No");
        let back = conllu::parse_str(&out, "out").unwrap();
        assert_eq!(back[0].forms(), s.forms());
        assert_eq!(back[0].words[5].head, Some(1));
    }

    #[test]
    fn names_the_line_of_a_malformed_file() {
        let err = conllu::parse_str("# c\n1\tA\ta\tX\n", "bad.conllu").unwrap_err();
        assert!(err.to_string().contains("bad.conllu:2"), "{err}");
        let err = conllu::parse_str("2\tA\ta\tX\t_\t_\t0\troot\t_\t_\n", "gap").unwrap_err();
        assert!(err.to_string().contains("out of sequence"), "{err}");
    }
}

mod training {
    use super::*;

    fn small() -> TrainConfig {
        TrainConfig { seed: 7, tagger_epochs: 3, parser_epochs: 3, folds: 2, ..Default::default() }
    }

    #[test]
    fn the_same_seed_gives_the_same_model_file() {
        let sents = conllu::parse_str(FIXTURE, "fixture").unwrap();
        let a = train(&sents, Some(&sents), &small(), &mut |_| {}).unwrap().to_bytes();
        let b = train(&sents, Some(&sents), &small(), &mut |_| {}).unwrap().to_bytes();
        assert!(!a.is_empty());
        assert_eq!(a, b);
    }

    #[test]
    fn a_model_survives_a_round_trip_and_learns_its_training_data() {
        let sents = conllu::parse_str(FIXTURE, "fixture").unwrap();
        let cfg = TrainConfig {
            parser_epochs: 10,
            tagger_epochs: 10,
            folds: 1,
            tagger_prune: 0.0,
            parser_prune: 0.0,
            ..small()
        };
        let model = train(&sents, None, &cfg, &mut |_| {}).unwrap();
        let back = Model::from_bytes(&model.to_bytes()).unwrap();
        let s = back.evaluate(&sents);
        assert_eq!(s.words, 48);
        assert!(s.upos > 0.95 && s.las > 0.95, "{s:?}");
        assert!(Model::from_bytes(b"not a model").is_err());
    }
}

mod bundled {
    use super::*;

    #[test]
    fn parses_a_simple_sentence() {
        let p = Model::bundled().parse(&["The", "gunmen", "attacked", "the", "convoy", "."]);
        use Upos::*;
        assert_eq!(p.upos, [Det, Noun, Verb, Det, Noun, Punct]);
        assert_eq!(p.heads, [2, 3, 0, 5, 3, 3]);
        assert_eq!(p.deprels, ["det", "nsubj", "root", "det", "obj", "punct"]);
        assert_eq!(Model::bundled().tag(&["They", "fled"]), [Pron, Verb]);
        assert!(Model::bundled().parse(&[]).heads.is_empty());
    }

    /// The floors sit just under the scores in data/models/README.md.
    #[test]
    fn accuracy_on_ewt_test() {
        let Some(test) = ud("ud-english-ewt/en_ewt-ud-test.conllu") else { return };
        let s = Model::bundled().evaluate(&test);
        eprintln!("EWT test: {s:?}");
        assert!(s.words > 25_000);
        assert!(s.upos >= 0.95, "UPOS {}", s.upos);
        assert!(s.uas >= 0.85, "UAS {}", s.uas);
        assert!(s.las >= 0.82, "LAS {}", s.las);
    }

    fn is_tree(heads: &[u32]) -> bool {
        let n = heads.len();
        if heads.iter().filter(|&&h| h == 0).count() != 1 || heads.iter().any(|&h| h as usize > n) {
            return false;
        }
        // Every word reaches the root in at most n steps.
        (1..=n).all(|start| {
            let mut at = start;
            for _ in 0..=n {
                if at == 0 {
                    return true;
                }
                at = heads[at - 1] as usize;
            }
            false
        })
    }

    proptest! {
        #[test]
        fn every_parse_is_a_tree(words in prop::collection::vec(
            prop_oneof![
                "[a-z]{1,8}",
                "[A-Z][a-z]{0,6}",
                "[0-9]{1,4}",
                Just(".".to_string()),
                Just(",".to_string()),
                Just("the".to_string()),
                Just("said".to_string()),
                "\\PC{1,3}",
            ],
            1..60,
        )) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let p = Model::bundled().parse(&refs);
            prop_assert_eq!(p.upos.len(), words.len());
            prop_assert_eq!(p.deprels.len(), words.len());
            prop_assert!(is_tree(&p.heads), "{:?}", p.heads);
            for (h, d) in p.heads.iter().zip(&p.deprels) {
                prop_assert_eq!(*h == 0, *d == "root");
            }
        }
    }
}
