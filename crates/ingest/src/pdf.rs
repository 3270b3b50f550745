//! PDF reports: text in reading order, page boundaries, metadata.
//!
//! Parsing and font decoding are `pdf-extract` (pure Rust, on `lopdf`): it
//! reports every glyph with its position and size, and the layout is done
//! here, page by page:
//!
//! 1. **Rows.** Glyphs are grouped by baseline (within a fifth of their
//!    size). A row of small glyphs raised above the row below it, inside that
//!    row's width, is a row of superscripts and joins it.
//! 2. **Running heads.** A full-width row among the two top and two bottom
//!    of a page that repeats (digits aside) at the same height on two pages
//!    or more, and on more than half of them, or on three, or with other
//!    digits (a chapter's head with the page number), is a running header or
//!    footer; a row there that is only a page number ("12", "Page 3 of 9",
//!    "- 4 -") goes too. This comes before the column split, which would cut
//!    a header's two halves into different columns.
//! 3. **Columns.** A vertical strip (at least 8 pt wide, centred in the
//!    middle half of the text's width) that at most a third of the rows
//!    cross is a gutter: the rows with a glyph on its middle line (a title)
//!    cut the page into bands, and each band is read left column first, then
//!    right. Each side is split again the same way, so three columns work.
//! 4. **Lines.** A row's glyphs in x order; a gap over 0.18 em is a space.
//!    A superscript digit (or `*`, `†`, `‡`) right after a glyph is a
//!    footnote marker and is dropped.
//! 5. **Joining.** A line goes on the same paragraph unless the gap above it
//!    is over 1.6 times its size, its size changes by over 15 %, or it starts
//!    another column or page after a sentence end. A line ending in a hyphen
//!    after a letter or digit joins the next without a space, and loses the
//!    hyphen when a letter precedes it and the next line starts in lower case
//!    ("recon-" "ciliation"; "ISIS-" "K" keeps it).
//!
//! Title, author and date come from the Info dictionary, else from XMP
//! (`dc:title`, `dc:creator`, `xmp:CreateDate`); without a title, the largest
//! line on page 1 when it is larger than the body text.
//!
//! Malformed files are errors, never panics: the parser runs inside
//! `catch_unwind` (it unwraps on some broken structures; the panic hook is
//! kept quiet on that thread meanwhile, so no panic message reaches the
//! user beside the error), XObjects whose `Do` calls nest too deep or loop
//! are refused before the walk (the parser would recurse without end), and a
//! broken cross-reference table is rebuilt by scanning for `N G obj`
//! headers.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use chrono::NaiveDate;
use pdf_extract::{
    Dictionary, Document as Pdf, MediaBox, Object, ObjectId, OutputDev, OutputError,
};

use crate::document::Meta;

/// What a PDF gives a document.
#[derive(Debug, Default)]
pub(crate) struct PdfText {
    pub meta: Meta,
    pub text: String,
    /// Byte offset into `text` where each page begins, one per page.
    pub pages: Vec<usize>,
}

/// True when the bytes look like a PDF (`%PDF-` within the first KiB, as
/// readers accept).
pub(crate) fn sniff(head: &[u8]) -> bool {
    head[..head.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// Reads a PDF, or says why it cannot be read.
pub(crate) fn read(bytes: &[u8]) -> Result<PdfText, String> {
    if bytes.is_empty() {
        return Err("empty file, nothing to ingest".into());
    }
    if !sniff(bytes) {
        return Err("not a PDF (no %PDF- header), skipped".into());
    }
    // Only the parser's work is guarded: a panic in the layout below is a
    // bug of ours, and the fuzzer must see it.
    let parsed = {
        let _quiet = Quiet::new();
        panic::catch_unwind(AssertUnwindSafe(|| parse(bytes)))
    };
    let (pages, meta) = parsed
        .unwrap_or_else(|_| Err("broken PDF: its structure could not be parsed, skipped".into()))?;
    layout(pages, meta)
}

thread_local! {
    /// Set while this thread parses a PDF: a panic then is the parser's,
    /// caught and reported as an error, so the panic hook stays silent.
    static PARSING: Cell<bool> = const { Cell::new(false) };
}

/// Silences the panic hook on this thread while it lives. The hook is
/// installed once, wrapping the one before it, and passes on every panic
/// outside PDF parsing.
struct Quiet(bool);

impl Quiet {
    fn new() -> Quiet {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| {
            let previous = panic::take_hook();
            panic::set_hook(Box::new(move |info| {
                if !PARSING.with(Cell::get) {
                    previous(info);
                }
            }));
        });
        Quiet(PARSING.with(|p| p.replace(true)))
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        PARSING.with(|p| p.set(self.0));
    }
}

/// The parser's part: each page's glyphs, and the metadata.
fn parse(bytes: &[u8]) -> Result<(Vec<Vec<Glyph>>, Meta), String> {
    let mut doc = load(bytes)?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted PDF: it needs a password, skipped: save a decrypted copy \
                    (for example with `qpdf --decrypt`) and ingest that"
            .into());
    }
    let page_ids: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    if page_ids.is_empty() {
        return Err("broken PDF: no pages found, skipped".into());
    }
    check_forms(&doc, &page_ids)?;
    let mut dev = Collector::default();
    let mut pages = Vec::with_capacity(page_ids.len());
    for &(num, _) in &page_ids {
        dev.glyphs.clear();
        // A page the parser cannot walk keeps what it gave before failing.
        let _ = panic::catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut dev, num)
        }));
        pages.push(std::mem::take(&mut dev.glyphs));
    }
    if pages.iter().all(|p| p.is_empty()) {
        let n = page_ids.len();
        return Err(format!(
            "no text layer: OCR it first ({n} page{} without any text), skipped",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok((pages, metadata(&doc)))
}

/// Our part: the pages' glyphs in reading order, as text with page offsets.
fn layout(pages: Vec<Vec<Glyph>>, mut meta: Meta) -> Result<PdfText, String> {
    let mut pages: Vec<Vec<Vec<Glyph>>> = pages.into_iter().map(rows).collect();
    // Running heads go first, as whole rows: a header's left and right
    // halves would otherwise fall into different columns.
    let full: Vec<Vec<Line>> =
        pages.iter().map(|rows| rows.iter().filter_map(|r| line_of(r)).collect()).collect();
    for (rows, gone) in pages.iter_mut().zip(running_heads(&full)) {
        let mut k = 0;
        rows.retain(|r| {
            let keep = line_of(r).is_none() || !gone.contains(&k);
            k += usize::from(line_of(r).is_some());
            keep
        });
    }
    let pages: Vec<Vec<Line>> = pages
        .into_iter()
        .map(|rows| {
            let mut lines = Vec::new();
            read_region(rows, 0, &mut lines);
            lines
        })
        .collect();
    if meta.title.is_none() {
        meta.title = first_heading(pages.first().map(Vec::as_slice).unwrap_or(&[]));
    }
    let (text, offsets) = assemble(&pages);
    if text.trim().is_empty() {
        return Err("no text layer: OCR it first (only page furniture, no text), skipped".into());
    }
    Ok(PdfText { meta, text, pages: offsets })
}

/// Loads the document, rebuilding a broken cross-reference table.
fn load(bytes: &[u8]) -> Result<Pdf, String> {
    let first = match Pdf::load_mem(bytes) {
        Ok(doc) if doc.is_encrypted() || !doc.get_pages().is_empty() => return Ok(doc),
        Ok(_) => "no pages found".to_string(),
        Err(e) => e.to_string(),
    };
    let rebuilt = rebuild_xref(bytes).ok_or_else(|| broken(&first))?;
    match Pdf::load_mem(&rebuilt) {
        Ok(doc) if !doc.get_pages().is_empty() => Ok(doc),
        _ => Err(broken(&first)),
    }
}

fn broken(reason: &str) -> String {
    let reason = reason.replace('\n', " ");
    format!("broken PDF: {reason}, and no pages could be recovered from its objects, skipped")
}

/// The file with a fresh cross-reference table and trailer appended, made
/// from every `N G obj` header found; `None` without a catalog.
fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut offsets: Vec<(u32, u16, usize)> = Vec::new();
    let mut root = None;
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], b" obj") {
        let end = i + p;
        i = end + 4;
        let Some((num, gen, start)) = object_header(bytes, end) else { continue };
        let body = &bytes[end..bytes.len().min(end + 512)];
        let body = &body[..find(body, b"endobj").unwrap_or(body.len())];
        if find(body, b"/Catalog").is_some() {
            root = Some((num, gen));
        }
        offsets.retain(|o| o.0 != num);
        offsets.push((num, gen, start));
    }
    let (root_num, root_gen) = root?;
    offsets.sort();
    let size = offsets.last()?.0 + 1;
    let mut out = bytes.to_vec();
    out.push(b'\n');
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    let mut next = 1;
    for &(num, gen, off) in &offsets {
        while next < num {
            out.extend_from_slice(b"0000000000 65535 f \n");
            next += 1;
        }
        out.extend_from_slice(format!("{off:010} {gen:05} n \n").as_bytes());
        next = num + 1;
    }
    let info = old_info(bytes).map(|(n, g)| format!(" /Info {n} {g} R")).unwrap_or_default();
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {root_num} {root_gen} R{info} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    Some(out)
}

/// The `/Info N G R` of the last trailer, so that a rebuilt file keeps its
/// metadata.
fn old_info(bytes: &[u8]) -> Option<(u32, u16)> {
    let at = bytes.windows(7).rposition(|w| w == b"trailer")?;
    let tail = &bytes[at..bytes.len().min(at + 1024)];
    let info = find(tail, b"/Info")? + 5;
    let text = String::from_utf8_lossy(&tail[info..tail.len().min(info + 32)]).into_owned();
    let mut parts = text.split_whitespace();
    let num = parts.next()?.parse().ok()?;
    let gen = parts.next()?.parse().ok()?;
    (parts.next()?.starts_with('R')).then_some((num, gen))
}

/// `12 0` before the ` obj` at `end`, at a line start: (number, generation, start offset).
fn object_header(bytes: &[u8], end: usize) -> Option<(u32, u16, usize)> {
    let from = end.saturating_sub(24);
    let head = &bytes[from..end];
    let line_start = head.iter().rposition(|&b| b == b'\n' || b == b'\r').map(|i| i + 1)?;
    let text = std::str::from_utf8(&head[line_start..]).ok()?;
    let mut parts = text.split(' ');
    let num = parts.next()?.parse().ok()?;
    let gen = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Some((num, gen, from + line_start))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Form XObjects may draw other forms; the parser recurses into every `Do`
/// without a limit (whatever the XObject's subtype), so the call graph of
/// the content streams is walked here first and a loop or a deep nest is
/// refused.
fn check_forms(doc: &Pdf, pages: &[(u32, ObjectId)]) -> Result<(), String> {
    const MAX_NEST: usize = 12;
    let too_deep = || {
        format!(
            "broken PDF: its form XObjects draw each other in a loop or nest over {MAX_NEST} \
             deep, skipped"
        )
    };
    /// How deep the XObjects that `content` draws nest, with `res` as its
    /// resources; `done` remembers each (XObject, resources) pair, so a
    /// shared form is walked once.
    fn visit(
        doc: &Pdf,
        content: &[u8],
        res: &Dictionary,
        path: &mut Vec<ObjectId>,
        done: &mut HashMap<(ObjectId, usize), usize>,
        too_deep: &dyn Fn() -> String,
    ) -> Result<usize, String> {
        // The parser unwraps the decoded content: undecodable content fails
        // there before it can recurse.
        let Ok(ops) = pdf_extract::content::Content::decode(content) else { return Ok(0) };
        let xobjects = deref(doc, res.get(b"XObject").ok()).and_then(|o| o.as_dict().ok());
        let mut height = 0;
        for op in ops.operations.iter().filter(|op| op.operator == "Do") {
            let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else { continue };
            let Some(obj) = xobjects.and_then(|x| x.get(name).ok()) else { continue };
            let Ok(id) = obj.as_reference() else { continue };
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { continue };
            // Without resources of its own, an XObject uses its caller's.
            let inner = deref(doc, stream.dict.get(b"Resources").ok())
                .and_then(|o| o.as_dict().ok())
                .unwrap_or(res);
            let key = (id, inner as *const Dictionary as usize);
            if path.contains(&id) {
                return Err(too_deep());
            }
            let h = match done.get(&key) {
                Some(&h) => h,
                None => {
                    let bytes =
                        stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
                    path.push(id);
                    let h = visit(doc, &bytes, inner, path, done, too_deep)? + 1;
                    path.pop();
                    done.insert(key, h);
                    h
                }
            };
            if path.len() + h > MAX_NEST {
                return Err(too_deep());
            }
            height = height.max(h);
        }
        Ok(height)
    }
    let empty = Dictionary::new();
    let mut done = HashMap::new();
    for &(_, id) in pages {
        let Ok(content) = doc.get_page_content(id) else { continue };
        let res = match doc.get_page_resources(id) {
            Ok((Some(own), _)) => own,
            Ok((None, inherited)) => {
                inherited.first().and_then(|&r| doc.get_dictionary(r).ok()).unwrap_or(&empty)
            }
            Err(_) => &empty,
        };
        visit(doc, &content, res, &mut Vec::new(), &mut done, &too_deep)?;
    }
    Ok(())
}

fn deref<'a>(doc: &'a Pdf, obj: Option<&'a Object>) -> Option<&'a Object> {
    match obj? {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// One glyph on a page, in PDF user space (y grows upwards).
#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width.
    w: f64,
    size: f64,
    text: String,
    /// Joined its row from a raised row of smaller glyphs.
    sup: bool,
}

/// Gathers the glyphs of the page being walked.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        _: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let text: String = char
            .chars()
            .map(|c| if c == '\u{a0}' { ' ' } else { c })
            .filter(|&c| !c.is_control() && c != '\u{feff}' && c != '\u{ad}')
            .collect();
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size.abs() * scale;
        let (x, y) = (trm.m31, trm.m32);
        if text.trim().is_empty() || ![x, y, size, width].iter().all(|v| v.is_finite()) {
            return Ok(());
        }
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE || size <= 0.0 {
            return Ok(());
        }
        self.glyphs.push(Glyph { x, y, w: (width * size).max(0.0), size, text, sup: false });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Bounds the layout's work on a page that draws absurd amounts of text.
const MAX_GLYPHS_PER_PAGE: usize = 200_000;

/// A line of text on a page.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    /// Baseline.
    y: f64,
    x0: f64,
    size: f64,
    text: String,
    /// The first line of a column or band read after another one.
    column_start: bool,
}

/// Glyphs grouped by baseline, top to bottom, each row sorted by x;
/// superscript rows merged into the row they sit on.
fn rows(mut glyphs: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() <= 0.2 * row[0].size.max(g.size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    // A row of small glyphs just above a row, inside its width: superscripts.
    let mut out: Vec<Vec<Glyph>> = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        if let Some(below) = rows.get(i + 1) {
            let top = max_size(row);
            let base = median_size(below);
            let rise = row[0].y - below[0].y;
            let (lo, hi) = extent(below);
            let inside = row.iter().all(|g| g.x >= lo - base && g.x <= hi + base);
            if top < 0.85 * base && rise > 0.0 && rise < 0.7 * base && inside {
                let mut merged = rows[i + 1].clone();
                merged.extend(row.iter().cloned().map(|g| Glyph { sup: true, ..g }));
                out.push(merged);
                i += 2;
                continue;
            }
        }
        out.push(rows[i].clone());
        i += 1;
    }
    for row in &mut out {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Superscripts raised too little to make a row of their own.
        let size = median_size(row);
        let base =
            row.iter().filter(|g| g.size >= 0.85 * size).map(|g| g.y).fold(f64::INFINITY, f64::min);
        for g in row.iter_mut() {
            if g.size < 0.85 * size && g.y > base + 0.1 * size {
                g.sup = true;
            }
        }
    }
    out
}

fn max_size(row: &[Glyph]) -> f64 {
    row.iter().map(|g| g.size).fold(0.0, f64::max)
}

/// The size most of a row's glyphs have (its median, superscripts aside).
fn median_size(row: &[Glyph]) -> f64 {
    let mut sizes: Vec<f64> = row.iter().filter(|g| !g.sup).map(|g| g.size).collect();
    if sizes.is_empty() {
        sizes = row.iter().map(|g| g.size).collect();
    }
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
}

fn extent(row: &[Glyph]) -> (f64, f64) {
    let lo = row.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let hi = row.iter().map(|g| g.x + g.w).fold(f64::NEG_INFINITY, f64::max);
    (lo, hi)
}

/// Reads rows (top to bottom) into lines, splitting at a column gutter.
fn read_region(rows: Vec<Vec<Glyph>>, depth: usize, out: &mut Vec<Line>) {
    let gutter = if depth < 3 { find_gutter(&rows) } else { None };
    let Some(cx) = gutter else {
        let mut first = true;
        for row in rows {
            if let Some(mut line) = line_of(&row) {
                line.column_start = first && depth > 0;
                first = false;
                out.push(line);
            }
        }
        return;
    };
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let flush = |left: &mut Vec<Vec<Glyph>>, right: &mut Vec<Vec<Glyph>>, out: &mut Vec<Line>| {
        read_region(std::mem::take(left), depth + 1, out);
        read_region(std::mem::take(right), depth + 1, out);
    };
    for row in rows {
        if row.iter().any(|g| g.x < cx && g.x + g.w > cx) {
            flush(&mut left, &mut right, out);
            if let Some(line) = line_of(&row) {
                out.push(line);
            }
            continue;
        }
        let (l, r): (Vec<Glyph>, Vec<Glyph>) = row.into_iter().partition(|g| g.x < cx);
        if !l.is_empty() {
            left.push(l);
        }
        if !r.is_empty() {
            right.push(r);
        }
    }
    flush(&mut left, &mut right, out);
}

/// A vertical strip free of glyphs in most rows: the x of its middle.
fn find_gutter(rows: &[Vec<Glyph>]) -> Option<f64> {
    const BIN: f64 = 2.0;
    if rows.len() < 4 {
        return None;
    }
    let lo = rows.iter().map(|r| extent(r).0).fold(f64::INFINITY, f64::min);
    let hi = rows.iter().map(|r| extent(r).1).fold(f64::NEG_INFINITY, f64::max);
    if !(hi - lo).is_finite() || hi - lo < 40.0 || hi - lo > 20_000.0 {
        return None;
    }
    let bins = ((hi - lo) / BIN).ceil() as usize + 1;
    let mut crossing = vec![0usize; bins];
    for row in rows {
        // Each row counts once per bin, however many of its glyphs overlap.
        let mut next = 0;
        for g in row {
            let a = ((g.x - lo) / BIN).floor().max(0.0) as usize;
            let b = (((g.x + g.w - lo) / BIN).ceil().max(0.0) as usize).min(bins - 1);
            for c in crossing.iter_mut().take(b + 1).skip(a.max(next)) {
                *c += 1;
            }
            next = next.max(b + 1);
        }
    }
    let limit = rows.len() / 3;
    let (from, to) = (lo + 0.25 * (hi - lo), lo + 0.75 * (hi - lo));
    let mut best: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < bins {
        if crossing[k] > limit {
            k += 1;
            continue;
        }
        let start = k;
        while k < bins && crossing[k] <= limit {
            k += 1;
        }
        let (a, b) = (lo + start as f64 * BIN, lo + k as f64 * BIN);
        let mid = (a + b) / 2.0;
        let inside = start > 0 && k < bins && b - a >= 8.0 && mid >= from && mid <= to;
        if inside && best.is_none_or(|(x, y)| k - start > y - x) {
            best = Some((start, k));
        }
    }
    let (start, end) = best?;
    // The middle of the strip, not its emptiest bin: that could be a word
    // gap of a title spanning both columns.
    let centre = (start + end) / 2;
    let (a, b) = (lo + centre as f64 * BIN, lo + (centre + 1) as f64 * BIN);
    // Both sides must hold text in several rows that do not cross the strip.
    let side = |f: &dyn Fn(&Glyph) -> bool| {
        rows.iter()
            .filter(|r| !r.iter().any(|g| g.x < b && g.x + g.w > a) && r.iter().any(f))
            .count()
    };
    (side(&|g| g.x + g.w <= a) >= 2 && side(&|g| g.x >= b) >= 2).then_some((a + b) / 2.0)
}

/// The text of a row: spaces at gaps, footnote markers dropped.
fn line_of(row: &[Glyph]) -> Option<Line> {
    let size = median_size(row);
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in row {
        if let Some(p) = prev {
            // The same glyph drawn twice (fake bold) is one glyph.
            if p.text == g.text && (g.x - p.x).abs() < 0.3 * p.w.max(0.1 * size) {
                continue;
            }
        }
        let gap = prev.map_or(0.0, |p| g.x - (p.x + p.w));
        let marker = g.sup
            && g.text.chars().all(|c| c.is_ascii_digit() || "*†‡".contains(c))
            && prev.is_some_and(|p| !p.sup && gap < 0.18 * size);
        if marker || (g.sup && prev.is_some_and(|p| p.sup) && text.is_empty()) {
            continue;
        }
        if prev.is_some() && gap > 0.18 * size && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(&g.text);
        prev = Some(g);
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    let base = row.iter().find(|g| !g.sup).unwrap_or(&row[0]);
    Some(Line { y: base.y, x0: row[0].x, size, text, column_start: false })
}

/// The running headers, footers and page numbers of each page: indices
/// into its lines.
fn running_heads(pages: &[Vec<Line>]) -> Vec<HashSet<usize>> {
    let n = pages.len();
    // The two top and two bottom lines of each page, by height.
    let edges: Vec<Vec<usize>> = pages
        .iter()
        .map(|lines| {
            let mut order: Vec<usize> = (0..lines.len()).collect();
            order.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
            let mut e: Vec<usize> =
                order.iter().take(2).chain(order.iter().rev().take(2)).copied().collect();
            e.sort_unstable();
            e.dedup();
            e
        })
        .collect();
    // Each edge line's text with digits masked: the pages and heights it is at.
    let mut seen: HashMap<String, Vec<(usize, &Line)>> = HashMap::new();
    for (p, idx) in edges.iter().enumerate() {
        for &i in idx {
            let line = &pages[p][i];
            seen.entry(mask_digits(&line.text)).or_default().push((p, line));
        }
    }
    let mut drop: Vec<HashSet<usize>> = vec![HashSet::new(); n];
    for (p, idx) in edges.iter().enumerate() {
        for &i in idx {
            let line = &pages[p][i];
            if is_page_number(&line.text) {
                drop[p].insert(i);
                continue;
            }
            let same: Vec<&(usize, &Line)> = seen[&mask_digits(&line.text)]
                .iter()
                .filter(|(_, other)| (other.y - line.y).abs() <= 3.0)
                .collect();
            let mut on: Vec<usize> = same.iter().map(|&&(q, _)| q).collect();
            on.dedup();
            // A head that carries the page number ("Chapter 2: Methods 14")
            // differs from page to page only in its digits.
            let numbered = same.iter().any(|(_, other)| other.text != line.text);
            if on.len() >= 2 && (on.len() * 2 > n || on.len() >= 3 || numbered) {
                drop[p].insert(i);
            }
        }
    }
    drop
}

fn mask_digits(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() }).collect()
}

/// "12", "- 12 -", "Page 3", "page 3 of 9", "3/9", "iv".
fn is_page_number(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let lower = t.to_ascii_lowercase();
    let t = lower.strip_prefix("page").map(str::trim_start).unwrap_or(&lower);
    let words: Vec<&str> =
        t.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).collect();
    let number = |w: &str| {
        (!w.is_empty() && w.len() <= 5 && w.chars().all(|c| c.is_ascii_digit()))
            || (1..=399).any(|n| roman(n) == w)
    };
    match words.as_slice() {
        [a] => number(a),
        [a, b] => number(a) && number(b),
        [a, "of", b] => number(a) && number(b),
        _ => false,
    }
}

/// `n` in lower-case Roman numerals, as front matter is numbered.
fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The largest line of page 1, when it is larger than the text around it.
fn first_heading(lines: &[Line]) -> Option<String> {
    let mut sizes: Vec<(f64, usize)> = lines.iter().map(|l| (l.size, l.text.len())).collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    // The size of the median character: the body text.
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut seen = 0;
    let body = sizes.iter().find(|s| {
        seen += s.1;
        seen * 2 >= total
    })?;
    let top = lines.iter().max_by(|a, b| a.size.total_cmp(&b.size))?;
    (top.size > 1.15 * body.0 && top.text.chars().any(char::is_alphabetic))
        .then(|| top.text.chars().take(300).collect())
}

/// Joins the pages' lines into text; the offsets where pages begin.
fn assemble(pages: &[Vec<Line>]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(pages.len());
    let mut prev: Option<&Line> = None;
    for lines in pages {
        let mut page_start = true;
        let mut start = text.len();
        for line in lines {
            if let Some(p) = prev {
                let new_flow = page_start || line.column_start || line.y > p.y;
                let size = p.size.max(line.size);
                let gap = p.y - line.y;
                let resized = (p.size - line.size).abs() > 0.15 * size;
                let sentence_end = p.text.ends_with(['.', '!', '?', ':', '"', '”', '’', ')']);
                let paragraph =
                    resized || if new_flow { sentence_end } else { gap > 1.6 * size || gap < 0.0 };
                join(&mut text, &line.text, paragraph);
            } else {
                text.push_str(&line.text);
            }
            if page_start {
                // The page begins at its first line's first byte.
                start = text.len() - line.text.len();
                page_start = false;
            }
            prev = Some(line);
        }
        offsets.push(if lines.is_empty() { text.len() } else { start });
    }
    let end = text.trim_end().len();
    text.truncate(end);
    for o in &mut offsets {
        *o = (*o).min(text.len());
    }
    (text, offsets)
}

/// Appends a line: a new paragraph, or the same one (with a space, or
/// across a hyphen).
fn join(text: &mut String, line: &str, paragraph: bool) {
    if paragraph {
        text.push_str("\n\n");
        text.push_str(line);
        return;
    }
    let mut chars = text.chars().rev();
    let before = (chars.next() == Some('-')).then(|| chars.next()).flatten();
    if let Some(before) = before.filter(|c| c.is_alphanumeric()) {
        if before.is_alphabetic() && line.chars().next().is_some_and(char::is_lowercase) {
            text.pop();
        }
    } else {
        text.push(' ');
    }
    text.push_str(line);
}

/// Title, author and date from the Info dictionary, else XMP.
fn metadata(doc: &Pdf) -> Meta {
    let mut meta = Meta::default();
    let info = deref(doc, doc.trailer.get(b"Info").ok()).and_then(|o| o.as_dict().ok());
    if let Some(info) = info {
        let field = |k: &[u8]| {
            deref(doc, info.get(k).ok())
                .and_then(|o| o.as_str().ok())
                .map(text_string)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        meta.title = field(b"Title");
        meta.author = field(b"Author");
        meta.published = field(b"CreationDate").as_deref().and_then(pdf_date);
    }
    if meta.title.is_none() || meta.author.is_none() || meta.published.is_none() {
        if let Some(xmp) = xmp(doc) {
            meta.title = meta.title.or_else(|| xmp_value(&xmp, "dc:title"));
            meta.author = meta.author.or_else(|| xmp_value(&xmp, "dc:creator"));
            meta.published = meta.published.or_else(|| {
                ["xmp:CreateDate", "dc:date"]
                    .iter()
                    .find_map(|k| xmp_value(&xmp, k).and_then(|d| crate::parse_date(&d)))
            });
        }
    }
    meta
}

/// A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one, else
/// PDFDocEncoding (read as Latin-1, which it matches for letters).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> =
            rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).filter(|c| !c.is_control()).collect()
}

/// `D:20240314090000+01'00'` (the `D:` and everything after the day optional).
fn pdf_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().strip_prefix("D:").unwrap_or(s.trim());
    let digits = s.get(..8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(n(0..4)? as i32, n(4..6)?, n(6..8)?)
}

/// The catalog's XMP packet.
fn xmp(doc: &Pdf) -> Option<String> {
    let catalog = doc.catalog().ok()?;
    let stream = deref(doc, catalog.get(b"Metadata").ok())?.as_stream().ok()?;
    let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    Some(String::from_utf8_lossy(&bytes[..bytes.len().min(1 << 20)]).into_owned())
}

/// The text of an XMP property: its first `rdf:li`, else its element text,
/// else an attribute of that name.
fn xmp_value(xmp: &str, key: &str) -> Option<String> {
    let value = if let Some(at) = xmp.find(&format!("<{key}")) {
        let rest = &xmp[at + key.len() + 1..];
        let body_start = rest.find('>')? + 1;
        let end = rest.find(&format!("</{key}>")).unwrap_or(rest.len()).max(body_start);
        let body = &rest[body_start..end];
        match body.find("<rdf:li") {
            Some(li) => {
                let li = &body[li..];
                let s = li.find('>')? + 1;
                let e = li.find("</rdf:li>").unwrap_or(li.len()).max(s);
                li[s..e].to_string()
            }
            None => body.to_string(),
        }
    } else {
        let at = xmp.find(&format!("{key}=\""))? + key.len() + 2;
        let rest = &xmp[at..];
        rest[..rest.find('"')?].to_string()
    };
    let value = value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let value = value.trim();
    (!value.is_empty() && !value.contains('<')).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(x: f64, y: f64, size: f64, s: &str) -> Vec<Glyph> {
        // Every character half an em wide; spaces leave gaps.
        let mut out = Vec::new();
        for (i, c) in s.chars().enumerate() {
            if c != ' ' {
                out.push(Glyph {
                    x: x + i as f64 * 0.5 * size,
                    y,
                    w: 0.5 * size,
                    size,
                    text: c.to_string(),
                    sup: false,
                });
            }
        }
        out
    }

    fn page_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
        let mut lines = Vec::new();
        read_region(rows(glyphs), 0, &mut lines);
        lines
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn two_columns_are_read_left_then_right_below_a_full_width_title() {
        let mut g = glyphs(72.0, 720.0, 14.0, "A title that runs across both columns");
        let left = ["left one", "left two", "left three", "left four"];
        let right = ["right one", "right two", "right three", "right four"];
        for (i, (l, r)) in left.iter().zip(right).enumerate() {
            let y = 690.0 - 14.0 * i as f64;
            g.extend(glyphs(72.0, y, 10.0, l));
            g.extend(glyphs(320.0, y, 10.0, r));
        }
        let lines = page_lines(g);
        assert_eq!(
            texts(&lines),
            [
                "A title that runs across both columns",
                "left one",
                "left two",
                "left three",
                "left four",
                "right one",
                "right two",
                "right three",
                "right four"
            ]
        );
        assert!(lines[5].column_start);
    }

    #[test]
    fn a_single_column_has_no_gutter() {
        let mut g = Vec::new();
        for i in 0..6 {
            g.extend(glyphs(
                72.0,
                700.0 - 14.0 * i as f64,
                10.0,
                "words in a plain column of text",
            ));
        }
        assert_eq!(page_lines(g).len(), 6);
    }

    #[test]
    fn superscript_digits_after_a_word_are_footnote_markers() {
        let mut g = glyphs(72.0, 700.0, 10.0, "fighters");
        g.push(Glyph { x: 112.0, y: 703.5, w: 3.5, size: 6.0, text: "1".into(), sup: false });
        g.extend(glyphs(118.0, 700.0, 10.0, "remain"));
        let lines = page_lines(g);
        assert_eq!(texts(&lines), ["fighters remain"]);
    }

    #[test]
    fn a_marker_raised_only_a_little_is_still_one() {
        let mut g = glyphs(72.0, 700.0, 10.0, "fighters");
        g.push(Glyph { x: 112.0, y: 701.5, w: 3.5, size: 6.0, text: "2".into(), sup: false });
        g.extend(glyphs(118.0, 700.0, 10.0, "remain"));
        assert_eq!(texts(&page_lines(g)), ["fighters remain"]);
        // Small glyphs on the baseline are no superscript.
        let mut g = glyphs(72.0, 700.0, 10.0, "about");
        g.extend(glyphs(100.0, 700.0, 6.0, "12"));
        assert_eq!(texts(&page_lines(g)), ["about 12"]);
    }

    #[test]
    fn hyphens_at_line_ends() {
        let mut t = String::from("a slow recon-");
        join(&mut t, "ciliation began", false);
        assert_eq!(t, "a slow reconciliation began");
        let mut t = String::from("known as ISIS-");
        join(&mut t, "K in the east", false);
        assert_eq!(t, "known as ISIS-K in the east");
        let mut t = String::from("figures –");
        join(&mut t, "rough", false);
        assert_eq!(t, "figures – rough");
        let mut t = String::from("in 2020-");
        join(&mut t, "21", false);
        assert_eq!(t, "in 2020-21");
    }

    #[test]
    fn page_numbers() {
        for s in ["12", "- 12 -", "Page 3", "page 3 of 9", "3/9", "iv"] {
            assert!(is_page_number(s), "{s}");
        }
        assert!(is_page_number("XIV") && is_page_number("page xl"));
        for s in ["1 The estimate", "2021 in review", "Chapter 3", "Civil", "x.", "vix"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn running_heads_repeat_at_one_height() {
        let line = |y: f64, text: &str| Line {
            y,
            x0: 72.0,
            size: 10.0,
            text: text.into(),
            column_start: false,
        };
        let body = ["Gunmen fired on a convoy.", "Two guards were hurt.", "Police gave chase."];
        let page = |n: usize| {
            let mut lines = vec![line(750.0, "Monitoring Digest, Issue 7")];
            for (i, b) in body.iter().cycle().skip(n).take(3).enumerate() {
                lines.push(line(700.0 - 14.0 * i as f64, b));
            }
            lines.push(line(40.0, &format!("- {n} -")));
            lines
        };
        let gone = running_heads(&[page(1), page(2), page(3)]);
        let expected: HashSet<usize> = [0, 4].into();
        assert_eq!(gone, vec![expected.clone(), expected.clone(), expected.clone()]);
        // On two pages of five, a repeated line is no running head; a page
        // number still is.
        let five = [page(1), page(2), vec![], vec![], vec![]];
        assert_eq!(running_heads(&five)[0], [4].into());
        // A chapter's head on three pages of ten is one, and on two pages
        // when it carries the page number.
        let ten: Vec<Vec<Line>> = (1..=10).map(|n| if n <= 3 { page(n) } else { vec![] }).collect();
        assert_eq!(running_heads(&ten)[2], expected);
        let mut two = vec![page(1), page(2)];
        two.extend((0..8).map(|_| vec![]));
        assert_eq!(running_heads(&two)[1], [4].into());
        for (n, p) in two.iter_mut().take(2).enumerate() {
            p[0].text = format!("Chapter 2: Methods {}", n + 3);
        }
        assert_eq!(running_heads(&two)[1], expected);
    }

    #[test]
    fn pdf_dates_and_text_strings() {
        assert_eq!(pdf_date("D:20240314090000+01'00'"), NaiveDate::from_ymd_opt(2024, 3, 14));
        assert_eq!(pdf_date("20231102"), NaiveDate::from_ymd_opt(2023, 11, 2));
        assert_eq!(pdf_date("D:2024"), None);
        assert_eq!(text_string(b"\xfe\xff\x00H\x00i"), "Hi");
        assert_eq!(text_string(b"Caf\xe9"), "Café");
    }

    #[test]
    fn xmp_values() {
        let x = r#"<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A &amp; B</rdf:li></rdf:Alt></dc:title>
                   <rdf:Description xmp:CreateDate="2023-11-02T08:30:00Z"/>"#;
        assert_eq!(xmp_value(x, "dc:title").as_deref(), Some("A & B"));
        assert_eq!(xmp_value(x, "xmp:CreateDate").as_deref(), Some("2023-11-02T08:30:00Z"));
        assert_eq!(xmp_value(x, "dc:creator"), None);
    }
}
