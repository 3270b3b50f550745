"""Writes the bundled example articles as a CC-NEWS-style web archive, to try
`dossier ingest FILE.warc.gz` on (written for dossier; MIT OR Apache-2.0).

    python3 scripts/examples_warc.py /tmp/examples.warc.gz

Each .txt and .md article becomes an HTML page (title, outlet and date from its
header lines, paragraphs from its blank-line-separated blocks); each page is a
`request` record and a `response` record, after one `warcinfo` record, every
record its own gzip member. The .html article goes in as it is. Standard library
only.
"""

import gzip
import html
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATE = "2024-03-01T06:00:00Z"


def record(kind, uri, block, date=DATE):
    head = (
        f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Date: {date}\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6)


def page(text):
    head, _, body = text.partition("\n\n")
    meta = dict(
        line.split(": ", 1) for line in head.splitlines() if ": " in line
    )
    paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith("# ")]
    title = html.escape(meta.get("Title", "Untitled"))
    return meta.get("URL"), (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>"
        f"<meta property=\"og:site_name\" content=\"{html.escape(meta.get('Source', ''))}\">"
        f"<meta property=\"article:published_time\" content=\"{meta.get('Published', '')}\">"
        f"</head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + "</article></body></html>"
    )


def main(out):
    members = [record("warcinfo", "", b"software: dossier scripts/examples_warc.py\r\n")]
    for i, path in enumerate(sorted((ROOT / "examples/articles").iterdir())):
        if path.suffix in (".txt", ".md"):
            url, body = page(path.read_text(encoding="utf-8"))
        elif path.suffix == ".html":
            url, body = None, path.read_text(encoding="utf-8")
        else:
            continue
        url = url or f"https://example.org/article/{i}"
        host = url.split("/")[2]
        request = f"GET /{url.split('/', 3)[3]} HTTP/1.1\r\nHost: {host}\r\n\r\n"
        members.append(record("request", url, request.encode()))
        data = body.encode("utf-8")
        response = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(data)}\r\n\r\n"
        ).encode() + data
        members.append(record("response", url, response))
    pathlib.Path(out).write_bytes(b"".join(members))
    print(f"wrote {len(members)} records to {out}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: examples_warc.py OUT.warc.gz")
    main(sys.argv[1])
