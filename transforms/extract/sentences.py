"""Sentence splitter with offsets into the clean text: headline, captions and body sentences.

Every sentence keeps its character span in the article's clean text so that a number found in
it can be pointed to; abbreviations ("M.", "Gen.", "г.") and initials do not end a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a period without ending the sentence (compared without the period).
ABBREVIATIONS = frozenset(
    """
    m mm mme mmes mlle dr pr st ste gen gén col lt sgt capt cpt maj adm gov sen rep rev mr mrs ms
    jr sr prof vs no nº art min av bd jan feb mar apr aug sep sept oct nov dec janv févr fév avr
    juil déc ene abr ago dic sr sra srta dña gral cnel tte pág etc
    г гг им ул пр д т тыс млн млрд руб обл р-н св ген о
    u.s u.n e.u u.k
    """.split()
)

# A candidate boundary: end punctuation, optional closing quotes/brackets, spaces, then a
# sentence opener (capital letter, digit, opening quote or dash).
BOUNDARY = re.compile(r"[.!?…]+[\"»”’')\]]*\s+(?=[«\"“‘(\[¿¡—–-]?\s?[A-ZÀ-ÝА-ЯЁ0-9])")
# The lookbehind changes no match (the leftmost match always starts a whole run of [\w.-]) but spares the
# search from trying the whole pattern inside every word.
WORD_BEFORE = re.compile(r"(?<![\w.\-])([\w.\-]+)[.!?…]*[\"»”’')\]]*\s*$")
LINE = re.compile(r"[^\n]+")

# Photo captions: a credit line (©, "Photo:", agency credits) or a short line under the title.
CAPTION_CREDIT = re.compile(
    r"©|\b(?:photo|foto|фото)\s*[:/©]|\((?:AFP|AP|Reuters|EPA|Getty)\)|"
    r"(?:/|–|—|-)\s*(?:AFP|AP|Reuters|EPA|Getty Images|Sputnik|ТАСС|РИА Новости)[\s.]*$|"
    r"\b(?:AFP|Reuters|AP) Photo\b|\bGetty Images\b",
    re.IGNORECASE,
)
# Cheap test first: a caption names a credit or a photo.
CREDIT_WORDS = ("©", "photo", "foto", "фото", "afp", "reuters", "ap ", "ap)", "epa", "getty", "sputnik", "тасс", "риа")
CREDIT_HINT = re.compile("|".join(map(re.escape, CREDIT_WORDS)))   # one scan of the line instead of 13


def _credit_hint(line: str) -> bool:
    return CREDIT_HINT.search(line.lower()) is not None
CAPTION_LINE_MAX = 300


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    section: str  # headline | caption | body
    paragraph: int


def _is_abbreviation(chunk: str) -> bool:
    """True when the text before a candidate boundary ends with an abbreviation or an initial."""
    m = WORD_BEFORE.search(chunk[-40:])
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if not word:
        return False
    low = word.lower()
    if low in ABBREVIATIONS:
        return True
    # single-letter initials ("J. Smith", "А. Иванов")
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True
    # dotted acronyms ("U.S.", "e.g.")
    return "." in word and len(word) <= 6 and all(len(p) <= 2 for p in word.split("."))


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one line of text."""
    spans: list[tuple[int, int]] = []
    cur = start
    line = text[start:end]
    for m in BOUNDARY.finditer(line):
        cut = start + m.end()
        piece_end = start + m.start() + len(m.group(0).rstrip())
        if _is_abbreviation(text[cur:piece_end]):
            continue
        spans.append((cur, piece_end))
        cur = cut
    if cur < end:
        spans.append((cur, end))
    return spans


def line_section(line: str, start: int, headline_end: int, prev_was_headline: bool) -> str:
    """headline / caption / body for one line of the clean text."""
    if start < headline_end:
        return "headline"
    if len(line) <= 2 * CAPTION_LINE_MAX and _credit_hint(line) and CAPTION_CREDIT.search(line):
        return "caption"
    return "body"


def split_sentences(text: str, headline_end: int = 0) -> list[Sentence]:
    """All sentences of an article's clean text, in order, with their offsets and section."""
    out: list[Sentence] = []
    para = 0
    prev_headline = False
    for lm in LINE.finditer(text):
        ls, le = lm.start(), lm.end()
        raw = lm.group(0)
        if not raw.strip():
            continue
        # trim spaces so that spans hold text only
        ls += len(raw) - len(raw.lstrip())
        le -= len(raw) - len(raw.rstrip())
        section = line_section(text[ls:le], ls, headline_end, prev_headline)
        if section == "headline":
            # the headline is one sentence of its own (it may hold a colon or a period)
            he = min(le, headline_end) if headline_end > ls else le
            out.append(Sentence(ls, he, text[ls:he], "headline", para))
            if he < le:
                for s, e in _split_line(text, he, le):
                    s2 = s + len(text[s:e]) - len(text[s:e].lstrip())
                    if s2 < e:
                        out.append(Sentence(s2, e, text[s2:e], "body", para))
            prev_headline = True
        else:
            for s, e in _split_line(text, ls, le):
                out.append(Sentence(s, e, text[s:e], section, para))
            prev_headline = False
        para += 1
    return out
