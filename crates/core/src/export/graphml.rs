//! The entity graph as GraphML, for Gephi, yEd, Cytoscape or networkx.
//!
//! Nodes are the entities that take part in an edge, plus every group, with
//! `label`, `kind`, `aliases` and `documents` attributes. Edges are
//! directed, one per (subject, predicate, value entity) of the claims, with
//! `predicate`, `verdict` (of the claim group), `weight` (number of claims)
//! and `sources` (outlets); and one `perpetrated` edge per (perpetrator,
//! place) of the merged events, weighted by the number of events.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use super::source::Records;
use super::tables::{record_outlets, record_str};
use crate::reconcile::Reconciled;
use crate::{Annotated, EntityKind};

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

/// Writes the graph of a reconciliation in memory.
pub fn write_graphml<W: Write>(docs: &[Annotated], rec: &Reconciled, w: W) -> std::io::Result<()> {
    write_graphml_of(&super::source::InMemory::new(docs, rec), w)
}

/// Writes the graph of the records: the edges are gathered from the claims
/// and events first, then each node is written as its entity is read.
pub fn write_graphml_of<W: Write>(src: &dyn Records, mut w: W) -> std::io::Result<()> {
    let mut edges: BTreeMap<(String, String, String), Edge> = BTreeMap::new();
    src.each_claim(&mut |c| {
        let Some(v) = &c.value_entity else { return Ok(()) };
        if *v == c.subject {
            return Ok(());
        }
        let pred = record_str(&c.record, "predicate").to_string();
        let e = edges.entry((c.subject.clone(), pred, v.clone())).or_default();
        e.weight += 1;
        e.verdict = c.verdict.map(|v| v.as_str().to_string()).unwrap_or_default();
        let o = crate::reconcile::outlet_name(
            c.record.get("outlet").and_then(serde_json::Value::as_str),
            &c.doc,
        );
        if !e.sources.contains(&o) {
            e.sources.push(o);
        }
        Ok(())
    })?;
    src.each_event(&mut |ev| {
        let Some(place) = &ev.place else { return Ok(()) };
        for p in &ev.perpetrators {
            let e = edges.entry((p.clone(), "perpetrated".into(), place.clone())).or_default();
            e.weight += 1;
            for o in record_outlets(&ev.record) {
                if !e.sources.contains(&o) {
                    e.sources.push(o);
                }
            }
        }
        Ok(())
    })?;
    let mut ends: HashSet<&str> = HashSet::new();
    for (s, _, v) in edges.keys() {
        ends.insert(s);
        ends.insert(v);
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
    src.each_entity(&mut |e| {
        if e.kind != EntityKind::Group && !ends.contains(e.id.as_str()) {
            return Ok(());
        }
        writeln!(w, r#"    <node id="{}">"#, xml_escape(&e.id))?;
        writeln!(w, r#"      <data key="label">{}</data>"#, xml_escape(&e.name))?;
        writeln!(w, r#"      <data key="kind">{}</data>"#, e.kind.as_str())?;
        writeln!(w, r#"      <data key="aliases">{}</data>"#, xml_escape(&e.aliases.join("; ")))?;
        writeln!(w, r#"      <data key="documents">{}</data>"#, e.docs.len())?;
        writeln!(w, "    </node>")
    })?;
    for (n, ((s, pred, v), e)) in edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{n}" source="{}" target="{}">"#,
            xml_escape(s),
            xml_escape(v)
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
