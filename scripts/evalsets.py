#!/usr/bin/env python3
"""Score dossier's extraction against hand-annotated evaluation sets.

Usage
-----
    evalsets.py score   BIN SETDIR [SETDIR ...] [-v] [--json OUT] [--cache DIR]
    evalsets.py stories BIN SETDIR [SETDIR ...] [-v] [--json OUT] [--cache DIR] [--db PATH]

``score`` runs ``BIN extract --with-text`` on every ``SETDIR/docs/*.txt`` (two at a
time; the tool reads each file's ``Published`` header) and scores the claims and events
of each document against ``SETDIR/gold.tsv``.

``stories`` is for multi-outlet sets: it ingests all of ``SETDIR/docs`` into a fresh
SQLite database (``BIN ingest SETDIR/docs --db PATH``), exports the reconciled store
(``BIN export --format jsonl --with-text``) and reports the facts (each claim by its
document), whether each story's main incident became one event, wrong merges across
stories, single-document events, and every ``conflict`` and ``changed_over_time``
finding for a human to judge.

Outputs of the binary are cached under ``--cache`` (default /tmp/ev/cache), keyed by the
binary's mtime and size and by the documents' names and content hashes, so scoring the
same binary again does not rerun it. ``--no-cache`` ignores and does not write the cache.

Set layout
----------
``SETDIR/docs/NN_slug.txt``: a header (``Title:``, ``Source:``, ``Published: YYYY-MM-DD``,
``URL:``), a blank line, the report's text.

``SETDIR/gold.tsv``: tab-separated, header ``file kind predicate subject value note``.

* kind ``fact``: ``predicate`` is one of FACT_PREDICATES; ``subject`` and ``value`` are
  names as the text writes them; ``value`` is a year or date for ``founded`` and
  ``first_active``, a number or range (``1500-2000``) for ``strength``, role words in lower
  case for ``role``, a fate (``killed``, ``arrested`` ...) for ``status``. For ``leader``
  the note says ``former`` or ``current``.
* kind ``event``: ``predicate`` is the event type, ``subject`` the perpetrator or ``-``,
  ``value`` is ``date=YYYY-MM-DD;place=NAME;killed=N;wounded=N`` (keys may be missing).
  A note containing ``story`` marks a multi-outlet story's main incident.

``SETDIR/stories.tsv`` (multi-outlet sets): header ``file story``.

Matching rules
--------------
Names are normalized (lower case, diacritics stripped, possessive 's and punctuation
removed, a leading "the" dropped). A gold name matches a system entity when it equals or
contains as whole words (or is contained in) the entity's name, any of its aliases or the
text the claim shows for it; an acronym matches its long form only through the aliases.

A system claim matches a gold fact when it is of the same file and predicate, its subject
matches, and its value matches:

* entity values: by name / alias, as subjects;
* quantities: the gold number or range overlaps the system interval [low, high]
  (a missing high is open);
* times: the gold year, and month if the gold gives one, agree with the system's TIMEX
  value (else its start);
* roles: after normalizing (spokesperson = spokeswoman = spokesman, defence = defense) the
  sets of content words are equal or one contains the other;
* ``status``: equal (after normalizing; "killed" and "dead" are one fate, so are "wounded"
  and "injured", "abducted" and "kidnapped");
* ``claimed_responsibility``: as names, or the two descriptions share a content word
  beyond the attack's kind (ATTACK_WORDS): "bombing in Kabul" ~ "attack in Kabul";
* other text values (``targets`` ...): as names, or one set of content words contains the
  other.

Two cross-predicate cases: a gold ``leader`` (group G, person P) also matches a system
``role`` claim of P whose value is leader-like (leader, emir, chief, head, ...) and names G
(in the role's own words or in the claim's sentence); a gold ``role`` with a leader-like
value matches a system ``leader`` claim whose value is that person. For ``leader`` the
gold note (former / current) against the claim's ``status`` is counted apart ("status
right") and does not block the match.

Per set and per predicate: *gold* facts, *found* (some system claim of the predicate with a
matching subject), *right* (its value matches too) and *precision*: of the system claims
whose predicate is in FACT_PREDICATES, the share that match some gold fact of their file.

Events: a system event of the same file scores 2 when its date agrees (the ``when``
interval contains the gold date, or its start is within one day of it), 2 when its place
agrees (the gold place equals, contains or is contained in the name of the system place,
its city, province or country), 1 when the killed figure agrees (the gold figure lies in the
system's killed interval, or both are absent or 0). Pairs scoring 2 or more match, best
first, one to one. Reported: gold events, found, date right, place right, killed right out
of the gold events that give a killed figure, and system events left unmatched
("unlisted"). In ``stories`` each document's view of a merged event is its own report's
date and figures with the event's place.
"""

import argparse
import concurrent.futures
import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata
from collections import defaultdict

FACT_PREDICATES = (
    "founded", "first_active", "founded_by", "leader", "role", "member_of", "strength",
    "based_in", "operates_in", "part_of", "affiliated_with", "allied_with", "opposes",
    "targets", "claimed_responsibility", "renamed_from", "merged_from", "splinter_of",
    "designated", "status",
)
TIME_PREDICATES = {"founded", "first_active"}
LEADER_WORDS = {"leader", "emir", "amir", "chief", "head", "commander in chief",
                "supreme leader", "caliph"}
STOPWORDS = {"of", "for", "the", "a", "an", "and", "to", "in", "at", "on", "its", "his",
             "her", "their", "with", "by"}
WORD_SYNONYMS = {"spokesperson": "spokesman", "spokeswoman": "spokesman",
                 "defence": "defense", "amir": "emir"}
# words that say what kind of attack, not which: a claimed attack matches by the rest
ATTACK_WORDS = {"attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion",
                "explosions", "suicide", "shooting", "shootings", "assault", "raid", "ambush",
                "killing", "killings", "massacre", "strike", "strikes", "deadly", "deadliest",
                "worst", "militant", "terrorist", "twin", "double", "car", "bomb", "bombs",
                "outside", "near", "inside", "against", "this", "that", "last", "recent"}
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())}
EXTRACT_JOBS = 2
CACHE_VERSION = "1"


# ---------------------------------------------------------------- normalization

def norm(text):
    """Lower case, no diacritics, no possessive 's or punctuation, no leading 'the'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019]s\b", "", text)
    text = re.sub(r"['\u2019`]", "", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


def contains_words(longer, shorter):
    """Whether normalized `shorter` occurs in normalized `longer` as whole words."""
    return bool(shorter) and f" {shorter} " in f" {longer} "


def name_matches(gold, names):
    """Gold name vs any of the system names: equal or whole-word containment either way."""
    g = norm(gold)
    if not g:
        return False
    for name in names:
        s = norm(name)
        if s and (g == s or contains_words(g, s) or contains_words(s, g)):
            return True
    return False


def content_words(text):
    words = norm(text).split()
    return {WORD_SYNONYMS.get(w, w) for w in words if w not in STOPWORDS}


def words_match(gold, system):
    """Role words: equal content-word sets, or one contains the other."""
    g, s = content_words(gold), content_words(system)
    return bool(g) and bool(s) and (g <= s or s <= g)


def leader_like(text):
    n = " ".join(WORD_SYNONYMS.get(w, w) for w in norm(text).split())
    return any(contains_words(n, w) for w in LEADER_WORDS)


def leader_note(note):
    return "former" if "former" in (note or "").lower() else "current"


# ---------------------------------------------------------------- gold

def read_tsv(path):
    """Rows of a tab-separated file with a header line, as dicts (short rows padded)."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [h.strip().lower() for h in next(reader)]
        rows = []
        for lineno, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row) or row[0].startswith("#"):
                continue
            row = [c.strip() for c in row] + [""] * (len(header) - len(row))
            entry = dict(zip(header, row))
            entry["line"] = lineno
            rows.append(entry)
        return rows


def read_gold(setdir):
    rows = read_tsv(os.path.join(setdir, "gold.tsv"))
    for row in rows:
        row["file"] = os.path.basename(row["file"])
        row["kind"] = row["kind"].lower()
        row["predicate"] = row["predicate"].strip().lower()
    return rows


def parse_event_value(value):
    """'date=2021-08-26;place=Kabul;killed=13' -> dict of the keys given."""
    out = {}
    for part in value.split(";"):
        if "=" in part:
            key, _, val = part.partition("=")
            out[key.strip().lower()] = val.strip()
    return out


def gold_numbers(text):
    """'1500-2000' -> (1500, 2000); '1,200' -> (1200, 1200); None when no number."""
    nums = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text or "")]
    if not nums:
        return None
    return (min(nums[:2]), max(nums[:2]))


def gold_year_month(text):
    """'2015-01' / 'January 2015' / '2015' -> (2015, 1) / (2015, 1) / (2015, None)."""
    text = (text or "").lower()
    m = re.search(r"\b(\d{4})(?:-(\d{1,2}))?", text)
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else None
    if month is None:
        for name, num in MONTHS.items():
            if re.search(rf"\b{name[:3]}", text):
                month = num
                break
    return int(m.group(1)), month


# ---------------------------------------------------------------- running the binary

def binary_key(binary):
    st = os.stat(binary)
    return f"{st.st_mtime_ns}:{st.st_size}"


def file_hash(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def cache_path(cache, kind, parts):
    if not cache:
        return None
    key = hashlib.sha256("\n".join([CACHE_VERSION, kind] + parts).encode()).hexdigest()
    return os.path.join(cache, kind, key[:40] + ".jsonl")


def cached(path):
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    return None


def store(path, text):
    if path:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)


def run(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return proc.stdout


def extract_one(binary, path, cache):
    key = cache_path(cache, "extract",
                     [binary_key(binary), os.path.basename(path), file_hash(path)])
    out = cached(key)
    if out is None:
        out = run([binary, "extract", "--with-text", path])
        store(key, out)
    return out


def extract_all(binary, paths, cache):
    with concurrent.futures.ThreadPoolExecutor(max_workers=EXTRACT_JOBS) as pool:
        outs = list(pool.map(lambda p: extract_one(binary, p, cache), paths))
    return "".join(outs)


def ingest_export(binary, docdir, paths, db, cache):
    parts = [binary_key(binary)] + [f"{os.path.basename(p)}:{file_hash(p)}" for p in paths]
    key = cache_path(cache, "stories", parts)
    out = cached(key)
    if out is None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        os.makedirs(os.path.dirname(os.path.abspath(db)), exist_ok=True)
        run([binary, "ingest", "-q", docdir, "--db", db])
        out = run([binary, "export", "--format", "jsonl", "--with-text", "--db", db])
        store(key, out)
    return out


def doc_paths(setdir):
    docdir = os.path.join(setdir, "docs")
    return docdir, sorted(os.path.join(docdir, n) for n in os.listdir(docdir)
                          if n.endswith(".txt"))


# ---------------------------------------------------------------- system output

class Output:
    """The records of one run, indexed: entities by id, claims and events by file."""

    def __init__(self, jsonl):
        self.entities, self.claims, self.events, self.findings = {}, [], [], []
        self.docs = {}  # doc id -> {"file", "text" (bytes)}
        for line in jsonl.splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            kind = rec.get("type")
            if kind == "document":
                self.docs[rec["id"]] = {"file": os.path.basename(rec.get("path") or ""),
                                        "text": (rec.get("text") or "").encode("utf-8")}
            elif kind == "entity":
                # extract runs per file reuse ids (catalog ids): keep each document's own
                for doc in rec.get("docs") or [None]:
                    self.entities[(doc, rec["id"])] = rec
                self.entities.setdefault((None, rec["id"]), rec)
            elif kind == "claim":
                self.claims.append(rec)
            elif kind == "event":
                self.events.append(rec)
            elif kind == "finding":
                self.findings.append(rec)
        self.claim_by_id = {c["id"]: c for c in self.claims}

    def file_of(self, doc):
        return self.docs.get(doc, {}).get("file", doc)

    def names(self, entity_id, shown=None, doc=None):
        """The entity's name and aliases (as the given document's run knows it)."""
        ent = self.entities.get((doc, entity_id)) or self.entities.get((None, entity_id)) or {}
        names = [ent.get("name") or ""] + list(ent.get("aliases") or [])
        if shown:
            names.append(shown)
        return [n for n in names if n]

    def claims_by_file(self):
        out = defaultdict(list)
        for claim in self.claims:
            out[self.file_of(claim["doc"])].append(claim)
        return out

    def span_text(self, doc, start, end, limit=160):
        text = self.docs.get(doc, {}).get("text", b"")[start:end].decode("utf-8", "replace")
        return cut(text, limit)

    def event_views(self):
        """Per file, one view of each event: that document's report's date and figures."""
        out = defaultdict(list)
        for event in self.events:
            reports = {r.get("doc"): r for r in event.get("reports") or []}
            for doc in event.get("docs") or []:
                rep = reports.get(doc)
                view = dict(event)
                if rep is not None and len(event.get("docs") or []) > 1:
                    for key in ("when", "killed", "wounded"):
                        view[key] = rep.get(key)
                view["doc"] = doc
                out[self.file_of(doc)].append(view)
        return out

    def event_text(self, event, limit=160):
        doc = event.get("doc")
        for span in event.get("spans") or []:
            if len(span) == 3 and (doc is None or span[0] == doc):
                return self.span_text(span[0], span[1], span[2], limit)
        return ""


def cut(text, limit):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


# ---------------------------------------------------------------- facts

def claim_value_names(claim, out):
    value = claim.get("value") or {}
    names = [claim.get("value_text") or ""]
    if "entity" in value:
        names += out.names(value["entity"], value.get("name"), claim.get("doc"))
    elif "text" in value:
        names.append(value["text"])
    return [n for n in names if n]


def claim_text_value(claim):
    value = claim.get("value") or {}
    return value.get("text") or claim.get("value_text") or ""


def quantity_matches(gold_value, value):
    nums = gold_numbers(gold_value)
    q = value.get("quantity") if isinstance(value, dict) else None
    if nums is None or not q:
        return False
    low = q.get("low") if q.get("low") is not None else 0.0
    high = q.get("high") if q.get("high") is not None else float("inf")
    return nums[0] <= high and nums[1] >= low


def time_matches(gold_value, value):
    gold = gold_year_month(gold_value)
    t = value.get("time") if isinstance(value, dict) else None
    if gold is None or not t:
        return False
    year, month = gold
    m = re.match(r"(\d{4})(?:-(\d{2}))?", t.get("value") or "")
    if m:
        sys_month = int(m.group(2)) if m.group(2) else None
    else:
        m = re.match(r"(\d{4})-(\d{2})", t.get("start") or "")
        if not m:
            return False
        sys_month = int(m.group(2)) if t.get("granularity") not in ("year", "decade") else None
    if int(m.group(1)) != year:
        return False
    return month is None or sys_month == month


def claimed_attack_matches(gold, system):
    """Two descriptions of a claimed attack share a word beyond the attack's kind (its
    place or target): 'bombing in Kabul' ~ 'attack in Kabul'."""
    g, s = content_words(gold) - ATTACK_WORDS, content_words(system) - ATTACK_WORDS
    return bool(g & s)


def value_matches(gold, claim, out):
    """Whether the claim's value is the gold fact's value (predicates already agree)."""
    pred, gval = gold["predicate"], gold["value"]
    value = claim.get("value") or {}
    if "quantity" in value:
        return quantity_matches(gval, value)
    if "time" in value or pred in TIME_PREDICATES:
        return time_matches(gval, value)
    if pred == "role":
        return words_match(gval, claim_text_value(claim))
    if pred == "status":
        return fate(gval) == fate(claim_text_value(claim))
    if pred == "claimed_responsibility" and claimed_attack_matches(gval, claim_text_value(claim)):
        return True
    names = claim_value_names(claim, out)
    return name_matches(gval, names) or any(words_match(gval, n) for n in names)


FATE_SYNONYMS = {"dead": "killed", "died": "killed", "slain": "killed", "wounded": "injured",
                 "abducted": "kidnapped"}


def fate(value):
    """A person's fate in normal form: "killed" and "dead" are one fate, and so are
    "wounded" and "injured", "abducted" and "kidnapped"."""
    words = content_words(value)
    return {FATE_SYNONYMS.get(w, w) for w in words}


def subject_matches(gold_name, claim, out):
    return name_matches(gold_name, out.names(claim.get("subject"), claim.get("subject_name"),
                                             claim.get("doc")))


def role_names_group(claim, group, out, file_claims):
    """A leader-like role claim names the group: in its words, its sentence or member_of."""
    role = claim_text_value(claim)
    rest = " ".join(w for w in norm(role).split() if w not in STOPWORDS
                    and not leader_like(w))
    if rest and name_matches(group, [rest]):
        return True
    if contains_words(norm(claim.get("text")), norm(group)):
        return True
    return any(c["predicate"] == "member_of" and c.get("subject") == claim.get("subject")
               and name_matches(group, claim_value_names(c, out)) for c in file_claims)


def match_fact(gold, claim, out, file_claims):
    """(found, right) of one gold fact against one system claim of the same file."""
    gp, cp = gold["predicate"], claim["predicate"]
    if gp == cp:
        if not subject_matches(gold["subject"], claim, out):
            return False, False
        return True, value_matches(gold, claim, out)
    if gp == "leader" and cp == "role":
        ok = (leader_like(claim_text_value(claim))
              and subject_matches(gold["value"], claim, out)
              and role_names_group(claim, gold["subject"], out, file_claims))
        return ok, ok
    if gp == "role" and cp == "leader" and leader_like(gold["value"]):
        ok = name_matches(gold["subject"], claim_value_names(claim, out))
        return ok, ok
    return False, False


def new_fact_counts():
    return {"gold": 0, "found": 0, "right": 0, "status_checked": 0, "status_right": 0,
            "system": 0, "system_matched": 0}


def score_facts(gold_rows, out, verbose_lines):
    """Fact figures per predicate (and 'all'); appends -v lines per file."""
    by_pred = defaultdict(new_fact_counts)
    claims_by_file = out.claims_by_file()
    golds_by_file = defaultdict(list)
    for g in gold_rows:
        if g["kind"] == "fact":
            golds_by_file[g["file"]].append(g)
    for fname in sorted(set(golds_by_file) | set(claims_by_file)):
        claims = claims_by_file.get(fname, [])
        matched = set()
        lines = []
        for g in golds_by_file.get(fname, []):
            counts = by_pred[g["predicate"]]
            counts["gold"] += 1
            found = right = False
            status = None
            candidates = []
            for i, c in enumerate(claims):
                f, r = match_fact(g, c, out, claims)
                if f and c["predicate"] == g["predicate"]:
                    candidates.append(c)
                found, right = found or f, right or r
                if r:
                    matched.add(i)
                    if g["predicate"] == "leader" and c["predicate"] == "leader" and c.get("status"):
                        status = status or (c["status"] == leader_note(g["note"]))
            counts["found"] += found
            counts["right"] += right
            if status is not None:
                counts["status_checked"] += 1
                counts["status_right"] += status
            if not found:
                lines.append(f"  missed   {g['predicate']}: {g['subject']} = {g['value']}"
                             f"  (gold line {g['line']})")
            elif not right:
                shown = "; ".join(sorted({c.get("value_text") or "" for c in candidates}))
                lines.append(f"  wrong    {g['predicate']}: {g['subject']} = {g['value']}"
                             f"  system: {shown}")
            elif status is False:
                lines.append(f"  status   leader: {g['subject']} = {g['value']}: gold "
                             f"{leader_note(g['note'])}, system not")
        for i, c in enumerate(claims):
            if c["predicate"] not in FACT_PREDICATES:
                continue
            counts = by_pred[c["predicate"]]
            counts["system"] += 1
            if i in matched:
                counts["system_matched"] += 1
            else:
                lines.append(f"  extra    {c['predicate']}: {c.get('subject_name')} = "
                             f"{c.get('value_text')}  | {cut(c.get('text'), 160)}")
        if lines:
            verbose_lines.append(f"{fname}")
            verbose_lines.extend(lines)
    total = new_fact_counts()
    for counts in by_pred.values():
        for k, v in counts.items():
            total[k] += v
    return {"all": total, "by_predicate": dict(sorted(by_pred.items()))}


# ---------------------------------------------------------------- events

def parse_day(text):
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    if not m:
        return None
    import datetime
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def gold_date_range(text):
    """'2021-08-26' -> (d, d); '2021-08' -> first and last day; None when unreadable."""
    import calendar
    import datetime
    day = parse_day(text)
    if day:
        return day, day
    m = re.match(r"(\d{4})(?:-(\d{2}))?$", (text or "").strip())
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return datetime.date(year, month, 1), datetime.date(year, month, last)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def date_agrees(gold_date, when):
    rng = gold_date_range(gold_date)
    when = when or {}
    start, end = parse_day(when.get("start")), parse_day(when.get("end"))
    if rng is None or start is None:
        return False
    end = end or start
    if rng[0] == rng[1]:
        return start <= rng[0] <= end or abs((start - rng[0]).days) <= 1
    return start <= rng[1] and end >= rng[0]


def place_names(place):
    place = place or {}
    names = [place.get("name")]
    for level in ("city", "admin1", "country"):
        if isinstance(place.get(level), dict):
            names.append(place[level].get("name"))
    return [n for n in names if n]


def killed_agrees(gold_killed, killed):
    nums = gold_numbers(gold_killed) if gold_killed else None
    low = (killed or {}).get("low")
    high = (killed or {}).get("high")
    if nums is None or nums[0] == 0:
        return not killed or (not low and high in (None, 0))
    if not killed:
        return False
    low = low or 0.0
    high = float("inf") if high is None else high
    return low <= nums[0] <= high


def event_score(gold, event):
    """(score, date ok, place ok, killed ok) of a system event against a gold event."""
    g = gold["parsed"]
    date_ok = "date" in g and date_agrees(g["date"], event.get("when"))
    place_ok = "place" in g and name_matches(g["place"], place_names(event.get("place")))
    killed_ok = killed_agrees(g.get("killed"), event.get("killed"))
    return 2 * date_ok + 2 * place_ok + killed_ok, date_ok, place_ok, killed_ok


def match_events(golds, events):
    """One-to-one matching, best score first: {gold index: (event index, score tuple)}."""
    pairs = []
    for gi, g in enumerate(golds):
        for ei, e in enumerate(events):
            s = event_score(g, e)
            if s[0] >= 2:
                pairs.append((-s[0], gi, ei, s))
    pairs.sort(key=lambda p: p[:3])
    used_g, used_e, out = set(), set(), {}
    for _, gi, ei, s in pairs:
        if gi not in used_g and ei not in used_e:
            used_g.add(gi)
            used_e.add(ei)
            out[gi] = (ei, s)
    return out


def show_q(q):
    if not q:
        return "-"
    low, high = q.get("low"), q.get("high")
    fmt = lambda x: f"{x:g}"
    if high is None:
        return f"{fmt(low or 0)}+"
    return fmt(high) if low == high else f"{fmt(low or 0)}-{fmt(high)}"


def show_event(e):
    when = (e.get("when") or {}).get("value") or (e.get("when") or {}).get("start") or "?"
    place = (e.get("place") or {}).get("name") or "?"
    return f"{e.get('kind')} {when} {place} killed={show_q(e.get('killed'))}"


def score_events(gold_rows, out, verbose_lines, views=None):
    counts = {"gold": 0, "found": 0, "date_right": 0, "place_right": 0, "killed_right": 0,
              "gold_with_killed": 0, "system": 0, "unlisted": 0}
    views = views if views is not None else out.event_views()
    golds_by_file = defaultdict(list)
    for g in gold_rows:
        if g["kind"] == "event":
            g["parsed"] = parse_event_value(g["value"])
            golds_by_file[g["file"]].append(g)
    for fname in sorted(set(golds_by_file) | set(views)):
        golds, events = golds_by_file.get(fname, []), views.get(fname, [])
        matches = match_events(golds, events)
        lines = []
        counts["gold"] += len(golds)
        counts["system"] += len(events)
        for gi, g in enumerate(golds):
            has_killed = "killed" in g["parsed"]
            counts["gold_with_killed"] += has_killed
            if gi not in matches:
                lines.append(f"  event missed   {g['predicate']} {g['value']}  (gold line {g['line']})")
                continue
            ei, (_, date_ok, place_ok, killed_ok) = matches[gi]
            counts["found"] += 1
            counts["date_right"] += date_ok
            counts["place_right"] += place_ok
            counts["killed_right"] += has_killed and killed_ok
            if not (date_ok and place_ok and (killed_ok or not has_killed)):
                lines.append(f"  event partial  {g['predicate']} {g['value']}  system: "
                             f"{show_event(events[ei])}")
        matched = {ei for ei, _ in matches.values()}
        for ei, e in enumerate(events):
            if ei not in matched:
                counts["unlisted"] += 1
                lines.append(f"  event unlisted {show_event(e)}  | {out.event_text(e)}")
        if lines:
            verbose_lines.append(f"{fname}")
            verbose_lines.extend(lines)
    return counts


# ---------------------------------------------------------------- reports

def pct(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "    -"


def predicate_table(by_pred):
    rows = [f"  {'predicate':24} {'gold':>5} {'found':>6} {'right':>6} {'sys':>5} "
            f"{'match':>6} {'prec':>6}"]
    for pred, c in by_pred.items():
        rows.append(f"  {pred:24} {c['gold']:5} {c['found']:6} {c['right']:6} "
                    f"{c['system']:5} {c['system_matched']:6} "
                    f"{pct(c['system_matched'], c['system'])}")
    return rows


def summary_table(results):
    head = (f"{'set':24} {'facts':>5} {'found':>6} {'right':>6} {'prec':>6} {'ldr st':>7} | "
            f"{'events':>6} {'found':>6} {'date':>5} {'place':>6} {'killed':>8} {'unlisted':>8}")
    rows = [head, "-" * len(head)]
    for name, r in results.items():
        f, e = r["facts"]["all"], r["events"]
        rows.append(
            f"{name[:24]:24} {f['gold']:5} {f['found']:6} {f['right']:6} "
            f"{pct(f['system_matched'], f['system']):>6} "
            f"{str(f['status_right']) + '/' + str(f['status_checked']):>7} | "
            f"{e['gold']:6} {e['found']:6} {e['date_right']:5} {e['place_right']:6} "
            f"{str(e['killed_right']) + '/' + str(e['gold_with_killed']):>8} {e['unlisted']:8}")
    return rows


def add_counts(into, counts):
    for k, v in counts.items():
        into[k] = into.get(k, 0) + v


def total_of(results):
    facts, by_pred, events = {}, defaultdict(dict), {}
    for r in results.values():
        add_counts(facts, r["facts"]["all"])
        add_counts(events, r["events"])
        for pred, c in r["facts"]["by_predicate"].items():
            add_counts(by_pred[pred], c)
    return {"facts": {"all": facts, "by_predicate": dict(sorted(by_pred.items()))},
            "events": events}


def print_report(results, verbose_by_set):
    for name, r in results.items():
        print(f"== {name}")
        if verbose_by_set.get(name):
            print("\n".join(verbose_by_set[name]))
        print("facts by predicate (found: subject matched; right: value too; "
              "prec: system claims matching a gold fact):")
        print("\n".join(predicate_table(r["facts"]["by_predicate"])))
        for line in r.get("extra_lines", []):
            print(line)
        print()
    if len(results) > 1:
        results = dict(results)
        results["TOTAL"] = total_of({k: v for k, v in results.items()})
    print("\n".join(summary_table(results)))
    print("prec: system claims matching a gold fact; ldr st: leader status right / checked; "
          "killed: right / gold events giving killed; unlisted: system events unmatched")


def write_json(path, results):
    clean = {name: {k: v for k, v in r.items() if k != "extra_lines"}
             for name, r in results.items()}
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"sets": clean}, f, indent=1, sort_keys=True)


# ---------------------------------------------------------------- score

def score_set(binary, setdir, cache, verbose):
    gold = read_gold(setdir)
    _, paths = doc_paths(setdir)
    check_files(setdir, gold, paths)
    out = Output(extract_all(binary, paths, cache))
    vlines = []
    facts = score_facts(gold, out, vlines)
    events = score_events(gold, out, vlines)
    return {"facts": facts, "events": events}, vlines if verbose else []


def check_files(setdir, gold, paths):
    """Warn about gold lines naming a file that is not among the set's documents."""
    names = {os.path.basename(p) for p in paths}
    for fname in sorted({g["file"] for g in gold} - names):
        print(f"warning: {setdir}: gold.tsv names {fname}, not in docs/", file=sys.stderr)


def cmd_score(args):
    results, verbose_by_set = {}, {}
    for setdir in args.setdir:
        name = os.path.basename(os.path.normpath(setdir))
        results[name], verbose_by_set[name] = score_set(args.bin, setdir, args.cache, args.verbose)
    print_report(results, verbose_by_set)
    if args.json:
        write_json(args.json, results)


# ---------------------------------------------------------------- stories

def read_stories(setdir):
    path = os.path.join(setdir, "stories.tsv")
    if not os.path.exists(path):
        raise SystemExit(f"{path}: missing (stories needs a multi-outlet set)")
    return {row["file"]: row["story"] for row in read_tsv(path)}


def story_events(gold, out, stories, views):
    """Per story: the system events that match its main incident in each report."""
    by_story = defaultdict(list)
    for fname, story in stories.items():
        by_story[story].append(fname)
    mains = {}
    for g in gold:
        if g["kind"] == "event" and "story" in g["note"].lower() and g["file"] not in mains:
            g["parsed"] = parse_event_value(g["value"])
            mains[g["file"]] = g
    report = {}
    for story, files in sorted(by_story.items()):
        per_file = {}
        for fname in sorted(files):
            g = mains.get(fname)
            per_file[fname] = None if g is None else sorted(
                {e["id"] for e in views.get(fname, []) if event_score(g, e)[0] >= 2})
        sets = [set(v or ()) for v in per_file.values()]
        common = set.intersection(*sets) if sets else set()
        report[story] = {"files": per_file, "one_event": bool(common)}
    return report


def wrong_merges(out, stories):
    bad = []
    for e in out.events:
        hit = sorted({stories[out.file_of(d)] for d in e.get("docs") or []
                      if out.file_of(d) in stories})
        if len(hit) > 1:
            bad.append((e, hit))
    return bad


def claim_side(out, claim_id):
    c = out.claim_by_id.get(claim_id) or {}
    where = f"{c.get('outlet') or '?'}, {out.file_of(c.get('doc'))}"
    src = c.get("source")
    if src:
        where += f", source: {src}"
    return f"{c.get('value_text')!s}  ({where}; {c.get('modality')})\n        \"{cut(c.get('text'), 300)}\""


def finding_lines(out, finding):
    lines = [f"  {finding.get('subject_name') or finding.get('subject')} / "
             f"{finding.get('predicate')}: {cut(finding.get('summary'), 300)}"]
    pairs = finding.get("pairs") or []
    if pairs:
        for a, b in pairs:
            lines.append(f"    A: {claim_side(out, a)}")
            lines.append(f"    B: {claim_side(out, b)}")
    else:
        for cid in finding.get("claims") or []:
            lines.append(f"    -: {claim_side(out, cid)}")
    return lines


def stories_report(gold, out, stories, verbose):
    views = out.event_views()
    lines = []
    sreport = story_events(gold, out, stories, views)
    ones = sum(r["one_event"] for r in sreport.values())
    lines.append(f"stories: one event {ones}/{len(sreport)}")
    for story, r in sreport.items():
        state = "one event" if r["one_event"] else "SPLIT/MISSED"
        detail = "; ".join(
            f"{f}: " + ("no gold 'story' event" if ids is None else ",".join(ids) or "none")
            for f, ids in r["files"].items())
        if verbose or not r["one_event"]:
            lines.append(f"  {story:32} {state}  {detail}")
    merges = wrong_merges(out, stories)
    lines.append(f"events spanning stories (wrong merges): {len(merges)}")
    for e, hit in merges:
        lines.append(f"  {e['id']} {show_event(e)}: {', '.join(hit)}")
    singles = [e for e in out.events if len(e.get("docs") or []) == 1]
    lines.append(f"system events: {len(out.events)}, with one document only: {len(singles)}")
    if verbose:
        for e in singles:
            doc = (e.get("docs") or [None])[0]
            view = dict(e, doc=doc)
            lines.append(f"  {out.file_of(doc)}: {show_event(e)} | {out.event_text(view)}")
    verdicts = defaultdict(list)
    for f in out.findings:
        verdicts[f.get("verdict")].append(f)
    for verdict in ("conflict", "changed_over_time"):
        lines.append(f"findings {verdict}: {len(verdicts[verdict])}")
        for f in verdicts[verdict]:
            lines.extend(finding_lines(out, f))
    figures = {"stories": len(sreport), "one_event": ones, "wrong_merges": len(merges),
               "events": len(out.events), "single_doc_events": len(singles),
               "conflict": len(verdicts["conflict"]),
               "changed_over_time": len(verdicts["changed_over_time"]),
               "story_events": sreport}
    return figures, lines


def cmd_stories(args):
    results, verbose_by_set = {}, {}
    for setdir in args.setdir:
        name = os.path.basename(os.path.normpath(setdir))
        gold, stories = read_gold(setdir), read_stories(setdir)
        docdir, paths = doc_paths(setdir)
        check_files(setdir, gold, paths)
        out = Output(ingest_export(args.bin, docdir, paths, args.db, args.cache))
        vlines = []
        facts = score_facts(gold, out, vlines)
        events = score_events(gold, out, vlines)
        figures, lines = stories_report(gold, out, stories, args.verbose)
        results[name] = {"facts": facts, "events": events, "stories": figures,
                         "extra_lines": lines}
        verbose_by_set[name] = vlines if args.verbose else []
    print_report(results, verbose_by_set)
    if args.json:
        write_json(args.json, results)


# ---------------------------------------------------------------- main

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, text in (
            ("score", cmd_score, "extract each document and score facts and events"),
            ("stories", cmd_stories, "ingest a multi-outlet set, score it and report "
                                     "story events, merges and findings")):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("bin", help="the dossier binary")
        p.add_argument("setdir", nargs="+", help="evaluation set directory (docs/, gold.tsv)")
        p.add_argument("-v", "--verbose", action="store_true",
                       help="per file: missed, wrong-value and unmatched items")
        p.add_argument("--json", metavar="OUT", help="write the figures as JSON")
        p.add_argument("--cache", default="/tmp/ev/cache",
                       help="cache of the binary's outputs (default /tmp/ev/cache)")
        p.add_argument("--no-cache", dest="cache", action="store_const", const=None,
                       help="run the binary again, write no cache")
        if name == "stories":
            p.add_argument("--db", default="/tmp/ev/stories.db",
                           help="SQLite database to (re)create (default /tmp/ev/stories.db)")
        p.set_defaults(func=func)
    args = parser.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    args.bin = os.path.abspath(args.bin)
    if not os.access(args.bin, os.X_OK):
        parser.error(f"{args.bin}: not an executable")
    args.func(args)


if __name__ == "__main__":
    main()
