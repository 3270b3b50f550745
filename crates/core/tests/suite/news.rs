//! Generated news sentences for the property tests: small vocabularies of
//! groups, people, places, numbers and dates, put in the sentence shapes
//! the claim and event recognizers read, so random articles reach them.

use proptest::prelude::*;

pub const GROUPS: &[&str] = &[
    "Islamic State Khorasan Province",
    "ISIS-K",
    "al-Shabaab",
    "Boko Haram",
    "the Pakistani Taliban",
    "Tehrik-i-Taliban Pakistan",
    "the Sahel Liberation Front",
];
pub const PEOPLE: &[&str] =
    &["Shahab al-Muhajir", "Ahmed Diriye", "Abubakar Shekau", "Mary Okafor", "Colonel Idris Bako"];
pub const PLACES: &[&str] =
    &["Kabul", "Mogadishu", "Maiduguri", "Bannu", "Nangarhar", "Gao", "Lake Chad", "Kismayo"];
pub const NUMBERS: &[&str] = &[
    "12",
    "four",
    "at least 30",
    "more than 1,500",
    "about 2,000",
    "dozens of",
    "between 3 and 5",
];
pub const WHENS: &[&str] = &[
    "on Monday",
    "last week",
    "in 2015",
    "since 2014",
    "in late 2019",
    "on 26 August 2021",
    "in March",
    "yesterday",
];

/// One sentence of news from the vocabularies above.
pub fn sentence() -> impl Strategy<Value = String> {
    (0..10usize, 0..GROUPS.len(), 0..PEOPLE.len(), 0..PLACES.len(), 0..NUMBERS.len(), 0..WHENS.len())
        .prop_map(|(shape, g, p, l, n, w)| {
            let (g, p, l, n, w) = (GROUPS[g], PEOPLE[p], PLACES[l], NUMBERS[n], WHENS[w]);
            match shape {
                0 => format!("{g} claimed responsibility for the attack in {l} {w}, which killed {n} people."),
                1 => format!("Gunmen from {g} ambushed a convoy near {l} {w}, killing {n} soldiers and wounding {n} others."),
                2 => format!("{g} was founded in {l} {w}, officials said."),
                3 => format!("{g} has {n} fighters, according to {p}."),
                4 => format!("{p}, the leader of {g}, was killed in a raid in {l} {w}."),
                5 => format!("A suicide bomber struck a market in {l} {w}; police blamed {g}."),
                6 => format!("{g} denied any role in the bombing in {l}, {p} told reporters {w}."),
                7 => format!("{g} is allied with {g} and operates in {l}, a United Nations report said."),
                8 => format!("{n} people were kidnapped from a school in {l} {w}."),
                _ => format!("\u{201c}We will not stop,\u{201d} said {p}, who leads {g} in {l}."),
            }
        })
}

/// An article: paragraphs of generated sentences.
pub fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(sentence(), 1..4), 1..4)
        .prop_map(|paras| paras.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n"))
}
