//! A polite blocking HTTP client: a User-Agent naming dossier, robots.txt
//! honoured per host, one request at a time with a pause between requests
//! to one host, timeouts, a size cap, and redirects followed by hand so that
//! each hop is checked against robots.txt and a loop is named.

use std::collections::HashMap;
use std::thread;
use std::time::{Duration, Instant};

use crate::robots::Robots;

/// How the client behaves.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// The `User-Agent` header.
    pub user_agent: String,
    /// The product token robots.txt groups are matched against.
    pub robots_token: String,
    /// The most a whole request (connect, send, receive) may take.
    pub timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// The least time between two requests to one host.
    pub host_delay: Duration,
    /// How long a host's robots.txt is trusted before it is read again.
    pub robots_ttl: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            user_agent: format!(
                "dossier/{} (feed watcher; +https://github.com/dossier/dossier)",
                env!("CARGO_PKG_VERSION")
            ),
            robots_token: "dossier".into(),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            host_delay: Duration::from_secs(1),
            robots_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// A response: its status, final URL, validators and body.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The HTTP status.
    pub status: u16,
    /// The URL answered, after redirects.
    pub url: String,
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
    /// `Content-Type`, lowercase.
    pub content_type: Option<String>,
    /// `Location`, of a redirect.
    pub location: Option<String>,
    /// The body (empty for 304 and redirects).
    pub body: Vec<u8>,
}

impl Fetched {
    /// The `charset` parameter of the content type.
    pub fn charset(&self) -> Option<&str> {
        self.content_type
            .as_deref()?
            .split(';')
            .find_map(|p| p.trim().strip_prefix("charset="))
            .map(|c| c.trim_matches(['"', '\'']))
    }
}

/// Validators of a copy already seen, for a conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// The polite client.
pub struct Client {
    agent: ureq::Agent,
    options: ClientOptions,
    robots: HashMap<String, (Robots, Instant, Duration)>,
    last_request: HashMap<String, Instant>,
}

impl Client {
    /// A client with these options.
    pub fn new(options: ClientOptions) -> Client {
        let config = ureq::Agent::config_builder()
            .user_agent(options.user_agent.as_str())
            .timeout_global(Some(options.timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .build();
        Client {
            agent: config.into(),
            options,
            robots: HashMap::new(),
            last_request: HashMap::new(),
        }
    }

    /// GETs `url`, following redirects; the body is capped at `limit`
    /// bytes. Any status is returned; an error says why nothing came back
    /// (disallowed by robots.txt, a redirect loop, a timeout, ...).
    pub fn get(
        &mut self,
        url: &str,
        validators: &Validators,
        limit: u64,
    ) -> Result<Fetched, String> {
        self.follow(url, validators, limit, false)
    }

    /// `get`, with the robots.txt check left out for robots.txt itself
    /// (and the hops of its redirects, which RFC 9309 says to follow).
    fn follow(
        &mut self,
        url: &str,
        validators: &Validators,
        limit: u64,
        for_robots: bool,
    ) -> Result<Fetched, String> {
        let mut chain = vec![url.to_string()];
        loop {
            let current = chain.last().cloned().unwrap_or_default();
            let (origin, path) = split_url(&current)
                .ok_or_else(|| format!("{current} is not an http:// or https:// URL"))?;
            if !for_robots && !self.robots_for(&origin)?.allows(&path) {
                return Err(format!("disallowed by {origin}/robots.txt, not fetched"));
            }
            let first = chain.len() == 1;
            let fetched = self.request(&origin, &current, first.then_some(validators), limit)?;
            if !matches!(fetched.status, 301 | 302 | 303 | 307 | 308) {
                return Ok(fetched);
            }
            let Some(location) = fetched.location else {
                return Err(format!("redirect ({}) without a Location", fetched.status));
            };
            let next = join_url(&current, &location)
                .ok_or_else(|| format!("redirect to {location:?}, which is not http(s)"))?;
            if chain.contains(&next) {
                chain.push(next);
                return Err(format!("redirect loop: {}", chain.join(" -> ")));
            }
            chain.push(next);
            if chain.len() > self.options.max_redirects + 1 {
                return Err(format!(
                    "more than {} redirects: {}",
                    self.options.max_redirects,
                    chain.join(" -> ")
                ));
            }
        }
    }

    /// One request, after the pause its host is owed.
    fn request(
        &mut self,
        origin: &str,
        url: &str,
        validators: Option<&Validators>,
        limit: u64,
    ) -> Result<Fetched, String> {
        if let Some(last) = self.last_request.get(origin) {
            let due = *last + self.options.host_delay;
            let now = Instant::now();
            if due > now {
                thread::sleep(due - now);
            }
        }
        let mut req = self.agent.get(url);
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header("If-None-Match", e.as_str());
            }
            if let Some(m) = &v.last_modified {
                req = req.header("If-Modified-Since", m.as_str());
            }
        }
        let result = req.call();
        self.last_request.insert(origin.to_string(), Instant::now());
        let mut resp = result.map_err(|e| reason(&e))?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_string())
        };
        let redirect = (300..400).contains(&status) && status != 304;
        let etag = header("etag");
        let location = header("location");
        let last_modified = header("last-modified");
        let content_type = header("content-type").map(|c| c.to_ascii_lowercase());
        let body = if status == 304 || redirect {
            Vec::new()
        } else {
            resp.body_mut().with_config().limit(limit).read_to_vec().map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => {
                    format!("over the {} KiB limit", limit >> 10)
                }
                e => reason(&e),
            })?
        };
        Ok(Fetched {
            status,
            url: url.to_string(),
            etag,
            last_modified,
            content_type,
            location,
            body,
        })
    }

    /// The host's robots.txt rules, fetched once and kept for the TTL: a
    /// 4xx means no rules, a 5xx means keep away (for a minute); a host that
    /// does not answer is an error, not cached.
    fn robots_for(&mut self, origin: &str) -> Result<Robots, String> {
        if let Some((r, at, ttl)) = self.robots.get(origin) {
            if at.elapsed() < *ttl {
                return Ok(r.clone());
            }
        }
        let url = format!("{origin}/robots.txt");
        let (robots, ttl) = match self.follow(&url, &Validators::default(), 512 << 10, true) {
            Ok(f) if (200..300).contains(&f.status) => {
                let text = String::from_utf8_lossy(&f.body);
                (Robots::parse(&text, &self.options.robots_token), self.options.robots_ttl)
            }
            Ok(f) if (400..500).contains(&f.status) => {
                (Robots::allow_all(), self.options.robots_ttl)
            }
            Ok(_) => (Robots::disallow_all(), Duration::from_secs(60)),
            Err(reason) => return Err(reason),
        };
        self.robots.insert(origin.to_string(), (robots.clone(), Instant::now(), ttl));
        Ok(robots)
    }
}

/// A transport error in a few words.
fn reason(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            _ => format!("network error: {io}"),
        },
        e => e.to_string(),
    }
}

/// `("https://host:port", "/path?query")`, the fragment dropped; `None`
/// for anything but an http(s) URL with a host.
pub(crate) fn split_url(url: &str) -> Option<(String, String)> {
    let url = url.split('#').next()?;
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host = &rest[..end];
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let path = &rest[end..];
    let path = if path.starts_with('?') { format!("/{path}") } else { path.to_string() };
    let path = if path.is_empty() { "/".to_string() } else { path };
    Some((format!("{scheme}://{}", host.to_ascii_lowercase()), path))
}

/// `link` made absolute against `base`, as a browser would for the common
/// forms (absolute, scheme-relative, root-relative, query and relative
/// paths); `None` when the result is not http(s).
///
/// ```
/// use dossier_watch::join_url;
/// let base = "https://news.example/world/feed.xml";
/// assert_eq!(join_url(base, "story-1").as_deref(), Some("https://news.example/world/story-1"));
/// assert_eq!(join_url(base, "/a#top").as_deref(), Some("https://news.example/a"));
/// assert_eq!(join_url(base, "//cdn.example/b").as_deref(), Some("https://cdn.example/b"));
/// assert_eq!(join_url(base, "mailto:desk@news.example"), None);
/// ```
pub fn join_url(base: &str, link: &str) -> Option<String> {
    let link = link.trim();
    let link = link.split('#').next().unwrap_or_default();
    if link.contains("://") && split_url(link).is_some() {
        let (origin, path) = split_url(link)?;
        return Some(format!("{origin}{path}"));
    }
    if link.contains(':') && !link.starts_with('/') && !link.starts_with('?') {
        let before = link.split(':').next().unwrap_or_default();
        if !before.contains('/') {
            // Another scheme (mailto:, javascript:, ...).
            return None;
        }
    }
    let (origin, path) = split_url(base)?;
    if let Some(rest) = link.strip_prefix("//") {
        let scheme = origin.split("://").next()?;
        return join_url(base, &format!("{scheme}://{rest}"));
    }
    if link.starts_with('/') {
        return Some(format!("{origin}{link}"));
    }
    let path_only = path.split('?').next().unwrap_or("/");
    if link.starts_with('?') {
        return Some(format!("{origin}{path_only}{link}"));
    }
    if link.is_empty() {
        return Some(format!("{origin}{path}"));
    }
    let dir = &path_only[..path_only.rfind('/').map_or(0, |i| i + 1)];
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let (link_path, query) = match link.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (link, None),
    };
    let segments: Vec<&str> = link_path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s if s.is_empty() && i + 1 < segments.len() => {}
            s => parts.push(s),
        }
    }
    let mut out = format!("{origin}/{}", parts.join("/"));
    if link_path.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_origin_and_path() {
        assert_eq!(
            split_url("HTTPS://News.Example:8443?x=1#f"),
            Some(("https://news.example:8443".into(), "/?x=1".into()))
        );
        assert_eq!(split_url("ftp://x/y"), None);
        assert_eq!(split_url("http:///nohost"), None);
    }

    #[test]
    fn relative_links_resolve() {
        let base = "http://h.example/a/b/feed?x=1";
        assert_eq!(join_url(base, "../c").as_deref(), Some("http://h.example/a/c"));
        assert_eq!(join_url(base, "./d/").as_deref(), Some("http://h.example/a/b/d/"));
        assert_eq!(join_url(base, "?p=2").as_deref(), Some("http://h.example/a/b/feed?p=2"));
        assert_eq!(join_url(base, "javascript:void(0)"), None);
    }
}
