//! robots.txt (RFC 9309): the rules of the group for our user agent, else
//! of the `*` group; the longest matching rule wins, `Allow` on a tie.

/// The rules that apply to one user agent on one host.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Robots {
    /// (allow, path pattern), patterns with `*` and a final `$`.
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx for it).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Everything disallowed (robots.txt unreachable: RFC 9309 says to
    /// assume the worst until it can be read).
    pub fn disallow_all() -> Robots {
        Robots { rules: vec![(false, "/".into())] }
    }

    /// Parses robots.txt for the user agent whose product token is `agent`
    /// (matched case-insensitively, as a prefix of the group's name).
    ///
    /// ```
    /// use dossier_watch::Robots;
    /// let r = Robots::parse("User-agent: *\nDisallow: /private/\nAllow: /private/ok", "dossier");
    /// assert!(!r.allows("/private/notes"));
    /// assert!(r.allows("/private/ok.html"));
    /// assert!(r.allows("/news/1"));
    /// ```
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut ours: Vec<(bool, String)> = Vec::new();
        let mut star: Vec<(bool, String)> = Vec::new();
        let (mut found_ours, mut found_star) = (false, false);
        // The agents of the group being read, and whether its rules started.
        let mut group: Vec<String> = Vec::new();
        let mut in_rules = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else { continue };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        group.clear();
                        in_rules = false;
                    }
                    group.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    let is_ours = group.iter().any(|g| g != "*" && agent.starts_with(g.as_str()));
                    let is_star = group.iter().any(|g| g == "*");
                    found_ours |= is_ours;
                    found_star |= is_star;
                    if value.is_empty() {
                        // `Disallow:` with no path allows everything.
                        continue;
                    }
                    let rule = (key == "allow", value.to_string());
                    if is_ours {
                        ours.push(rule);
                    } else if is_star {
                        star.push(rule);
                    }
                }
                _ => {}
            }
        }
        let rules = if found_ours {
            ours
        } else if found_star {
            star
        } else {
            Vec::new()
        };
        Robots { rules }
    }

    /// Whether the path (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                let better = match best {
                    None => true,
                    Some((l, a)) => len > l || (len == l && *allow && !a),
                };
                if better {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// A robots.txt path pattern: a prefix, `*` for any run of characters, a
/// final `$` anchoring the end.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let Some(first) = parts.first() else { return true };
    let Some(mut rest) = path.strip_prefix(first) else { return false };
    let n = parts.len();
    for (i, part) in parts.iter().enumerate().skip(1) {
        if i == n - 1 && anchored {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_group_beats_the_star_group() {
        let text = "User-agent: *\nDisallow: /\n\nUser-agent: Dossier\nDisallow: /drafts\n";
        let r = Robots::parse(text, "dossier");
        assert!(r.allows("/news/1"));
        assert!(!r.allows("/drafts/2"));
        let other = Robots::parse(text, "otherbot");
        assert!(!other.allows("/news/1"));
    }

    #[test]
    fn agents_listed_together_share_rules_and_empty_disallow_allows() {
        let text = "User-agent: a\nUser-agent: dossier\nDisallow: /x\n\nUser-agent: *\nDisallow:\n";
        let r = Robots::parse(text, "dossier");
        assert!(!r.allows("/x/y"));
        assert!(Robots::parse(text, "zed").allows("/x/y"));
    }

    #[test]
    fn wildcards_and_anchors() {
        let r = Robots::parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /a*/print\n", "d");
        assert!(!r.allows("/files/report.pdf"));
        assert!(r.allows("/files/report.pdf?x=1"));
        assert!(!r.allows("/archive/2023/print"));
        assert!(r.allows("/archive/2023"));
        assert!(Robots::allow_all().allows("/"));
        assert!(!Robots::disallow_all().allows("/anything"));
    }
}
