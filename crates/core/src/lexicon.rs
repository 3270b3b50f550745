//! Bundled domain knowledge: the armed-group catalog, well-known
//! organizations, place gazetteers (countries, subdivisions, regions, towns),
//! nationalities, given names and cue-word lists, all read from `data/` at
//! compile time (`include_str!`) and indexed once, on first use (about 0.1 s;
//! `cargo bench -p dossier-core --bench entities` measures it).
//!
//! Names are looked up by a *key*: the name folded to ASCII, lower-cased,
//! with everything but letters and digits removed, a leading "the" dropped,
//! and transliteration variants rewritten (`data/cues/translit.tsv`), so that
//! "Islamic State – Khorasan", "Islamic State-Khorasan" and "islamic state
//! khurasan" share one key.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::EntityKind;

const GROUPS: &str = include_str!("../../../data/groups.tsv");
const COUNTRIES: &str = include_str!("../../../data/places/countries.tsv");
const SUBDIVISIONS: &str = include_str!("../../../data/places/subdivisions.tsv");
const CITIES: &str = include_str!("../../../data/places/cities.tsv");
const ADMIN1: &str = include_str!("../../../data/places/admin1.tsv");
const CENTROIDS: &str = include_str!("../../../data/places/centroids.tsv");
const FACILITY_CUES: &str = include_str!("../../../data/places/facility_cues.tsv");
const NATIONALITIES: &str = include_str!("../../../data/nationalities.tsv");
const ORG_CUES: &str = include_str!("../../../data/cues/org_cues.tsv");
const ROLES: &str = include_str!("../../../data/cues/roles.tsv");
const TRANSLIT: &str = include_str!("../../../data/cues/translit.tsv");
const STOP_CAPS: &str = include_str!("../../../data/cues/stop_caps.tsv");
pub(crate) const WORDS: &str = include_str!("../../../data/cues/words.tsv");
/// More cue lists in the same layout: generic words that are never an
/// alias, and the words for people held or missing.
const HYGIENE: &str = include_str!("../../../data/cues/hygiene.tsv");
const REGIONS: &str = include_str!("../../../data/places/regions.tsv");
const ORGANIZATIONS: &str = include_str!("../../../data/organizations.tsv");
const FIRST_NAMES: &str = include_str!("../../../data/names/first_names.tsv");
const FIRST_NAMES_EXTRA: &str = include_str!("../../../data/names/first_names_extra.tsv");
const FIRST_NAMES_WORLD: &str = include_str!("../../../data/names/first_names_world.tsv");

/// Share of the population (per cent) credited to a name of
/// `data/names/first_names_extra.tsv` or `first_names_world.tsv` (listed by
/// two locales or more), which have no frequency column.
const EXTRA_FIRST_NAME_PERCENT: f32 = 0.05;

/// The same for a name only one locale of `first_names_world.tsv` lists.
const RARE_FIRST_NAME_PERCENT: f32 = 0.005;

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
    /// A well-known organization that is no armed group (`data/organizations.tsv`).
    Organization,
    /// A country.
    Country,
    /// A first-level subdivision (province, state, region).
    Subdivision,
    /// A city or town.
    City,
    /// A nationality, ethnic or religious group.
    Nationality,
    /// A continent, world region, sea, river, mountain range or desert.
    Region,
}

impl EntryClass {
    /// A country, first-level subdivision or region: an area a group
    /// operates in, or that owns a town ("Burkina Faso's Barsalogho").
    pub fn is_area(self) -> bool {
        matches!(self, EntryClass::Country | EntryClass::Subdivision | EntryClass::Region)
    }
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
    /// The ISO 3166-2 code of the first-level subdivision a city lies in
    /// ("AF-NAN"), from `data/places/admin1.tsv`.
    pub admin1: Option<String>,
    /// Latitude and longitude: a city's own (GeoNames); for a country or a
    /// first-level subdivision, the centre of its towns
    /// (`data/places/centroids.tsv`).
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
    /// The groups it was renamed from or formed out of by a merger, each
    /// with the year it took its present name (`renamed_from` in
    /// `data/groups.tsv`, "id@YEAR").
    pub renamed_from: Vec<(String, i32)>,
    /// The countries it operates in (ISO codes; the entry's `country` is
    /// the first).
    pub countries: Vec<String>,
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
    /// The country each state organ of `organizations.tsv` (type `state`:
    /// ministries, agencies, armed forces) acts for, by entry id.
    state_organs: HashMap<String, String>,
    /// Facility cue words ("airport", "prison").
    pub facility_cues: HashMap<String, String>,
    /// Each country's capital by name, by ISO code (`capital` in
    /// `data/places/countries.tsv`).
    capitals: HashMap<String, String>,
    translit: Vec<(String, String)>,
    /// Finds any transliteration variant in a key (most keys have none).
    translit_any: aho_corasick::AhoCorasick,
    words: HashMap<&'static str, HashSet<&'static str>>,
    stop_caps: HashSet<String>,
    /// Given names (lower case) and their share of the population in per cent.
    first_names: HashMap<String, f32>,
    /// Words that continue a name over "of" or "for" ("University of",
    /// "Gulf of", "Soldiers of the Caliphate"): the cue lists' words plus
    /// the word before "of"/"for" in every multi-word name of the lexicon.
    of_heads: HashSet<String>,
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

/// A short form written in mixed case: at most 6 letters, capitalized, with
/// another capital after the first letter ("LeT", "JuD", "HuJI").
pub fn is_mixed_short_form(name: &str) -> bool {
    let n = name.trim();
    let letters = n.chars().filter(|c| c.is_alphabetic()).count();
    let mut chars = n.chars();
    (2..=6).contains(&letters)
        && n.chars().all(char::is_alphanumeric)
        && chars.next().is_some_and(char::is_uppercase)
        && chars.clone().any(char::is_uppercase)
        && chars.any(char::is_lowercase)
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
            .filter(|r| r.len() >= 2 && r[0] != r[1])
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        let translit_any = aho_corasick::AhoCorasick::new(translit.iter().map(|(v, _)| v))
            .expect("transliteration variants build an automaton");
        let mut lex = Lexicon {
            entries: Vec::new(),
            keys: HashMap::default(),
            by_id: HashMap::default(),
            relations: HashMap::default(),
            org_cues: HashMap::default(),
            roles: HashMap::default(),
            state_organs: HashMap::default(),
            facility_cues: HashMap::default(),
            capitals: HashMap::default(),
            translit,
            translit_any,
            stop_caps: rows(STOP_CAPS).map(|r| r[0].to_string()).collect(),
            words: HashMap::default(),
            first_names: HashMap::default(),
            of_heads: Default::default(),
        };
        for l in WORDS.lines().chain(HYGIENE.lines()).filter(|l| !l.starts_with('#')) {
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
        lex.load_regions();
        lex.load_organizations();
        lex.load_nationalities();
        lex.load_names();
        lex.load_centroids();
        lex
    }

    /// Map points of countries and subdivisions, which their own rows lack.
    fn load_centroids(&mut self) {
        for r in rows(CENTROIDS) {
            let (Some(lat), Some(lon)) = (
                r.get(1).and_then(|x| x.parse::<f64>().ok()),
                r.get(2).and_then(|x| x.parse::<f64>().ok()),
            ) else {
                continue;
            };
            if let Some(&i) = self.by_id.get(r[0]) {
                let e = &mut self.entries[i as usize];
                if e.coords.is_none() {
                    e.coords = Some((lat, lon));
                }
            }
        }
    }

    fn load_regions(&mut self) {
        for r in rows(REGIONS) {
            if r.is_empty() {
                continue;
            }
            let mut names = vec![r[0]];
            names.extend(multi(r.get(1)));
            let mut countries = multi(r.get(3));
            let country = match (countries.next(), countries.next()) {
                (Some(c), None) => Some(c.to_string()),
                _ => None,
            };
            let entry = Entry {
                id: format!("region:{}", self.key(r[0])),
                name: r[0].to_string(),
                kind: EntityKind::Place,
                class: EntryClass::Region,
                country,
                admin1: None,
                coords: None,
                population: 1 << 30,
                acronym: false,
            };
            self.add(entry, &names);
        }
    }

    fn load_organizations(&mut self) {
        for r in rows(ORGANIZATIONS) {
            if r.is_empty() {
                continue;
            }
            let mut names = vec![r[0]];
            names.extend(multi(r.get(1)));
            let id = format!("org:{}", self.key(r[0]));
            if let (Some(&"state"), Some(country)) = (r.get(2), opt(r.get(3))) {
                self.state_organs.insert(id.clone(), country);
            }
            let entry = Entry {
                id,
                name: r[0].to_string(),
                kind: EntityKind::Organization,
                class: EntryClass::Organization,
                country: opt(r.get(3)),
                admin1: None,
                coords: None,
                population: 0,
                acronym: false,
            };
            self.add(entry, &names);
        }
    }

    fn load_names(&mut self) {
        for r in rows(FIRST_NAMES) {
            let pct = r.get(2).and_then(|p| p.parse().ok()).unwrap_or(0.0);
            self.first_names.insert(r[0].to_lowercase(), pct);
        }
        for r in rows(FIRST_NAMES_EXTRA) {
            let e = self.first_names.entry(r[0].to_lowercase()).or_insert(0.0);
            *e = e.max(EXTRA_FIRST_NAME_PERCENT);
        }
        for r in rows(FIRST_NAMES_WORLD) {
            let locales: u32 = r.get(1).and_then(|p| p.parse().ok()).unwrap_or(1);
            let pct = if locales >= 2 { EXTRA_FIRST_NAME_PERCENT } else { RARE_FIRST_NAME_PERCENT };
            let e = self.first_names.entry(r[0].to_lowercase()).or_insert(0.0);
            *e = e.max(pct);
        }
        // Words that head a name continued by "of"/"for".
        let mut heads: Vec<String> = self.org_cues.keys().cloned().collect();
        heads.extend(self.facility_cues.keys().map(|w| capitalize(w)));
        heads.extend(self.words("of_head").map(str::to_string));
        heads.extend(self.words("place_head").map(str::to_string));
        for text in [GROUPS, COUNTRIES, SUBDIVISIONS, REGIONS, ORGANIZATIONS] {
            for r in rows(text) {
                for field in r.iter().take(4) {
                    for name in field.split('|') {
                        let words: Vec<&str> = name.split_whitespace().collect();
                        for w in words.windows(2) {
                            if matches!(w[1], "of" | "for")
                                && w[0].chars().next().is_some_and(char::is_uppercase)
                            {
                                heads.push(w[0].to_string());
                            }
                        }
                    }
                }
            }
        }
        self.of_heads = heads.into_iter().collect();
    }

    fn add(&mut self, entry: Entry, names: &[&str]) {
        let idx = self.entries.len() as u32;
        self.by_id.insert(entry.id.clone(), idx);
        let mut seen: Vec<String> = Vec::new();
        for n in names {
            // Short all-capital acronyms ("IS", "US", "TTP") match only
            // all-capital text: "Is" and "us" are words.
            // Short forms in mixed case ("LeT", "JuD") match only as
            // written: "Let's" is no Lashkar-e-Taiba.
            let k = if is_acronym(n) {
                format!("^{}", self.key(n))
            } else if is_mixed_short_form(n) {
                format!("={}", n.trim())
            } else {
                self.key(n)
            };
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
                    renamed_from: multi(r.get(9))
                        .filter_map(|v| v.split_once('@'))
                        .filter_map(|(p, y)| Some((g(p), y.parse().ok()?)))
                        .collect(),
                    countries: multi(r.get(3)).map(str::to_string).collect(),
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
            if let Some(c) = opt(r.get(5)) {
                self.capitals.insert(r[0].to_string(), c);
            }
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
        // GeoNames admin1 codes -> ISO 3166-2 ("AF" "18" -> "AF-NAN").
        let admin1_iso: HashMap<(&str, &str), &str> = rows(ADMIN1)
            .filter(|r| r.len() >= 3 && !r[2].is_empty())
            .map(|r| ((r[0], r[1]), r[2]))
            .collect();
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
                admin1: admin1_iso.get(&(r[3], r[4])).map(|c| c.to_string()),
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
        if self.translit_any.is_match(&k) {
            for (v, c) in &self.translit {
                if k.contains(v.as_str()) {
                    k = k.replace(v.as_str(), c);
                }
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
                EntryClass::Organization => 1,
                EntryClass::Country => 1,
                EntryClass::Nationality => 2,
                EntryClass::Subdivision => 3,
                EntryClass::Region => 4,
                EntryClass::City => 5,
            };
            (rank, std::cmp::Reverse(e.population))
        });
        v
    }

    /// Entries for a surface name.
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        if is_mixed_short_form(name) {
            let found = self.lookup_key(&format!("={}", name.trim()));
            if !found.is_empty() {
                return found;
            }
        }
        let key = self.key(name);
        if is_acronym(name) {
            let found = self.lookup_key(&format!("^{key}"));
            if !found.is_empty() {
                return found;
            }
        }
        self.lookup_key(&key)
    }

    /// Whether the data spells `name` in capitals, as an acronym ("KPK" for
    /// Khyber Pakhtunkhwa), so that the text's capitals match it as written.
    pub fn spelled_in_capitals(&self, name: &str) -> bool {
        is_acronym(name) && !self.lookup_key(&format!("^{}", self.key(name))).is_empty()
    }

    /// The entry with this id.
    pub fn by_id(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i as usize])
    }

    /// The country (ISO code) a state organ acts for ("org:state-department"
    /// -> "US"), by its entry id.
    pub fn state_of(&self, id: &str) -> Option<&str> {
        self.state_organs.get(id).map(String::as_str)
    }

    /// The (normalized role, leads a group) of a title word: a role word of
    /// `roles.tsv`, or a hyphenated one whose parts all are, by its last
    /// part ("Brigadier-General", "Director-General").
    pub fn role(&self, word: &str) -> Option<&(String, bool)> {
        if let Some(r) = self.roles.get(word) {
            return Some(r);
        }
        let (_, last) = word.rsplit_once('-')?;
        word.split('-').all(|p| self.roles.contains_key(p)).then(|| self.roles.get(last)).flatten()
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

    /// The year a renamed catalog group took its present name (the latest
    /// year of its `renamed_from` column): founding dates before it are its
    /// predecessors'.
    pub fn renamed_in(&self, id: &str) -> Option<i32> {
        self.relations.get(id)?.renamed_from.iter().map(|r| r.1).max()
    }

    /// The countries a catalog group operates in.
    pub fn group_countries(&self, id: &str) -> &[String] {
        self.relations.get(id).map_or(&[], |r| r.countries.as_slice())
    }

    /// The capital city of the country `country` (an ISO code), as a
    /// gazetteer city.
    pub fn capital(&self, country: &str) -> Option<&Entry> {
        let name = self.capitals.get(country)?;
        self.lookup(name)
            .into_iter()
            .find(|e| e.class == EntryClass::City && e.country.as_deref() == Some(country))
    }

    /// True when `child` is a branch, province or splinter of `parent` in the catalog.
    pub fn is_branch_of(&self, child: &str, parent: &str) -> bool {
        self.relations.get(child).is_some_and(|r| {
            r.parent.as_deref() == Some(parent) || r.splinter_of.as_deref() == Some(parent)
        })
    }

    /// True when `word` is in the cue list `category` of `data/cues/words.tsv`
    /// (or `hygiene.tsv`).
    pub fn is(&self, category: &str, word: &str) -> bool {
        self.words.get(category).is_some_and(|s| s.contains(word))
    }

    /// True when a name is one common noun or title ("Army", "the Party",
    /// "Forces"; `generic_alias` in `data/cues/hygiene.tsv`): never an alias
    /// of one entity on its own.
    pub fn is_generic_alias(&self, name: &str) -> bool {
        let n = name.trim();
        let n = n.strip_prefix("the ").or_else(|| n.strip_prefix("The ")).unwrap_or(n);
        // A possessive ("Army's", "Forces'") and a plural ("Armies" is listed,
        // "Groups" is "Group"s) name the same word.
        let n = n.strip_suffix("'s").or_else(|| n.strip_suffix("’s")).unwrap_or(n);
        let n = n.trim_end_matches(['’', '\'']);
        if n.is_empty() || n.contains(char::is_whitespace) {
            return false;
        }
        let word = capitalize(&n.to_lowercase());
        self.is("generic_alias", &word)
            || word.strip_suffix('s').is_some_and(|w| self.is("generic_alias", w))
    }

    /// Every phrase of a cue list.
    pub fn words(&self, category: &str) -> impl Iterator<Item = &'static str> + '_ {
        self.words.get(category).into_iter().flat_map(|s| s.iter().copied())
    }

    /// The share of the population (per cent) bearing this given name
    /// (case-insensitive), when it is one.
    pub fn first_name(&self, word: &str) -> Option<f32> {
        self.first_names.get(&word.to_lowercase()).copied()
    }

    /// True when a name may go on over "of" or "for" after this word
    /// ("University" of, "Gulf" of).
    pub fn is_of_head(&self, word: &str) -> bool {
        self.of_heads.contains(word)
    }

    /// Number of distinct keys (for diagnostics).
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
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

    #[test]
    fn generic_words_are_known_in_any_case_and_number() {
        let l = &*LEXICON;
        for w in ["Army", "army", "the Army", "Army's", "Forces", "Forces'", "Groups", "PARTY"] {
            assert!(l.is_generic_alias(w), "{w}");
        }
        for w in ["New People's Army", "ISIS", "Taliban", "Sison", "Armed Forces"] {
            assert!(!l.is_generic_alias(w), "{w}");
        }
    }

    #[test]
    fn a_former_name_is_its_own_catalog_entry() {
        let l = &*LEXICON;
        let id = |name: &str| l.lookup(name).first().map(|e| e.id.clone());
        assert_eq!(id("Nusra Front").as_deref(), Some("group:jabhat-al-nusra"));
        assert_eq!(id("HTS").as_deref(), Some("group:hayat-tahrir-al-sham"));
        assert_eq!(l.renamed_in("group:hayat-tahrir-al-sham"), Some(2017));
        assert_eq!(l.renamed_in("group:jabhat-fatah-al-sham"), Some(2016));
        assert_eq!(l.renamed_in("group:taliban"), None);
    }

    #[test]
    fn countries_and_provinces_have_map_points_near_their_towns() {
        let l = &*LEXICON;
        let at = |id: &str| l.by_id(id).and_then(|e| e.coords).unwrap_or_else(|| panic!("{id}"));
        let near = |(a, b): (f64, f64), (c, d): (f64, f64), deg: f64| {
            (a - c).abs() <= deg && (b - d).abs() <= deg
        };
        // Nangarhar around Jalalabad, Borno around Maiduguri.
        assert!(near(at("adm1:AF-NAN"), (34.43, 70.45), 0.5), "{:?}", at("adm1:AF-NAN"));
        assert!(near(at("adm1:NG-BO"), (11.85, 13.16), 0.5), "{:?}", at("adm1:NG-BO"));
        assert!(near(at("country:AF"), (34.0, 67.0), 3.0), "{:?}", at("country:AF"));
        assert!(near(at("country:SO"), (5.0, 45.0), 4.0), "{:?}", at("country:SO"));
        // Across the 180th meridian the point stays on the islands' side.
        assert!(at("country:FJ").1 > 170.0, "{:?}", at("country:FJ"));
        // A city keeps its own coordinates.
        let kabul = l.lookup("Kabul").into_iter().find(|e| e.id.starts_with("city:")).unwrap();
        assert!(near(kabul.coords.unwrap(), (34.53, 69.17), 0.1));
        let with = |p: &str| l.entries.iter().filter(|e| e.id.starts_with(p)).count();
        let located = |p: &str| {
            l.entries.iter().filter(|e| e.id.starts_with(p) && e.coords.is_some()).count()
        };
        assert!(located("country:") * 10 >= with("country:") * 9, "most countries located");
        assert!(located("adm1:") * 10 >= with("adm1:") * 7, "most subdivisions located");
    }
}
