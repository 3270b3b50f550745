//! The entity graph as GraphML, for Gephi, yEd, Cytoscape or networkx.
//!
//! Nodes are the entities that take part in an edge, plus every group, with
//! `label`, `kind`, `aliases` and `documents` attributes. Edges are
//! directed, one per (subject, predicate, value entity) of the claims, with
//! `predicate`, `verdict` (of the claim group), `weight` (number of claims)
//! and `sources` (outlets); and one `perpetrated` edge per (perpetrator,
//! place) of the merged events, weighted by the number of events.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use crate::reconcile::{outlet_of, Reconciled};
use crate::{Annotated, EntityKind, Predicate};

/// Escapes text for XML content and attribute values; drops characters
/// XML 1.0 cannot carry.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Edge {
    weight: usize,
    verdict: String,
    sources: Vec<String>,
}

/// Writes the graph.
pub fn write_graphml<W: Write>(
    docs: &[Annotated],
    rec: &Reconciled,
    mut w: W,
) -> std::io::Result<()> {
    let mut edges: BTreeMap<(usize, String, usize), Edge> = BTreeMap::new();
    let mut verdicts: HashMap<(usize, Predicate), &str> = HashMap::new();
    for f in &rec.findings {
        verdicts.insert((f.subject, f.predicate), f.verdict.as_str());
    }
    for cc in &rec.claims {
        let Some(v) = cc.value_entity else { continue };
        if v == cc.subject {
            continue;
        }
        let c = &docs[cc.doc].claims[cc.idx];
        let e = edges.entry((cc.subject, c.predicate.as_str().to_string(), v)).or_default();
        e.weight += 1;
        e.verdict = verdicts.get(&(cc.subject, c.predicate)).copied().unwrap_or_default().into();
        let o = outlet_of(&docs[cc.doc]);
        if !e.sources.contains(&o) {
            e.sources.push(o);
        }
    }
    for ev in &rec.events {
        let Some(place) = ev.place else { continue };
        for &p in &ev.perpetrators {
            let e = edges.entry((p, "perpetrated".into(), place)).or_default();
            e.weight += 1;
            for &(d, _) in &ev.reports {
                let o = outlet_of(&docs[d]);
                if !e.sources.contains(&o) {
                    e.sources.push(o);
                }
            }
        }
    }
    let mut nodes: BTreeSet<usize> = BTreeSet::new();
    for (s, _, v) in edges.keys() {
        nodes.insert(*s);
        nodes.insert(*v);
    }
    for (i, e) in rec.entities.iter().enumerate() {
        if e.kind == EntityKind::Group {
            nodes.insert(i);
        }
    }
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, on, name, ty) in [
        ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"),
        ("aliases", "node", "aliases", "string"),
        ("documents", "node", "documents", "int"),
        ("predicate", "edge", "predicate", "string"),
        ("verdict", "edge", "verdict", "string"),
        ("weight", "edge", "weight", "double"),
        ("sources", "edge", "sources", "string"),
    ] {
        writeln!(w, r#"  <key id="{id}" for="{on}" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    writeln!(w, r#"  <graph id="dossier" edgedefault="directed">"#)?;
    for &i in &nodes {
        let e = &rec.entities[i];
        let n_docs = e.members.iter().map(|m| m.0).collect::<BTreeSet<_>>().len();
        writeln!(w, r#"    <node id="{}">"#, xml_escape(&e.id))?;
        writeln!(w, r#"      <data key="label">{}</data>"#, xml_escape(&e.name))?;
        writeln!(w, r#"      <data key="kind">{}</data>"#, e.kind.as_str())?;
        writeln!(w, r#"      <data key="aliases">{}</data>"#, xml_escape(&e.aliases.join("; ")))?;
        writeln!(w, r#"      <data key="documents">{n_docs}</data>"#)?;
        writeln!(w, "    </node>")?;
    }
    for (n, ((s, pred, v), e)) in edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{n}" source="{}" target="{}">"#,
            xml_escape(&rec.entities[*s].id),
            xml_escape(&rec.entities[*v].id)
        )?;
        writeln!(w, r#"      <data key="predicate">{}</data>"#, xml_escape(pred))?;
        if !e.verdict.is_empty() {
            writeln!(w, r#"      <data key="verdict">{}</data>"#, e.verdict)?;
        }
        writeln!(w, r#"      <data key="weight">{}</data>"#, e.weight)?;
        writeln!(w, r#"      <data key="sources">{}</data>"#, xml_escape(&e.sources.join("; ")))?;
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    w.flush()
}
