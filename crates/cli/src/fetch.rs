//! Downloading the input of a URL job.

use std::time::Duration;

use dossier_ingest::{Format, MAX_FILE_BYTES};

/// Downloads `url` (at most [`MAX_FILE_BYTES`], within 60 s) and tells its
/// format from the URL's extension, else its `Content-Type`, else its first
/// bytes. The error says why, without the URL (the caller names it).
pub fn fetch(url: &str) -> Result<(Vec<u8>, Format), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut resp = agent.get(url).call().map_err(|e| format!("cannot download: {e}"))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(format!("cannot download: the server answered {status}"));
    }
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(MAX_FILE_BYTES)
        .read_to_vec()
        .map_err(|e| format!("cannot download: {e}"))?;
    Ok((bytes.clone(), format_of(url, &content_type, &bytes)))
}

fn format_of(url: &str, content_type: &str, bytes: &[u8]) -> Format {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or("");
    if let Some(f) = last.rsplit_once('.').and_then(|(_, ext)| Format::from_extension(ext)) {
        return f;
    }
    let mime = content_type.split(';').next().unwrap_or("").trim();
    match mime {
        "text/html" | "application/xhtml+xml" => Format::Html,
        "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" => Format::Jsonl,
        "text/markdown" => Format::Markdown,
        "text/plain" => Format::Text,
        _ => Format::sniff(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// Serves one canned answer per connection on a loopback port.
    fn serve(answers: Vec<String>) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for answer in answers {
                let (mut s, _) = listener.accept().unwrap();
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                let _ = s.write_all(answer.as_bytes());
            }
        });
        format!("http://{addr}")
    }

    fn answer(status: &str, ctype: &str, body: &str) -> String {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    #[test]
    fn a_page_is_downloaded_with_its_format() {
        let base = serve(vec![
            answer("200 OK", "text/html; charset=utf-8", "<html><p>Gunmen attacked.</p></html>"),
            answer("404 Not Found", "text/plain", "gone"),
        ]);
        let (bytes, format) = fetch(&format!("{base}/news/story")).unwrap();
        assert_eq!(format, Format::Html);
        assert!(String::from_utf8(bytes).unwrap().contains("Gunmen attacked."));
        let e = fetch(&format!("{base}/missing")).unwrap_err();
        assert!(e.contains("404"), "{e}");
    }

    #[test]
    fn the_extension_wins_over_the_content_type() {
        assert_eq!(format_of("http://x/a.jsonl?x=1", "text/plain", b""), Format::Jsonl);
        assert_eq!(format_of("http://x/a", "text/markdown", b""), Format::Markdown);
        assert_eq!(format_of("http://x/a", "", b"<!doctype html>"), Format::Html);
    }
}
