//! Bundled domain knowledge: the armed-group catalog, place gazetteers,
//! nationalities and cue-word lists, all read from `data/` at compile time
//! (`include_str!`) and indexed once, on first use.
//!
//! Names are looked up by a *key*: the name folded to ASCII, lower-cased,
//! with everything but letters and digits removed, a leading "the" dropped,
//! and transliteration variants rewritten (`data/cues/translit.tsv`), so that
//! "Islamic State – Khorasan", "Islamic State-Khorasan" and "islamic state
//! khurasan" share one key.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::EntityKind;

const GROUPS: &str = include_str!("../../../data/groups.tsv");
const COUNTRIES: &str = include_str!("../../../data/places/countries.tsv");
const SUBDIVISIONS: &str = include_str!("../../../data/places/subdivisions.tsv");
const CITIES: &str = include_str!("../../../data/places/cities.tsv");
const FACILITY_CUES: &str = include_str!("../../../data/places/facility_cues.tsv");
const NATIONALITIES: &str = include_str!("../../../data/nationalities.tsv");
const ORG_CUES: &str = include_str!("../../../data/cues/org_cues.tsv");
const ROLES: &str = include_str!("../../../data/cues/roles.tsv");
const TRANSLIT: &str = include_str!("../../../data/cues/translit.tsv");
const STOP_CAPS: &str = include_str!("../../../data/cues/stop_caps.tsv");
const WORDS: &str = include_str!("../../../data/cues/words.tsv");

/// Cities at least this populous are also found by their GeoNames alternate names.
pub const CITY_ALTERNATES_MIN_POPULATION: u64 = 250_000;

/// Cities smaller than this are only trusted after a locative preposition
/// ("in Bannu", "near Zabarmari"): many small towns share names with people
/// and ordinary words.
pub const SMALL_CITY_POPULATION: u64 = 100_000;

/// What a lexicon entry is, beyond its entity kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryClass {
    /// An armed group from the catalog.
    Group,
    /// A country.
    Country,
    /// A first-level subdivision (province, state, region).
    Subdivision,
    /// A city or town.
    City,
    /// A nationality, ethnic or religious group.
    Nationality,
}

/// One known name's referent.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Stable id: `group:<slug>`, `country:AF`, `adm1:AF-NAN`, `city:<geonameid>`, `nat:<key>`.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity kind.
    pub kind: EntityKind,
    /// Finer class.
    pub class: EntryClass,
    /// ISO country code, where there is one.
    pub country: Option<String>,
    /// First-level subdivision code, for cities.
    pub admin1: Option<String>,
    /// Coordinates, for cities.
    pub coords: Option<(f64, f64)>,
    /// Population, for cities (used to rank ambiguous names).
    pub population: u64,
    /// Whether the key came from an all-caps acronym ("ISKP").
    pub acronym: bool,
}

/// Catalog relations of one group.
#[derive(Clone, Debug, Default)]
pub struct GroupRelations {
    /// Group it is a branch of.
    pub parent: Option<String>,
    /// Group it split from.
    pub splinter_of: Option<String>,
    /// Affiliations.
    pub affiliated_with: Vec<String>,
    /// Allies.
    pub allied_with: Vec<String>,
    /// Enemies.
    pub opposes: Vec<String>,
}

/// The indexed lexicon.
pub struct Lexicon {
    /// Every entry.
    pub entries: Vec<Entry>,
    keys: HashMap<String, Vec<u32>>,
    by_id: HashMap<String, u32>,
    /// Relations by group id.
    pub relations: HashMap<String, GroupRelations>,
    /// Organization cue words (last word of a name) and the kind they mark.
    pub org_cues: HashMap<String, EntityKind>,
    /// Role words and (normalized role, leads a group).
    pub roles: HashMap<String, (String, bool)>,
    /// Facility cue words ("airport", "prison").
    pub facility_cues: HashMap<String, String>,
    translit: Vec<(String, String)>,
    words: HashMap<&'static str, std::collections::HashSet<&'static str>>,
    stop_caps: std::collections::HashSet<String>,
}

/// A short all-capital name: 2 to 6 letters, every letter upper case ("IS", "U.S.", "ISKP").
pub fn is_acronym(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    (2..=6).contains(&letters)
}

/// The lexicon built from the bundled data, on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::bundled);

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn multi<'a>(s: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    s.copied().unwrap_or("").split('|').map(str::trim).filter(|x| !x.is_empty())
}

fn opt(s: Option<&&str>) -> Option<String> {
    s.map(|x| x.trim()).filter(|x| !x.is_empty()).map(str::to_string)
}

impl Lexicon {
    /// Builds the lexicon from the bundled data files.
    pub fn bundled() -> Lexicon {
        let translit: Vec<(String, String)> = rows(TRANSLIT)
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        let mut lex = Lexicon {
            entries: Vec::new(),
            keys: HashMap::new(),
            by_id: HashMap::new(),
            relations: HashMap::new(),
            org_cues: HashMap::new(),
            roles: HashMap::new(),
            facility_cues: HashMap::new(),
            translit,
            stop_caps: rows(STOP_CAPS).map(|r| r[0].to_string()).collect(),
            words: HashMap::new(),
        };
        for l in WORDS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((cat, w)) = l.split_once('\t') {
                lex.words.entry(cat.trim()).or_default().insert(w.trim());
            }
        }
        for r in rows(ORG_CUES) {
            let kind = if r.get(1) == Some(&"group") {
                EntityKind::Group
            } else {
                EntityKind::Organization
            };
            lex.org_cues.insert(r[0].to_string(), kind);
        }
        for r in rows(ROLES) {
            let role = r.get(1).copied().unwrap_or(r[0]).to_string();
            lex.roles.insert(r[0].to_string(), (role, r.get(2) == Some(&"yes")));
        }
        for r in rows(FACILITY_CUES) {
            lex.facility_cues
                .insert(r[0].to_lowercase(), r.get(1).copied().unwrap_or("facility").to_string());
        }
        lex.load_groups();
        lex.load_places();
        lex.load_nationalities();
        lex
    }

    fn add(&mut self, entry: Entry, names: &[&str]) {
        let idx = self.entries.len() as u32;
        self.by_id.insert(entry.id.clone(), idx);
        let mut seen: Vec<String> = Vec::new();
        for n in names {
            // Short all-capital acronyms ("IS", "US", "TTP") match only
            // all-capital text: "Is" and "us" are words.
            let k = if is_acronym(n) { format!("^{}", self.key(n)) } else { self.key(n) };
            if k.len() < 2 || seen.contains(&k) {
                continue;
            }
            seen.push(k.clone());
            self.keys.entry(k).or_default().push(idx);
        }
        self.entries.push(entry);
    }

    fn load_groups(&mut self) {
        for r in rows(GROUPS) {
            if r.len() < 2 {
                continue;
            }
            let id = format!("group:{}", r[0]);
            let mut names = vec![r[1]];
            names.extend(multi(r.get(2)));
            let entry = Entry {
                id: id.clone(),
                name: r[1].to_string(),
                kind: EntityKind::Group,
                class: EntryClass::Group,
                country: multi(r.get(3)).next().map(str::to_string),
                admin1: None,
                coords: None,
                population: 0,
                acronym: false,
            };
            self.add(entry, &names);
            let g = |s: &str| format!("group:{s}");
            self.relations.insert(
                id,
                GroupRelations {
                    parent: opt(r.get(4)).map(|s| g(&s)),
                    splinter_of: opt(r.get(5)).map(|s| g(&s)),
                    affiliated_with: multi(r.get(6)).map(g).collect(),
                    allied_with: multi(r.get(7)).map(g).collect(),
                    opposes: multi(r.get(8)).map(g).collect(),
                },
            );
        }
    }

    fn load_places(&mut self) {
        for r in rows(COUNTRIES) {
            if r.len() < 3 {
                continue;
            }
            let mut names = vec![r[2], r[0], r[1]];
            names.extend(multi(r.get(3)));
            // Two-letter codes other than well-known ones ("US", "UK") are too ambiguous as names.
            names.retain(|n| n.len() > 2 || matches!(*n, "US" | "UK"));
            let entry = Entry {
                id: format!("country:{}", r[0]),
                name: r[2].to_string(),
                kind: EntityKind::Place,
                class: EntryClass::Country,
                country: Some(r[0].to_string()),
                admin1: None,
                coords: None,
                population: u64::MAX,
                acronym: false,
            };
            self.add(entry, &names);
            let demonyms: Vec<&str> = multi(r.get(4)).collect();
            if !demonyms.is_empty() {
                let entry = Entry {
                    id: format!("nat:{}", r[0].to_lowercase()),
                    name: demonyms[0].to_string(),
                    kind: EntityKind::Nationality,
                    class: EntryClass::Nationality,
                    country: Some(r[0].to_string()),
                    admin1: None,
                    coords: None,
                    population: 0,
                    acronym: false,
                };
                self.add(entry, &demonyms);
            }
        }
        for r in rows(SUBDIVISIONS) {
            if r.len() < 3 {
                continue;
            }
            let ascii = deunicode::deunicode(r[2]);
            let mut names = vec![r[2], ascii.as_str()];
            names.extend(multi(r.get(3)));
            let entry = Entry {
                id: format!("adm1:{}", r[0]),
                name: deunicode::deunicode(r[2]),
                kind: EntityKind::Place,
                class: EntryClass::Subdivision,
                country: Some(r[1].to_string()),
                admin1: Some(r[0].to_string()),
                coords: None,
                population: 1 << 40,
                acronym: false,
            };
            self.add(entry, &names);
        }
        for r in rows(CITIES) {
            if r.len() < 8 {
                continue;
            }
            let population: u64 = r[7].parse().unwrap_or(0);
            let ascii = deunicode::deunicode(r[1]);
            let mut names = vec![r[1], ascii.as_str()];
            // GeoNames alternates are many and noisy ("Khan" for Haan): only
            // large cities keep theirs, where the variants matter
            // (Muqdisho/Mogadishu) and collisions with other words are rare.
            if population >= CITY_ALTERNATES_MIN_POPULATION {
                // Spelling variants keep the first letter (Muqdisho/Mogadishu);
                // translations do not ("White House" for Casablanca).
                let initial = ascii.chars().next().map(|c| c.to_ascii_lowercase());
                names.extend(
                    multi(r.get(2))
                        .filter(|a| a.chars().next().map(|c| c.to_ascii_lowercase()) == initial),
                );
            }
            let lat = r[5].parse().ok();
            let lon = r[6].parse().ok();
            let entry = Entry {
                id: format!("city:{}", r[0]),
                name: ascii.clone(),
                kind: EntityKind::Place,
                class: EntryClass::City,
                country: opt(r.get(3)),
                admin1: opt(r.get(4)),
                coords: lat.zip(lon),
                population,
                acronym: false,
            };
            self.add(entry, &names);
        }
    }

    fn load_nationalities(&mut self) {
        for r in rows(NATIONALITIES) {
            if r.is_empty() {
                continue;
            }
            let mut names = vec![r[0]];
            names.extend(multi(r.get(1)));
            let entry = Entry {
                id: format!("nat:{}", self.key(r[0])),
                name: r[0].to_string(),
                kind: EntityKind::Nationality,
                class: EntryClass::Nationality,
                country: opt(r.get(2)),
                admin1: None,
                coords: None,
                population: 0,
                acronym: false,
            };
            self.add(entry, &names);
        }
    }

    /// The lookup key of a name (see the module docs).
    pub fn key(&self, name: &str) -> String {
        let mut k = String::with_capacity(name.len());
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                k.push(c.to_ascii_lowercase());
            } else if !c.is_ascii() && c.is_alphanumeric() {
                for d in deunicode::deunicode_char(c).unwrap_or("").chars() {
                    if d.is_ascii_alphanumeric() {
                        k.push(d.to_ascii_lowercase());
                    }
                }
            }
        }
        if k.starts_with("the")
            && k.len() > 6
            && name.trim_start().to_lowercase().starts_with("the ")
        {
            k.drain(..3);
        }
        for (v, c) in &self.translit {
            if v != c && k.contains(v.as_str()) {
                k = k.replace(v.as_str(), c);
            }
        }
        k
    }

    /// Entries whose names have this key, best first (groups, countries,
    /// subdivisions, then cities by population).
    pub fn lookup_key(&self, key: &str) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .keys
            .get(key)
            .map(|ix| ix.iter().map(|&i| &self.entries[i as usize]).collect())
            .unwrap_or_default();
        v.sort_by_key(|e| {
            let rank = match e.class {
                EntryClass::Group => 0,
                EntryClass::Country => 1,
                EntryClass::Nationality => 2,
                EntryClass::Subdivision => 3,
                EntryClass::City => 4,
            };
            (rank, std::cmp::Reverse(e.population))
        });
        v
    }

    /// Entries for a surface name.
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        let key = self.key(name);
        if is_acronym(name) {
            let found = self.lookup_key(&format!("^{key}"));
            if !found.is_empty() {
                return found;
            }
        }
        self.lookup_key(&key)
    }

    /// The entry with this id.
    pub fn by_id(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i as usize])
    }

    /// True when the word does not start a name on its own ("The", "However").
    pub fn is_stop_cap(&self, word: &str) -> bool {
        self.stop_caps.contains(word)
    }

    /// True when the catalog keeps the two ids apart: distinct catalog
    /// entries are different entities, whatever a text's alias says.
    pub fn kept_apart(&self, a: &str, b: &str) -> bool {
        a != b
    }

    /// True when `child` is a branch, province or splinter of `parent` in the catalog.
    pub fn is_branch_of(&self, child: &str, parent: &str) -> bool {
        self.relations.get(child).is_some_and(|r| {
            r.parent.as_deref() == Some(parent) || r.splinter_of.as_deref() == Some(parent)
        })
    }

    /// True when `word` is in the cue list `category` of `data/cues/words.tsv`.
    pub fn is(&self, category: &str, word: &str) -> bool {
        self.words.get(category).is_some_and(|s| s.contains(word))
    }

    /// Every phrase of a cue list.
    pub fn words(&self, category: &str) -> impl Iterator<Item = &'static str> + '_ {
        self.words.get(category).into_iter().flat_map(|s| s.iter().copied())
    }

    /// Number of distinct keys (for diagnostics).
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_spelling() {
        let l = &*LEXICON;
        assert_eq!(l.key("Islamic State – Khorasan"), l.key("islamic state-khurasan"));
        assert_eq!(l.key("Nangarhār"), "nangarhar");
        assert_eq!(l.key("ISIS “Khorasan Province”"), "isiskhorasanprovince");
        assert_eq!(l.key("the Taliban"), "taliban");
    }
}
