#!/usr/bin/env python3
"""Validate dossier's data files (formats described in data/README.md).

Checks: column counts, unique ids/codes, no empty names, well-formed codes,
every referenced group id exists, no alias shared by two groups (unless their countries differ)
(compared by the loader's normalized key: case, punctuation and
transliteration variants folded; also against other groups' names), no tabs/pipes problems.
Exit status 1 on any error.  Usage: python3 scripts/check_data.py
"""
import os
import re
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
errors = []


def err(msg):
    errors.append(msg)


def rows(rel, ncols):
    path = os.path.join(ROOT, rel)
    out = []
    with open(path, encoding="utf-8") as f:
        first = f.readline()
        if not first.startswith("#"):
            err(f"{rel}: must start with comment lines")
        f.seek(0)
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                err(f"{rel}:{n}: blank line")
                continue
            cols = line.split("\t")
            if len(cols) != ncols:
                err(f"{rel}:{n}: {len(cols)} columns, expected {ncols}: {line[:80]!r}")
                continue
            for c in cols:
                if c != c.strip():
                    err(f"{rel}:{n}: leading/trailing space in {c!r}")
                if "||" in c or c.startswith("|") or c.endswith("|"):
                    err(f"{rel}:{n}: empty multi-value in {c!r}")
            out.append((n, cols))
    header = [l for l in open(path, encoding="utf-8") if l.startswith("#")]
    htxt = "".join(header).lower()
    for word in ("origin", "license", "columns"):
        if word not in htxt:
            err(f"{rel}: header lacks '{word}'")
    return out


_TRANSLIT = []
_tp = os.path.join(ROOT, "cues", "translit.tsv")
if os.path.exists(_tp):
    for _l in open(_tp, encoding="utf-8"):
        if not _l.startswith("#") and "\t" in _l:
            _v, _c = _l.rstrip("\n").split("\t")[:2]
            _TRANSLIT.append((_v.strip(), _c.strip()))


def key(name):
    """Approximation of the Rust lexicon key (crates/core/src/lexicon.rs): ASCII fold,
    lower-case, letters and digits only, leading 'the' dropped, translit rewrites."""
    k = ""
    for ch in name:
        if ch.isascii():
            if ch.isalnum():
                k += ch.lower()
        elif ch.isalnum():
            d = unicodedata.normalize("NFKD", ch.translate(FOLD))
            k += "".join(x.lower() for x in d if x.isascii() and x.isalnum())
    if k.startswith("the") and len(k) > 6 and name.lstrip().lower().startswith("the "):
        k = k[3:]
    for v, c in _TRANSLIT:
        if v != c and v in k:
            k = k.replace(v, c)
    return k


FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ə": "e"})


def multi(v):
    return [x for x in v.split("|")] if v else []


def unique(rel, items, what):
    seen = {}
    for n, key in items:
        if key in seen:
            err(f"{rel}:{n}: duplicate {what} {key!r} (first at line {seen[key]})")
        seen[key] = n


# ---------------- countries
C = rows("places/countries.tsv", 6)
iso2 = set()
for n, (a2, a3, name, aliases, dem, cap) in C:
    if not re.fullmatch(r"[A-Z]{2}", a2) or not re.fullmatch(r"[A-Z]{3}", a3):
        err(f"countries:{n}: bad codes {a2} {a3}")
    if not name:
        err(f"countries:{n}: empty name")
    iso2.add(a2)
unique("countries", [(n, c[0]) for n, c in C], "iso2")
unique("countries", [(n, c[1]) for n, c in C], "iso3")
unique("countries", [(n, c[2].lower()) for n, c in C], "name")

# ---------------- subdivisions
S = rows("places/subdivisions.tsv", 5)
for n, (code, cc, name, var, typ) in S:
    if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code) or code[:2] != cc:
        err(f"subdivisions:{n}: bad code {code} / {cc}")
    if cc not in iso2:
        err(f"subdivisions:{n}: unknown country {cc}")
    if not name or not typ:
        err(f"subdivisions:{n}: empty name/type")
unique("subdivisions", [(n, c[0]) for n, c in S], "code")

# ---------------- cities
Y = rows("places/cities.tsv", 8)
prev = None
for n, (gid, name, alts, cc, adm, lat, lon, pop) in Y:
    if not gid.isdigit() or not name or cc not in iso2 or not pop.isdigit():
        err(f"cities:{n}: bad row {gid} {name} {cc} {pop}")
        continue
    if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
        err(f"cities:{n}: bad coordinates")
    if prev is not None and int(pop) > prev:
        err(f"cities:{n}: not sorted by population")
    prev = int(pop)
    for a in multi(alts):
        if len(a) > 40 or sum(ch.isalpha() for ch in a) <= 2:
            err(f"cities:{n}: bad alternate {a!r}")
unique("cities", [(n, c[0]) for n, c in Y], "geonameid")
size = os.path.getsize(os.path.join(ROOT, "places/cities.tsv"))
if size > 6_500_000:
    err(f"cities.tsv is {size} bytes (> ~6 MB)")

# ---------------- admin1 (GeoNames admin1 code -> ISO 3166-2 subdivision)
CEN = rows("places/centroids.tsv", 4)
_country_ids = {"country:" + c[0] for _, c in C}
_adm1_ids = {"adm1:" + c[0] for _, c in S}
for n, (cid, lat, lon, towns) in CEN:
    if cid not in _country_ids and cid not in _adm1_ids:
        err(f"centroids:{n}: {cid!r} is no country or subdivision id")
    try:
        if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180 and int(towns) > 0):
            err(f"centroids:{n}: point or town count out of range")
    except ValueError:
        err(f"centroids:{n}: not numbers: {lat!r} {lon!r} {towns!r}")

A1 = rows("places/admin1.tsv", 4)
sub_cc = {c[0]: c[1] for _, c in S}
for n, (cc, adm, iso, gname) in A1:
    if cc not in iso2:
        err(f"admin1:{n}: unknown country {cc!r}")
    if not re.fullmatch(r"[A-Za-z0-9]*", adm):
        err(f"admin1:{n}: bad GeoNames admin1 code {adm!r}")
    if iso and iso not in sub_cc:
        err(f"admin1:{n}: {iso!r} is not a code in subdivisions.tsv")
    elif iso and sub_cc[iso] != cc:
        err(f"admin1:{n}: {iso!r} belongs to {sub_cc[iso]}, not {cc}")
unique("admin1", [(n, (c[0], c[1])) for n, c in A1], "(country, admin1)")
a1_keys = {(c[0], c[1]) for _, c in A1}
missing_a1 = sorted({(c[3], c[4]) for _, c in Y} - a1_keys)
if missing_a1:
    err(f"admin1.tsv lacks {len(missing_a1)} (country, admin1) pairs used in cities.tsv, e.g. {missing_a1[:5]}")
a1_mapped = sum(1 for _, c in A1 if c[2])
if A1 and a1_mapped < 0.9 * len(A1):
    err(f"admin1.tsv maps only {a1_mapped}/{len(A1)} codes to ISO 3166-2 (< 90%)")

# ---------------- facility cues
FC = rows("places/facility_cues.tsv", 2)
for n, (cue, typ) in FC:
    if not cue or not re.fullmatch(r"[a-z_]+", typ):
        err(f"facility_cues:{n}: bad row")
unique("facility_cues", [(n, c[0].lower()) for n, c in FC], "cue")

# ---------------- nationalities
NA = rows("nationalities.tsv", 4)
for n, (name, forms, cc, typ) in NA:
    if not name or typ not in ("ethnic", "religious", "nationality", "ideology"):
        err(f"nationalities:{n}: bad name/type {name!r} {typ!r}")
    if cc and cc not in iso2:
        err(f"nationalities:{n}: unknown country {cc}")
unique("nationalities", [(n, c[0].lower()) for n, c in NA], "name")
form_owner = {}
for n, (name, forms, cc, typ) in NA:
    for f_ in [name] + multi(forms):
        k = key(f_)
        if k in form_owner and form_owner[k] != name:
            err(f"nationalities:{n}: form {f_!r} also under {form_owner[k]!r}")
        form_owner[k] = name
if len(NA) < 80:
    err(f"nationalities.tsv has {len(NA)} rows (< 80)")

# ---------------- groups
G = rows("groups.tsv", 10)
ids = {c[0] for _, c in G}
unique("groups", [(n, c[0]) for n, c in G], "id")
owner = defaultdict(set)
for n, (gid, name, aliases, countries, *rels) in G:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", gid):
        err(f"groups:{n}: bad id {gid!r}")
    if not name:
        err(f"groups:{n}: empty name")
    for cc in multi(countries):
        if cc not in iso2:
            err(f"groups:{n}: unknown country {cc!r}")
    for v in multi(rels[5]):
        # renamed_from: "id@YEAR", the predecessor and the year the new name was taken.
        m = re.fullmatch(r"([a-z0-9-]+)@(\d{4})", v)
        if not m:
            err(f"groups:{n}: renamed_from must be id@YEAR: {v!r}")
        elif m.group(1) not in ids or m.group(1) == gid:
            err(f"groups:{n}: renamed_from references unknown id or itself {m.group(1)!r}")
    for col, v in zip(("parent", "splinter_of", "affiliated_with", "allied_with", "opposes"), rels):
        vals = multi(v)
        if col in ("parent", "splinter_of") and len(vals) > 1:
            err(f"groups:{n}: {col} must be a single id")
        for r in vals:
            if r not in ids:
                err(f"groups:{n}: {col} references unknown id {r!r}")
            if r == gid:
                err(f"groups:{n}: {col} references itself")
    for a in [name] + multi(aliases):
        if len(key(a)) >= 2:
            owner[key(a)].add(gid)
    if len(set(x.lower() for x in multi(aliases))) != len(multi(aliases)):
        err(f"groups:{n}: duplicate alias within {gid}")
    if name.lower() in (x.lower() for x in multi(aliases)):
        err(f"groups:{n}: alias repeats the name of {gid}")
# A name two groups of different countries bear (ASWJ: a Pakistani party and the
# Mozambican insurgents) is allowed: the text's countries choose between them.
group_countries = {c[0]: set(multi(c[3])) for _, c in G}
for a, gs in sorted(owner.items()):
    if len(gs) > 1:
        sets = [group_countries[g] for g in sorted(gs)]
        disjoint = all(sets) and sum(len(x) for x in sets) == len(set().union(*sets))
        if not disjoint:
            err(f"groups: alias/name key {a!r} shared by {sorted(gs)}")
if len(G) < 160:
    err(f"groups.tsv has {len(G)} rows (< 160)")

# ---------------- regions
RG = rows("places/regions.tsv", 4)
unique("regions", [(n, key(c[0])) for n, c in RG], "name")
for n, (name, variants, typ, countries) in RG:
    if not name or not re.fullmatch(r"[a-z]+", typ):
        err(f"regions:{n}: bad name/type {name!r} {typ!r}")
    for cc in multi(countries):
        if cc not in iso2:
            err(f"regions:{n}: unknown country {cc!r}")

# ---------------- organizations
OR = rows("organizations.tsv", 4)
unique("organizations", [(n, key(c[0])) for n, c in OR], "name")
for n, (name, aliases, typ, cc) in OR:
    if not name or typ not in ("intergovernmental", "state", "court", "ngo", "research", "media"):
        err(f"organizations:{n}: bad name/type {name!r} {typ!r}")
    if cc and cc not in iso2:
        err(f"organizations:{n}: unknown country {cc!r}")
    for a in [name] + multi(aliases):
        if key(a) in owner:
            err(f"organizations:{n}: {a!r} is also an alias of group {sorted(owner[key(a)])}")

# ---------------- given names
FN = rows("names/first_names.tsv", 3)
for n, (name, gender, pct) in FN:
    if not re.fullmatch(r"[A-Z][a-z]+", name) or gender not in ("m", "f", "fm"):
        err(f"first_names:{n}: bad row {name!r} {gender!r}")
    try:
        float(pct)
    except ValueError:
        err(f"first_names:{n}: bad percent {pct!r}")
FW = rows("names/first_names_world.tsv", 2)
for n, (name, locales) in FW:
    if not name[:1].isupper() or not locales.isdigit():
        err(f"first_names_world:{n}: bad row {name!r} {locales!r}")
FX = rows("names/first_names_extra.tsv", 1)
for n, (name,) in FX:
    if not name[:1].isupper():
        err(f"first_names_extra:{n}: bad name {name!r}")
unique("first_names_extra", [(n, c[0]) for n, c in FX], "name")

# ---------------- cue lists
rows("cues/org_cues.tsv", 2)
rows("cues/roles.tsv", 3)
rows("cues/stop_caps.tsv", 1)
WORD_CATEGORIES = {c[0] for _, c in rows("cues/words.tsv", 2)}
for cat in ("of_head", "place_head", "place_prefix", "place_before", "name_suffix", "org_prefix",
            "misc_head", "generic_place", "locative", "name_particle", "say_verb", "desc_head"):
    if cat not in WORD_CATEGORIES:
        err(f"cues/words.tsv: no entry of category {cat!r}")
HYGIENE_CATEGORIES = {c[0] for _, c in rows("cues/hygiene.tsv", 2)}
for cat in ("generic_alias", "possessive_name", "hyphen_particle", "captive_noun", "captive_verb", "captive_state"):
    if cat not in HYGIENE_CATEGORIES:
        err(f"cues/hygiene.tsv: no entry of category {cat!r}")

# Cross-file overlaps are reported as warnings only: the loader must disambiguate by context.
other = {}
for n, c in C:
    for x in [c[2]] + multi(c[3]) + multi(c[4]):
        other.setdefault(key(x), f"country {c[0]}")
for n, c in S:
    other.setdefault(key(c[2]), f"subdivision {c[0]}")
for n, c in NA:
    for x in [c[0]] + multi(c[1]):
        other.setdefault(key(x), f"nationality {c[0]}")
for n, c in Y:
    if int(c[7]) >= 100000:
        other.setdefault(key(c[1]), f"city {c[1]} ({c[3]})")
warnings = [f"group alias key {a!r} ({sorted(gs)[0]}) is also {other[a]}" for a, gs in sorted(owner.items()) if a in other]
for w in warnings:
    print("WARN:", w)

print(f"countries {len(C)}, subdivisions {len(S)}, cities {len(Y)}, admin1 {len(A1)} ({a1_mapped} mapped), "
      f"facility_cues {len(FC)}, "
      f"nationalities {len(NA)}, groups {len(G)}, regions {len(RG)}, organizations {len(OR)}, "
      f"first names {len(FN)} + {len(FW)} + {len(FX)}")
for e in errors:
    print("ERROR:", e)
print(f"{0 if errors else 1} passed, {1 if errors else 0} failed")
sys.exit(1 if errors else 0)
