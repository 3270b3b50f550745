//! Inputs for the fuzzer: a seeded random source and stacked mutations of
//! seed files, in the manner of AFL's havoc stage.

/// xorshift64*: fast, seedable, and the same sequence on every machine, so a
/// run is repeatable from its `--seed`.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Zero is xorshift's one fixed point.
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Byte sequences that are rare in random data but steer the readers and
/// recognizers into their deeper branches.
const TOKENS: &[&str] = &[
    // Line structure and the normalizer.
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\0",
    "\u{feff}",
    "\t",
    " ",
    "\u{a0}",
    "\u{2028}",
    "\u{200b}",
    // Text and Markdown headers.
    "Title: ",
    "Published: ",
    "Source: ",
    "URL: ",
    "Date: ",
    "---\n",
    "# ",
    "## ",
    "=====\n",
    "2021-08-26",
    "26 August 2021",
    "Aug. 26, 2021",
    "08/26/2021",
    "1970-01-01",
    "9999-12-31",
    // HTML.
    "<!DOCTYPE html>",
    "<html>",
    "<head>",
    "<body>",
    "<article>",
    "</article>",
    "<main>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<div class=\"nav\">",
    "<span>",
    "<b>",
    "<br>",
    "<br/>",
    "<nav>",
    "<script>",
    "</script>",
    "<style>",
    "<svg>",
    "<g/>",
    "</svg>",
    "<math>",
    "<table><tr><td>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml ?>",
    "<title>",
    "</title>",
    "<time datetime=\"",
    "<meta property=\"og:title\" content=\"",
    "<meta charset=\"windows-1252\">",
    "<meta name=\"date\" content=\"",
    "<script type=\"application/ld+json\">",
    "{\"@type\":\"NewsArticle\",\"headline\":\"",
    "\"articleBody\":\"",
    "\"datePublished\":\"",
    "itemprop=\"articleBody\"",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "&#0;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "=",
    // JSON Lines.
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "{\"text\":\"",
    "\"}",
    "\"title\":",
    "\"body\":",
    "\"source\":",
    "\"published\":",
    "\"url\":",
    "null",
    "true",
    "1e999",
    "-0",
    "\\u0000",
    "\\ud800",
    "\\n",
    "\\\"",
    // News text for the recognizers.
    "Islamic State",
    "ISIS-K",
    "al-Shabaab",
    "Boko Haram",
    "the group",
    "The group",
    "Tehrik-i-Taliban Pakistan",
    "Kabul",
    "Mogadishu",
    "Maiduguri",
    "Nangarhār",
    "said",
    "told",
    "according to",
    "officials said",
    " claimed responsibility for ",
    "denied",
    "killed",
    "wounded",
    "at least",
    "more than",
    "about",
    "between",
    " and ",
    "to",
    "fighters",
    "members",
    "was founded in",
    "is led by",
    "leader",
    "attack",
    "bombing",
    "suicide bomber",
    "ambush",
    "kidnapped",
    "on Monday",
    "last week",
    "in 2015",
    "since 2014",
    "late 2019",
    "yesterday",
    "3 p.m.",
    "1,500",
    "2,000",
    "1.5 million",
    "$2bn",
    "75%",
    "a third",
    "dozens",
    "U.S.",
    "Dr.",
    "Gen.",
    "e.g.",
    "No. 5",
    "…",
    "“",
    "”",
    "’",
    "—",
    "–",
    "é",
    "日本",
    "🙂",
    ". ",
    "? ",
    "! ",
    "(",
    ")",
];

/// Bytes that break UTF-8 in each of its ways.
const BAD_UTF8: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xc0\xaf",
    b"\x80",
    b"\xef\xbb",
];

/// One input: a seed (a random window of it when it is long) or random
/// bytes, then 1 to 16 stacked mutations, at most `max_len` bytes.
pub fn input(rng: &mut Rng, seeds: &[Vec<u8>], max_len: usize) -> Vec<u8> {
    let mut data = if seeds.is_empty() || rng.chance(16) {
        let len = rng.below(max_len.min(256) + 1);
        (0..len).map(|_| rng.next() as u8).collect()
    } else {
        let seed = rng.pick(seeds);
        window(rng, seed, max_len)
    };
    let rounds = 1 << rng.below(5);
    for _ in 0..rounds {
        mutate(rng, &mut data, seeds, max_len);
    }
    data.truncate(max_len);
    data
}

/// A piece of `seed` at most `max_len` long; from its start half the time,
/// since headers and doctypes live there.
fn window(rng: &mut Rng, seed: &[u8], max_len: usize) -> Vec<u8> {
    if seed.len() <= max_len {
        return seed.to_vec();
    }
    let start = if rng.chance(2) { 0 } else { rng.below(seed.len() - max_len + 1) };
    seed[start..start + max_len].to_vec()
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, seeds: &[Vec<u8>], max_len: usize) {
    let at = |rng: &mut Rng, data: &Vec<u8>| rng.below(data.len() + 1);
    match rng.below(12) {
        0 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] ^= 1 << rng.below(8);
        }
        1 if !data.is_empty() => {
            let i = rng.below(data.len());
            data[i] = rng.next() as u8;
        }
        2 => {
            let i = at(rng, data);
            data.insert(i, rng.next() as u8);
        }
        3 if !data.is_empty() => {
            let i = rng.below(data.len());
            let n = 1 + rng.below(16.min(data.len() - i));
            data.drain(i..i + n);
        }
        4 | 5 => {
            let i = at(rng, data);
            let t = rng.pick(TOKENS).as_bytes();
            data.splice(i..i, t.iter().copied());
        }
        6 if !data.is_empty() => {
            let i = rng.below(data.len());
            let t = rng.pick(TOKENS).as_bytes();
            let end = (i + t.len()).min(data.len());
            data.splice(i..end, t.iter().copied());
        }
        7 if !data.is_empty() => {
            // Duplicate a chunk elsewhere.
            let i = rng.below(data.len());
            let n = 1 + rng.below(64.min(data.len() - i));
            let chunk = data[i..i + n].to_vec();
            let j = at(rng, data);
            data.splice(j..j, chunk);
        }
        8 if !seeds.is_empty() => {
            // Splice: keep a head, append a piece of another seed.
            let i = at(rng, data);
            data.truncate(i);
            let seed = rng.pick(seeds);
            let other = window(rng, seed, max_len.saturating_sub(i));
            data.extend_from_slice(&other);
        }
        9 => {
            // A token many times over: deep nesting, long runs.
            let i = at(rng, data);
            let t = rng.pick(TOKENS).as_bytes();
            let n = 1 + rng.below(max_len / t.len().max(1) + 1);
            let run: Vec<u8> = t.iter().copied().cycle().take(t.len() * n).collect();
            data.splice(i..i, run);
        }
        10 if !data.is_empty() => {
            let i = rng.below(data.len());
            data.truncate(i);
        }
        _ => {
            let i = at(rng, data);
            let b = rng.pick(BAD_UTF8);
            data.splice(i..i, b.iter().copied());
        }
    }
    if data.len() > max_len * 2 {
        data.truncate(max_len * 2);
    }
}

/// One to three JSON Lines articles whose field values are pieces of
/// `data`, so that mutated text reaches the JSON Lines reader's field
/// handling and not only its JSON syntax errors.
pub fn json_lines(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    const FIELDS: &[&str] = &["text", "body", "title", "source", "url", "published", "date"];
    let text = String::from_utf8_lossy(data);
    let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    let mut out = String::new();
    for _ in 0..1 + rng.below(3) {
        out.push('{');
        for f in 0..1 + rng.below(4) {
            let a = *rng.pick(&cuts);
            let b = *rng.pick(&cuts);
            let value = &text[a.min(b)..a.max(b)];
            let name = if f == 0 { FIELDS[rng.below(2)] } else { rng.pick(FIELDS) };
            if f > 0 {
                out.push(',');
            }
            out.push_str(&format!("\"{name}\":\""));
            for c in value.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        out.push_str("}\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_stay_within_the_limit_and_repeat_with_the_seed() {
        let seeds = vec![b"Title: A\n\nB.".to_vec(), vec![b'x'; 5000]];
        let run = |seed| {
            let mut rng = Rng::new(seed);
            (0..500).map(|_| input(&mut rng, &seeds, 300)).collect::<Vec<_>>()
        };
        let a = run(7);
        assert!(a.iter().all(|i| i.len() <= 300));
        assert_eq!(a, run(7));
        assert_ne!(a, run(8));
    }
}
