#!/usr/bin/env python3
"""Writes the PDF fixtures of the PDF reader (issue 15) byte by byte.

    python3 scripts/make_pdf_fixtures.py

Good files go to testdata/pdf/, bad ones to testdata/bad/. Every PDF uses the
base-14 Helvetica fonts (no embedded font programs) and uncompressed content
streams, so a reader can see in the file what each page draws. The text was
written for dossier; the group figures are invented for the tests.
"""

import hashlib
import os
import struct
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GOOD = os.path.join(ROOT, "testdata", "pdf")
BAD = os.path.join(ROOT, "testdata", "bad")

PAGE_W, PAGE_H = 612, 792


def esc(s):
    """A PDF literal string body (WinAnsi: Latin-1 here)."""
    b = s.encode("cp1252")
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_line(font, size, x, y, s, rise=0):
    out = b"BT /" + font.encode() + b" %d Tf " % size
    if rise:
        out += b"%d Ts " % rise
    out += b"1 0 0 1 %d %d Tm (" % (x, y) + esc(s) + b") Tj ET\n"
    return out


def runs_line(x, y, runs):
    """One baseline drawn in several runs: (font, size, rise, text) each,
    continued from where the previous run ended (Tj advances the pen)."""
    out = b"BT 1 0 0 1 %d %d Tm " % (x, y)
    for font, size, rise, s in runs:
        out += b"/" + font.encode() + b" %d Tf %d Ts (" % (size, rise) + esc(s) + b") Tj "
    return out + b"ET\n"


# The standard security handler's padding (PDF 1.7, 7.6.3.3).
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes.fromhex("00112233445566778899aabbccddeeff")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def rc4_40_empty_user_password(permissions=-3904):
    """Revision 2 (RC4, 40-bit) with empty user and owner passwords, as
    tools write "no copying" PDFs that open without a password: the Encrypt
    dictionary and the file key."""
    o = rc4(hashlib.md5(PAD).digest()[:5], PAD)
    key = hashlib.md5(PAD + o + struct.pack("<i", permissions) + FILE_ID).digest()[:5]
    u = rc4(key, PAD)
    enc = "<< /Filter /Standard /V 1 /R 2 /Length 40 /P %d /O <%s> /U <%s> >>" % (
        permissions,
        o.hex(),
        u.hex(),
    )
    return enc, key


class Pdf:
    """Objects numbered from 1; `build` writes the body, xref and trailer."""

    def __init__(self):
        self.objects = []
        # With a file key, streams are encrypted with RC4 (7.6.2).
        self.key = None

    def add(self, body):
        self.objects.append(body if isinstance(body, bytes) else body.encode("latin-1"))
        return len(self.objects)

    def stream(self, data, extra=b""):
        return self.add(b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream")

    def build(self, root, info=None, encrypt=None, break_xref=False):
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, 1):
            if self.key and b"\nstream\n" in body:
                head, rest = body.split(b"\nstream\n", 1)
                data = rest[: -len(b"\nendstream")]
                obj_key = hashlib.md5(self.key + struct.pack("<i", i)[:3] + b"\0\0").digest()[:10]
                body = head + b"\nstream\n" + rc4(obj_key, data) + b"\nendstream"
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        for off in offsets:
            if break_xref:
                # Every entry points into the middle of nowhere.
                off = (off * 7 + 13) % max(1, xref)
            out += b"%010d 00000 n \n" % off
        # "startxref" misses the table too, unless only the offsets are wrong.
        trailer = b"<< /Size %d /Root %d 0 R" % (len(self.objects) + 1, root)
        if info:
            trailer += b" /Info %d 0 R" % info
        if encrypt:
            trailer += b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]" % encrypt
        trailer += b" >>"
        out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % (
            xref + 97 if break_xref == "everything" else xref
        )
        return bytes(out)


def fonts(pdf):
    f1 = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    return pdf.add("<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>" % (f1, f2))


def document(pages_content, info=None, xmp=None, encrypt=None, break_xref=False, images=None, key=None):
    """`pages_content`: one content stream (bytes) per page."""
    pdf = Pdf()
    pdf.key = key
    pages_id = pdf.add(b"")  # filled in once the kids are known
    resources = fonts(pdf)
    kids = []
    for content in pages_content:
        c = pdf.stream(content)
        res = resources if images is None else images(pdf)
        kids.append(
            pdf.add(
                "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources %d 0 R /Contents %d 0 R >>"
                % (pages_id, PAGE_W, PAGE_H, res, c)
            )
        )
    pages = pages_id
    pdf.objects[pages - 1] = (
        "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))
    ).encode("latin-1")
    catalog = "<< /Type /Catalog /Pages %d 0 R" % pages
    if xmp:
        m = pdf.stream(xmp.encode("utf-8"), b"/Type /Metadata /Subtype /XML ")
        catalog += " /Metadata %d 0 R" % m
    root = pdf.add(catalog + " >>")
    info_id = pdf.add(info) if info else None
    enc_id = pdf.add(encrypt) if encrypt else None
    return pdf.build(root, info_id, enc_id, break_xref)


def running(page_no):
    """The running header, footer and page number of the report."""
    return (
        text_line("F1", 9, 72, 750, "Lake Chad Monitoring Digest")
        + text_line("F1", 9, 430, 750, "Issue 7, March 2024")
        + text_line("F1", 9, 72, 40, "Sahel Research Desk")
        + text_line("F1", 9, 300, 40, str(page_no))
    )


def body(lines, x=72, y=680, size=11, lead=15):
    out = b""
    for i, line in enumerate(lines):
        if isinstance(line, list):
            out += runs_line(x, y - i * lead, line)
        else:
            out += text_line("F1", size, x, y - i * lead, line)
    return out


def report():
    page1 = running(1) + text_line("F2", 18, 72, 710, "ISWAP holds its ground around Lake Chad") + body(
        [
            "MAIDUGURI, 14 March 2024. Islamic State West Africa Province (ISWAP) has",
            [
                ("F1", 11, 0, "between 4,000 and 5,000 fighters"),
                ("F1", 7, 4, "1"),
                ("F1", 11, 0, " on the islands of Lake Chad, according to"),
            ],
            "a UN monitoring report released on Tuesday. The report describes a slow recon-",
            "ciliation between rival commanders after a leadership dispute last year.",
        ]
    ) + text_line("F1", 8, 72, 80, "1 The estimate leaves out auxiliaries and logistics staff.")
    left = [
        "Local officials in Monguno said the group",
        "now collects fishing levies on several",
        "islands, which gives it a steady income.",
        "Traders who refused to pay were held",
        "for days before their families paid.",
    ]
    right = [
        "Military sources said the army pushed",
        "the fighters back from the road to Baga",
        "in February. The same sources put the",
        "group's losses at about 200 fighters",
        "since the start of the year.",
    ]
    page2 = (
        running(2)
        + text_line("F2", 13, 72, 710, "Levies, losses and the road to Baga")
        + body(left, x=72, y=680, size=10, lead=14)
        + body(right, x=320, y=680, size=10, lead=14)
    )
    page3 = running(3) + body(
        [
            "Analysts in Abuja compare the group with Islamic State Khorasan Province, or ISIS-",
            "K, which a UN report put at 1,500 to 2,200 fighters in 2021. ISIS-K operates in",
            "Afghanistan and Pakistan.",
        ]
    )
    info = (
        "<< /Title (Lake Chad Monitoring Digest: ISWAP strength) /Author (Sahel Research Desk)"
        " /CreationDate (D:20240314090000+01'00') /Producer (make_pdf_fixtures.py) >>"
    )
    return document([page1, page2, page3], info=info)


def heading_only():
    """No Info, no XMP: the title is the largest line on page 1."""
    page = text_line("F1", 10, 72, 740, "Field note") + text_line(
        "F2", 16, 72, 700, "Curfew lifted in Baidoa after a quiet week"
    ) + body(
        [
            "Officials in Baidoa said on Friday that the night curfew had ended after",
            "seven days without an attack on the town.",
        ]
    )
    return document([page])


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Border crossings reopen near Mandera</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Horn Field Team</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>2023-11-02T08:30:00Z</xmp:CreateDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def xmp_only():
    page = body(
        [
            "Kenyan police said two border crossings near Mandera reopened on Wednesday",
            "after a month of closure that followed an ambush on a bus.",
        ]
    )
    return document([page], xmp=XMP)


def encrypted():
    page = body(["This text is behind a password that nobody wrote down."])
    enc = (
        "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -3904"
        " /O <9a3f61c0d2e45b7788990011aabbccddeeff00112233445566778899aabbccdd>"
        " /U <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> >>"
    )
    return document([page], encrypt=enc)


def permissions_only():
    """Encrypted, but with an empty user password: it opens without one."""
    enc, key = rc4_40_empty_user_password()
    page = text_line("F2", 15, 72, 720, "Checkpoint reopens outside Diffa") + body(
        [
            "Police in Diffa said the checkpoint on the road to the border reopened",
            "on Sunday, two weeks after gunmen burned its barrier.",
        ]
    )
    return document([page], encrypt=enc, key=key)


def scanned():
    """Two pages that only paint an 8x8 grey image: no text layer."""

    def images(pdf):
        pixels = bytes((i * 37) % 256 for i in range(64))
        im = pdf.stream(
            pixels, b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        )
        return pdf.add("<< /XObject << /Im1 %d 0 R >> >>" % im)

    draw = b"q 612 0 0 792 0 0 cm /Im1 Do Q\n"
    return document([draw, draw], images=images)


def form_loop():
    """A form XObject without resources of its own that draws itself: a
    naive reader recurses until its stack runs out."""

    def resources(pdf):
        form_id = len(pdf.objects) + 1
        content = b"BT /F1 10 Tf 1 0 0 1 10 10 Tm (Again) Tj ET /X0 Do"
        assert pdf.stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] ") == form_id
        return pdf.add("<< /Font << /F1 2 0 R >> /XObject << /X0 %d 0 R >> >>" % form_id)

    return document([b"q /X0 Do Q\n"], images=resources)


def broken_xref():
    page = body(
        [
            "Residents of Gao said the market reopened on Monday, a week after",
            "a rocket attack that killed three traders.",
        ]
    )
    return document([page], info="<< /Title (Market reopens in Gao) >>", break_xref="everything")


def wrong_offsets():
    """The table is where startxref says, but its offsets are wrong."""
    page = body(
        [
            "Fishermen in Baga said the lake road was quiet for a second week,",
            "and that checkpoints had moved closer to the shore.",
        ]
    )
    return document([page], info="<< /Title (Quiet week on the lake road) >>", break_xref="offsets")


def main():
    os.makedirs(GOOD, exist_ok=True)
    files = {
        os.path.join(GOOD, "report.pdf"): report(),
        os.path.join(GOOD, "heading.pdf"): heading_only(),
        os.path.join(GOOD, "xmp.pdf"): xmp_only(),
        os.path.join(GOOD, "broken_xref.pdf"): broken_xref(),
        os.path.join(GOOD, "wrong_offsets.pdf"): wrong_offsets(),
        os.path.join(GOOD, "permissions_only.pdf"): permissions_only(),
        os.path.join(BAD, "encrypted.pdf"): encrypted(),
        os.path.join(BAD, "scanned.pdf"): scanned(),
        os.path.join(BAD, "form_loop.pdf"): form_loop(),
    }
    for path, data in files.items():
        with open(path, "wb") as f:
            f.write(data)
        print("%6d bytes  %s" % (len(data), os.path.relpath(path, ROOT)), file=sys.stderr)


if __name__ == "__main__":
    main()
