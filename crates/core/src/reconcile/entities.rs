//! Entity merging across documents, with evidence and manual decisions.
//!
//! Every document-local entity is a node; nodes join (union-find) when they
//! share a key within the same kind class: the catalog id, or the spelling
//! key of a name or alias. Two sets carrying different catalog ids never
//! join. Manual decisions add forced joins (merge) and cannot-link labels
//! (split): a split of name N off entity E labels E's nodes that use N one
//! side and the rest the other, and no join crosses the labels afterwards.

use std::collections::{HashMap, HashSet};

use super::{
    find_entity, short_doc, slug, CorpusEntity, ManualDecision, ManualKind, MergeEvidence,
};
use crate::lexicon::{is_acronym, Lexicon, LEXICON};
use crate::{Annotated, EntityKind};

/// Documents named in a reason's examples.
const EXAMPLES: usize = 3;

#[derive(Clone)]
struct Ev {
    reason: String,
    docs: Vec<u32>,
    count: usize,
    manual: bool,
}

fn add_ev(list: &mut Vec<Ev>, reason: &str, docs: &[u32], manual: bool) {
    match list.iter_mut().find(|e| e.reason == reason) {
        Some(e) => {
            // One more report joined on this reason.
            e.count += 1;
            e.docs.extend_from_slice(docs);
        }
        None => {
            let mut ds = docs.to_vec();
            ds.sort_unstable();
            ds.dedup();
            let count = ds.len();
            list.push(Ev { reason: reason.to_string(), docs: ds, count, manual });
        }
    }
}

/// The outlets of the documents that show one reason, each once with how
/// many of those documents it published, most first: (examples, outlets).
fn outlet_examples(docs: &[Annotated], ev_docs: &mut Vec<u32>) -> (Vec<String>, usize) {
    ev_docs.sort_unstable();
    ev_docs.dedup();
    let mut by_outlet: HashMap<String, usize> = HashMap::new();
    for &d in ev_docs.iter() {
        *by_outlet.entry(short_doc(&docs[d as usize])).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> = by_outlet.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let outlets = list.len();
    let examples = list
        .into_iter()
        .take(EXAMPLES)
        .map(|(o, n)| if n > 1 { format!("{o} ({n} reports)") } else { o })
        .collect();
    (examples, outlets)
}

/// Gives each entity its base id (`kind:slug` or the catalog id), and the
/// second and later entities with the same base `BASE-N` with the smallest
/// N from 2 that is neither another entity's base nor taken: an entity
/// named "X 2" keeps `person:x-2` although a second "X" comes first.
fn assign_ids(entities: &mut [CorpusEntity], bases: Vec<String>) {
    let all: HashSet<String> = bases.iter().cloned().collect();
    let mut taken: HashSet<String> = HashSet::with_capacity(bases.len());
    for (ge, base) in entities.iter_mut().zip(bases) {
        let id = if taken.contains(&base) {
            let mut n = 2usize;
            loop {
                let c = format!("{base}-{n}");
                if !all.contains(&c) && !taken.contains(&c) {
                    break c;
                }
                n += 1;
            }
        } else {
            base
        };
        taken.insert(id.clone());
        ge.id = id;
    }
}

/// `Key::which` for a catalog id.
const CATALOG: u8 = u8::MAX;
/// `Key::which` for an acronym key: `ACRONYM + the name's index`.
const ACRONYM: u8 = 128;
/// `Key::which` for a person's shorter name joined to its full name (see
/// [`person_variants`]); names at this index and beyond are not keyed.
const VARIANT: u8 = ACRONYM - 1;

/// A person's name as words, when each is capitalized: ("Jose Maria
/// Sison") -> 3 words. Titles and initials count as words.
fn person_words(name: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)).then_some(words)
}

/// A person named once with a middle name and elsewhere without it
/// ("Jose Maria Sison", "Jose Sison"), or named by a group-less "other"
/// entity with the person's exact name, is one person only with evidence:
/// the shorter form's first and last words must spell out exactly one full
/// name in the corpus, and the two reports must name a group or
/// organization in common. Returns the keys that join such nodes, each
/// keyed to the full name's key, and the reason per joined node.
fn person_variants(
    docs: &[Annotated],
    flat: &[(u32, u32)],
    offsets: &[usize],
    identity: &[Option<u32>],
    interned: &HashMap<String, u32>,
) -> (Vec<Key>, HashMap<u32, String>) {
    let lex: &Lexicon = &LEXICON;
    // First-and-last key of a full name -> (its full key, node, full name).
    let mut long: HashMap<String, Vec<(u32, u32, &str)>> = HashMap::new();
    // Full key of a person's name -> (node, name), for "other" nodes named alike.
    let mut people: HashMap<u32, Vec<(u32, &str)>> = HashMap::new();
    // Key of a two-to-four-word name -> (node, name, whether it is "other").
    let mut short: HashMap<String, Vec<(u32, &str, bool)>> = HashMap::new();
    for (node, &(d, e)) in flat.iter().enumerate() {
        let ent = &docs[d as usize].entities[e as usize];
        let node = node as u32;
        for n in std::iter::once(&ent.name).chain(&ent.aliases) {
            let Some(words) = person_words(n) else { continue };
            match (ent.kind, words.len()) {
                (EntityKind::Person, 2..=4) => {
                    let Some(&full) = interned.get(&lex.key(n)) else { continue };
                    people.entry(full).or_default().push((node, n));
                    // "Gen. Bosco Ntaganda" lengthens "Bosco Ntaganda" and
                    // "Mullah Fazlullah" lengthens "Fazlullah".
                    if lex.is("rank_title", &words[0].to_lowercase()) {
                        let rest = &words[1..];
                        let key = match rest.len() {
                            1 | 2 => lex.key(&rest.join(" ")),
                            _ => lex.key(&format!("{} {}", rest[0], rest[rest.len() - 1])),
                        };
                        long.entry(key).or_default().push((full, node, n));
                    } else if words.len() == 2 {
                        short.entry(lex.key(n)).or_default().push((node, n, false));
                    } else {
                        let first_last =
                            lex.key(&format!("{} {}", words[0], words[words.len() - 1]));
                        long.entry(first_last).or_default().push((full, node, n));
                    }
                }
                // "Fazlullah" and "Mullah Fazlullah": a one-word name
                // may join a name that adds only a rank or an honorific.
                (EntityKind::Person, 1) => {
                    short.entry(lex.key(n)).or_default().push((node, n, false));
                }
                (EntityKind::Other, 2..=4) if !lex.is_generic_alias(n) => {
                    short.entry(lex.key(n)).or_default().push((node, n, true));
                }
                _ => {}
            }
        }
    }
    // The groups and organizations a document names, by identity.
    let groups_of = |d: u32, into: &mut HashSet<u32>| {
        let d = d as usize;
        let start = offsets[d];
        for (i, x) in docs[d].entities.iter().enumerate() {
            if matches!(x.kind, EntityKind::Group | EntityKind::Organization) {
                into.extend(identity[start + i]);
            }
        }
    };
    let mut keys = Vec::new();
    let mut reasons = HashMap::new();
    let mut shorts: Vec<_> = short.iter().collect();
    shorts.sort_unstable_by_key(|x| x.0);
    for (k, nodes) in shorts {
        // The full names this name shortens: one, or the name is ambiguous.
        let lengthened = long.get(k).map(Vec::as_slice).unwrap_or_default();
        let fulls: HashSet<u32> = lengthened.iter().map(|c| c.0).collect();
        let exact = interned.get(k).and_then(|f| people.get(f).map(|p| (*f, p)));
        for other in [false, true] {
            // A person's two-word name joins a longer full name; an "other"
            // name joins a person named exactly so, else a longer full name.
            let target: Vec<(u32, u32, &str)> = match (other, exact) {
                (true, Some((f, p))) => p.iter().map(|&(node, n)| (f, node, n)).collect(),
                _ if fulls.len() == 1 => lengthened.to_vec(),
                _ => continue,
            };
            let mine: Vec<(u32, &str)> =
                nodes.iter().filter(|x| x.2 == other).map(|x| (x.0, x.1)).collect();
            if mine.is_empty() || target.is_empty() {
                continue;
            }
            let target_docs: HashSet<u32> = target.iter().map(|t| flat[t.1 as usize].0).collect();
            let mut their_groups = HashSet::new();
            for &d in &target_docs {
                groups_of(d, &mut their_groups);
            }
            let (full, long_name) = (target[0].0, target[0].2);
            for (node, n) in mine {
                let d = flat[node as usize].0;
                if target_docs.contains(&d) {
                    continue; // the report itself keeps the two apart
                }
                let mut groups = HashSet::new();
                groups_of(d, &mut groups);
                let Some(&shared) = groups.iter().filter(|g| their_groups.contains(g)).min() else {
                    continue;
                };
                let group = (offsets[d as usize]..)
                    .zip(&docs[d as usize].entities)
                    .find(|(i, _)| identity[*i] == Some(shared))
                    .map_or("", |(_, x)| x.name.as_str());
                let how = if lex.key(long_name) == *k { "the same name" } else { "the full name" };
                reasons.insert(
                    node,
                    format!(
                        "“{}” and {how} “{long_name}”, in reports that both name {group}",
                        n.trim()
                    ),
                );
                let class = EntityKind::Person.merge_class();
                keys.push(Key { node, class, which: VARIANT, key: full });
            }
        }
    }
    (keys, reasons)
}

/// The acronym key of a name: an all-capitals name of 3–6 letters as
/// written ("ISW"), or the initials of a name of 3–6 capitalized words
/// ("Institute for the Study of War" -> "isw", "Tehrik-i-Taliban Pakistan"
/// -> "ttp"). Shorter initials collide too often to merge on.
pub(super) fn acronym_key(name: &str) -> Option<String> {
    let n = name.trim();
    if (3..=6).contains(&n.len()) && n.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(format!("acr:{}", n.to_ascii_lowercase()));
    }
    let initials: String = n
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .flat_map(char::to_lowercase)
        .collect();
    let words = n.split_whitespace().count();
    (words >= 2 && (3..=6).contains(&initials.chars().count()) && initials.is_ascii())
        .then(|| format!("acr:{initials}"))
}

/// The acronym keys that may join nodes. An acronym is shared across
/// documents only when every node that spells out a full name behind it
/// names the same thing: "AFP" defined as "Armed Forces of the Philippines"
/// in one report and as "Agence France-Presse" in another joins neither
/// with the other, and a report that only writes "AFP" joins neither. Nodes
/// that only ever use the acronym still join each other.
fn agreed_acronyms(mut acronym_keys: Vec<Key>, identity: &[Option<u32>]) -> Vec<Key> {
    acronym_keys.sort_by_key(|k| (k.key, k.node));
    let mut out = Vec::with_capacity(acronym_keys.len());
    for same in acronym_keys.chunk_by(|a, b| a.key == b.key) {
        let mut ids = same.iter().filter_map(|k| identity[k.node as usize]);
        let agreed = match ids.next() {
            None => true,
            Some(first) => ids.all(|i| i == first),
        };
        out.extend(
            same.iter().filter(|k| agreed || identity[k.node as usize].is_none()).map(|k| Key {
                node: k.node,
                class: k.class,
                which: k.which,
                key: k.key,
            }),
        );
    }
    out
}

/// One merge key of a node.
struct Key {
    node: u32,
    class: u8,
    /// Index of the name (0) or alias (1..) it came from, or [`CATALOG`].
    which: u8,
    key: u32,
}

/// Why a key joined two nodes, in words.
fn reason(
    docs: &[Annotated],
    flat: &[(u32, u32)],
    catalogs: &[String],
    k: &Key,
    cat: Option<u32>,
) -> String {
    if k.which == CATALOG {
        let c = cat.map(|c| catalogs[c as usize].as_str()).unwrap_or("?");
        return format!("same catalog entry {c}");
    }
    let (d, e) = flat[k.node as usize];
    let le = &docs[d as usize].entities[e as usize];
    let w = if k.which >= ACRONYM { k.which - ACRONYM } else { k.which };
    let n = if w == 0 { &le.name } else { &le.aliases[w as usize - 1] };
    if k.which >= ACRONYM {
        return format!("acronym and full name “{}”", n.trim());
    }
    format!("shared name “{}”", n.trim())
}

/// The merge keys of every node, with the reasons of person variants.
struct Keyed<'a> {
    keys: &'a [Key],
    variant_reasons: &'a HashMap<u32, String>,
}

/// Manual constraints, in node terms.
#[derive(Default, Clone)]
struct Constraints {
    /// Forced joins: (node, node, decision id, label).
    joins: Vec<(usize, usize, i64, String)>,
    /// Cannot-link labels per node: (decision id, side).
    labels: HashMap<usize, Vec<(i64, bool)>>,
    /// Names the split-off side takes, per decision.
    split_names: HashMap<i64, String>,
}

struct Sets {
    parent: Vec<usize>,
    /// Catalog ids per root: one at most, unless a person merged entries.
    cat: Vec<Vec<u32>>,
    labels: HashMap<usize, Vec<(i64, bool)>>,
    ev: HashMap<usize, Vec<Ev>>,
}

impl Sets {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let n = self.parent[y];
            self.parent[y] = r;
            y = n;
        }
        r
    }

    fn labels_clash(&self, a: usize, b: usize) -> bool {
        let (Some(la), Some(lb)) = (self.labels.get(&a), self.labels.get(&b)) else {
            return false;
        };
        la.iter().any(|(d, s)| lb.iter().any(|(d2, s2)| d == d2 && s != s2))
    }

    /// Joins the sets of roots `a` and `b` (b becomes the root). A forced
    /// join drops the labels the two sides disagree on.
    fn join(&mut self, a: usize, b: usize, forced: bool) {
        self.parent[a] = b;
        if !self.cat[a].is_empty() {
            // The first-named side's entry comes first (it names the entity).
            let mut c = std::mem::take(&mut self.cat[a]);
            for x in std::mem::take(&mut self.cat[b]) {
                if !c.contains(&x) {
                    c.push(x);
                }
            }
            self.cat[b] = c;
        }
        if let Some(la) = self.labels.remove(&a) {
            let lb = self.labels.entry(b).or_default();
            for (d, s) in la {
                match lb.iter().position(|(d2, _)| *d2 == d) {
                    Some(i) if lb[i].1 != s && forced => {
                        lb.remove(i);
                    }
                    Some(_) => {}
                    None => lb.push((d, s)),
                }
            }
        }
        if let Some(ea) = self.ev.remove(&a) {
            let eb = self.ev.entry(b).or_default();
            for e in ea {
                match eb.iter_mut().find(|x| x.reason == e.reason) {
                    Some(x) => {
                        x.count += e.count;
                        x.docs.extend(e.docs);
                    }
                    None => eb.push(e),
                }
            }
        }
    }
}

/// Merges the documents' local entities into corpus entities; returns them,
/// the local -> corpus map per document, and the decisions not applied.
#[allow(clippy::type_complexity)]
pub(super) fn merge(
    docs: &[Annotated],
    decisions: &[ManualDecision],
) -> (Vec<CorpusEntity>, Vec<Vec<usize>>, Vec<(ManualDecision, String)>) {
    let lex: &Lexicon = &LEXICON;
    // Node keys, computed once.
    let mut flat: Vec<(u32, u32)> = Vec::new();
    let mut catalogs: Vec<String> = Vec::new();
    let mut cat_ix: HashMap<String, u32> = HashMap::new();
    let mut node_cat: Vec<Option<u32>> = Vec::new();
    // (node, class, which name (CATALOG for the catalog id), interned key).
    let mut keys: Vec<Key> = Vec::new();
    let mut interned: HashMap<String, u32> = HashMap::new();
    let mut intern = |k: String| -> u32 {
        let n = interned.len() as u32;
        *interned.entry(k).or_insert(n)
    };
    let mut name_keys: HashMap<String, Option<u32>> = HashMap::new();
    // Acronym keys wait until every node is seen: an acronym joins across
    // documents only where the full names behind it agree (see below).
    let mut acronym_keys: Vec<Key> = Vec::new();
    // Per node: what it is when it has a full name (its catalog id, else
    // the key of its first name that is no acronym); `None` for a node
    // that the document only ever names by an acronym.
    let mut identity: Vec<Option<u32>> = Vec::new();
    // Nodes are numbered document by document, from these offsets.
    let mut offsets = Vec::with_capacity(docs.len());
    for (d, a) in docs.iter().enumerate() {
        offsets.push(flat.len());
        for (e, ent) in a.entities.iter().enumerate() {
            let node = flat.len() as u32;
            flat.push((d as u32, e as u32));
            let class = EntityKind::merge_class(ent.kind);
            node_cat.push(ent.catalog_id.as_ref().map(|c| {
                let n = cat_ix.len() as u32;
                *cat_ix.entry(c.clone()).or_insert_with(|| {
                    catalogs.push(c.clone());
                    n
                })
            }));
            if let Some(c) = &ent.catalog_id {
                keys.push(Key { node, class, which: CATALOG, key: intern(format!("id:{c}")) });
            }
            let full = std::iter::once(&ent.name)
                .chain(&ent.aliases)
                .find(|n| !is_acronym(n) && !lex.is_generic_alias(n));
            identity.push(match (&ent.catalog_id, full) {
                (Some(c), _) => Some(intern(format!("id:{c}"))),
                (None, Some(n)) => Some(intern(lex.key(n))),
                (None, None) => None,
            });
            for (w, n) in std::iter::once(&ent.name).chain(ent.aliases.iter()).enumerate() {
                if w >= VARIANT as usize {
                    break;
                }
                // One-word person names (surnames) are too weak to merge
                // across documents, and a common noun or title ("Army",
                // "Party") names no one entity.
                if (ent.kind == EntityKind::Person && !n.contains(' ')) || lex.is_generic_alias(n) {
                    continue;
                }
                // Names repeat across documents: key each spelling once.
                let key = match name_keys.get(n.as_str()) {
                    Some(&k) => k,
                    None => {
                        let k = lex.key(n);
                        let id = if k.len() < 2 { None } else { Some(intern(k)) };
                        name_keys.insert(n.clone(), id);
                        id
                    }
                };
                if let Some(key) = key {
                    let k = Key { node, class, which: w as u8, key };
                    if class == 0 && is_acronym(n) {
                        acronym_keys.push(k);
                    } else {
                        keys.push(k);
                    }
                }
                // Groups and organizations also join on acronyms across
                // documents ("ISW" in one report, the institute's full name in
                // another). Catalog entries keep them apart when they differ.
                if class == 0 && w < ACRONYM as usize {
                    if let Some(a) = acronym_key(n) {
                        acronym_keys.push(Key {
                            node,
                            class,
                            which: ACRONYM + w as u8,
                            key: intern(a),
                        });
                    }
                }
            }
        }
    }
    keys.extend(agreed_acronyms(acronym_keys, &identity));
    // Last, so that the reason of such a join is the variant's.
    let (variants, variant_reasons) = person_variants(docs, &flat, &offsets, &identity, &interned);
    keys.extend(variants);
    let keyed = Keyed { keys: &keys, variant_reasons: &variant_reasons };
    let mut cons = Constraints::default();
    let mut unapplied = Vec::new();
    let mut built = build(docs, &flat, &node_cat, &catalogs, &keyed, &cons);
    for dec in decisions {
        let (entities, _) = &built;
        let node_of = |d: usize, e: usize| offsets[d] + e;
        match dec.kind {
            ManualKind::Merge => {
                let (Some(x), Some(y)) =
                    (find_entity(entities, &dec.a), find_entity(entities, &dec.b))
                else {
                    let missing =
                        if find_entity(entities, &dec.a).is_none() { &dec.a } else { &dec.b };
                    unapplied.push((dec.clone(), format!("no entity named `{missing}`")));
                    continue;
                };
                if x == y {
                    unapplied.push((dec.clone(), "already one entity".into()));
                    continue;
                }
                let (dx, ex) = entities[x].members[0];
                let (dy, ey) = entities[y].members[0];
                let label = format!(
                    "merged by hand (decision {}): “{}” and “{}”",
                    dec.id, entities[x].name, entities[y].name
                );
                cons.joins.push((node_of(dx, ex), node_of(dy, ey), dec.id, label));
            }
            ManualKind::Split => {
                let Some(x) = find_entity(entities, &dec.a) else {
                    unapplied.push((dec.clone(), format!("no entity named `{}`", dec.a)));
                    continue;
                };
                let k = lex.key(&dec.b);
                let mut side = Vec::new();
                for &(d, e) in &entities[x].members {
                    let le = &docs[d].entities[e];
                    let uses =
                        std::iter::once(&le.name).chain(le.aliases.iter()).any(|n| lex.key(n) == k);
                    side.push((node_of(d, e), uses));
                }
                let n_on = side.iter().filter(|s| s.1).count();
                if n_on == 0 || n_on == side.len() {
                    let why = if n_on == 0 {
                        format!("no report calls {} “{}”", entities[x].name, dec.b)
                    } else {
                        format!("every report of {} uses “{}”", entities[x].name, dec.b)
                    };
                    unapplied.push((dec.clone(), why));
                    continue;
                }
                // Earlier manual joins anchored on the side split off move to the rest.
                if let Some(&(keep, _)) = side.iter().find(|s| !s.1) {
                    let off: HashSet<usize> = side.iter().filter(|s| s.1).map(|s| s.0).collect();
                    for j in &mut cons.joins {
                        if off.contains(&j.0) {
                            j.0 = keep;
                        }
                        if off.contains(&j.1) {
                            j.1 = keep;
                        }
                    }
                }
                for (node, on) in side {
                    cons.labels.entry(node).or_default().push((dec.id, on));
                }
                cons.split_names.insert(dec.id, dec.b.clone());
            }
        }
        built = build(docs, &flat, &node_cat, &catalogs, &keyed, &cons);
    }
    let (entities, local) = built;
    (entities, local, unapplied)
}

fn build(
    docs: &[Annotated],
    flat: &[(u32, u32)],
    node_cat: &[Option<u32>],
    catalogs: &[String],
    keyed: &Keyed,
    cons: &Constraints,
) -> (Vec<CorpusEntity>, Vec<Vec<usize>>) {
    let keys = keyed.keys;
    let lex: &Lexicon = &LEXICON;
    let mut sets = Sets {
        parent: (0..flat.len()).collect(),
        cat: node_cat.iter().map(|c| c.iter().copied().collect()).collect(),
        labels: cons.labels.clone(),
        ev: HashMap::new(),
    };
    // Manual joins first: they win over the catalog.
    for (a, b, _, label) in &cons.joins {
        if *a >= flat.len() || *b >= flat.len() {
            continue;
        }
        let (ra, rb) = (sets.find(*a), sets.find(*b));
        if ra != rb {
            sets.join(ra, rb, true);
            add_ev(sets.ev.entry(rb).or_default(), label, &[], true);
        }
    }
    let mut seen: HashMap<(u8, u32), usize> = HashMap::with_capacity(keys.len());
    for k in keys {
        let node = k.node as usize;
        match seen.get(&(k.class, k.key)) {
            Some(&j) => {
                let (ri, rj) = (sets.find(node), sets.find(j));
                if ri == rj {
                    continue;
                }
                let (ca, cb) = (&sets.cat[ri], &sets.cat[rj]);
                if !ca.is_empty() && !cb.is_empty() && !ca.iter().any(|x| cb.contains(x)) {
                    continue; // the catalog keeps them apart
                }
                if sets.labels_clash(ri, rj) {
                    continue; // a person split them
                }
                sets.join(ri, rj, false);
                let why = match keyed.variant_reasons.get(&k.node) {
                    Some(r) if k.which == VARIANT => r.clone(),
                    _ => reason(docs, flat, catalogs, k, node_cat[node]),
                };
                let docs_seen = [flat[node].0, flat[j].0];
                add_ev(sets.ev.entry(rj).or_default(), &why, &docs_seen, false);
            }
            None => {
                seen.insert((k.class, k.key), node);
            }
        }
    }
    let mut root_index: HashMap<usize, usize> = HashMap::new();
    let mut entities: Vec<CorpusEntity> = Vec::new();
    let mut alias_sets: Vec<HashSet<&str>> = Vec::new();
    let mut evs: Vec<Vec<Ev>> = Vec::new();
    let mut split_of: Vec<Option<i64>> = Vec::new();
    let mut local: Vec<Vec<usize>> =
        docs.iter().map(|a| vec![usize::MAX; a.entities.len()]).collect();
    for (i, &(d, e)) in flat.iter().enumerate() {
        let r = sets.find(i);
        let gi = *root_index.entry(r).or_insert_with(|| {
            entities.push(CorpusEntity {
                id: String::new(),
                kind: EntityKind::Other,
                name: String::new(),
                aliases: Vec::new(),
                catalog_id: sets.cat[r].first().map(|&c| catalogs[c as usize].clone()),
                evidence: Vec::new(),
                members: Vec::new(),
                merges: Vec::new(),
            });
            alias_sets.push(HashSet::new());
            evs.push(sets.ev.remove(&r).unwrap_or_default());
            split_of.push(
                sets.labels.get(&r).and_then(|l| l.iter().find(|(_, on)| *on).map(|(d, _)| *d)),
            );
            entities.len() - 1
        });
        let (d, e) = (d as usize, e as usize);
        local[d][e] = gi;
        let le = &docs[d].entities[e];
        let ge = &mut entities[gi];
        ge.members.push((d, e));
        for ev in &le.evidence {
            add_ev(&mut evs[gi], ev, &[d as u32], false);
        }
        for n in std::iter::once(&le.name).chain(le.aliases.iter()) {
            if alias_sets[gi].insert(n.as_str()) {
                ge.aliases.push(n.clone());
            }
        }
        if ge.kind == EntityKind::Other || (le.kind != EntityKind::Other && le.catalog_id.is_some())
        {
            ge.kind = le.kind;
        }
    }
    let mut bases: Vec<String> = Vec::with_capacity(entities.len());
    for (gi, ge) in entities.iter_mut().enumerate() {
        let forced = split_of[gi].and_then(|d| cons.split_names.get(&d));
        if let Some(d) = split_of[gi] {
            // The side split off is its own entity, outside the catalog entry.
            ge.catalog_id = None;
            add_ev(&mut evs[gi], &super::split_evidence(d), &[], true);
        }
        ge.name = match (forced, ge.catalog_id.as_ref().and_then(|c| lex.by_id(c))) {
            (Some(n), _) => ge
                .aliases
                .iter()
                .find(|a| lex.key(a) == lex.key(n))
                .cloned()
                .unwrap_or_else(|| n.clone()),
            (None, Some(en)) => en.name.clone(),
            (None, None) => ge
                .aliases
                .iter()
                .max_by_key(|a| (!lex.is_generic_alias(a), a.split_whitespace().count(), a.len()))
                .cloned()
                .unwrap_or_default(),
        };
        let name = ge.name.clone();
        ge.aliases.retain(|a| a != &name);
        // A common noun or title is no alias of an entity with a name.
        if !lex.is_generic_alias(&name) {
            ge.aliases.retain(|a| !lex.is_generic_alias(a));
        }
        let base = match &ge.catalog_id {
            Some(c) if c.contains(':') => c.clone(),
            _ => format!("{}:{}", ge.kind.as_str(), slug(&ge.name)),
        };
        bases.push(base);
        // Manual reasons first, then by how many documents show them.
        let mut list = std::mem::take(&mut evs[gi]);
        list.sort_by(|a, b| b.manual.cmp(&a.manual).then(b.count.cmp(&a.count)));
        ge.merges = list
            .into_iter()
            .map(|mut e| {
                let (examples, outlets) = outlet_examples(docs, &mut e.docs);
                MergeEvidence {
                    examples,
                    outlets,
                    documents: e.count,
                    reason: e.reason,
                    manual: e.manual,
                }
            })
            .collect();
        ge.evidence = ge.merges.iter().map(MergeEvidence::line).collect();
    }
    assign_ids(&mut entities, bases);
    (entities, local)
}
