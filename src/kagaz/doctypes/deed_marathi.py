"""What Marathi deeds share: parties by their roles, dates, the registration endorsement, the property.

A deed registered in Maharashtra (a sale deed, "खरेदीखत"; a gift deed, "बक्षीसपत्र" / "दानपत्र")
is written as running prose, not as a form, but the law fixes what it must say. The Registration
Act 1908 (s. 32A, and the Maharashtra Registration Rules 1961) wants each executant and claimant
named and described: the name (with an honorific "श्री." / "श्रीमती" / "सौ."), the age ("वय"),
the occupation ("धंदा") and the residence ("रा." / "राहणार"). Each party is named by its role:
"लिहून देणार" (the one who executes the deed) and "लिहून घेणार" (the one in whose favour it is
written), or by the role in the transaction ("खरेदी देणार" / "खरेदी घेणार", "बक्षीस देणार" /
"बक्षीस घेणार"). The date of execution ("आज दिनांक 12/03/2023 रोजी", or "तारीख 12 माहे मार्च सन
2023"), the property ("मिळकतीचे वर्णन", "परिशिष्ट") with its survey number, and the sub-registrar's
endorsement ("दुय्यम निबंधक", "दस्त क्रमांक 1234/2023", "नोंदणी दिनांक") follow.

The type modules (``sale_deed``, ``gift_deed``) hand in their own role words; everything here works
on the whole text, its digits made ASCII (:class:`DeedText`).

>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''खरेदीखत
... आज दिनांक १२/०३/२०२३ रोजी
... लिहून देणार : श्री. रमेश सुरेश पाटील, वय 45 वर्षे, धंदा शेती, रा. वाघोली
... लिहून घेणार : श्रीमती अनिता विजय कदम, वय 38 वर्षे, रा. पुणे
... दुय्यम निबंधक हवेली क्र. 3
... दस्त क्रमांक 4567/2023'''
>>> deed = DeedText(Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)))
>>> deed.party(re.compile("लिहून देणार"))[0], deed.party(re.compile("लिहून घेणार"))[0]
('रमेश सुरेश पाटील', 'अनिता विजय कदम')
>>> deed.execution_date()[0], deed.document_number()[0], deed.office()[0]
('12/03/2023', '4567/2023', 'हवेली क्र. 3')
>>> parse_marathi_date("तारीख 5 माहे ऑगस्ट सन 2021")
'05/08/2021'
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.land_records import DEVA_WORD, marathi_rows, survey_number
from kagaz.matching.land import survey_numbers_in
from kagaz.matching.translit import to_latin
from kagaz.model import Field, TextLine
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.dates import parse_date
from kagaz.text.devanagari import mend_name
from kagaz.text.layout import Layout

__all__ = ["DeedText", "name_fields", "opens_as", "other_party", "parse_marathi_date"]

_MONTHS = {m: i + 1 for i, m in enumerate((
    "जानेवारी", "फेब्रुवारी", "मार्च", "एप्रिल", "मे", "जून", "जुलै", "ऑगस्ट", "सप्टेंबर", "ऑक्टोबर",
    "नोव्हेंबर", "डिसेंबर"))}
_NAMED_DATE = re.compile(r"(\d{1,2})\s*(?:माहे|महिना)?\s*(" + "|".join(_MONTHS) + r")\s*(?:सन\s*)?(\d{4})")
_HONORIFIC = r"(?:श्रीमती|श्रीम\.|श्री\s*\.?|सौ\s*\.?|कु\s*\.|कुमारी|डॉ\s*\.)"
# A party's name: two to five words, closed by its description (age, residence, occupation) or a comma.
_NAME = r"((?:" + DEVA_WORD + r"\s+){1,4}?" + DEVA_WORD + r")\s*(?=,|\(|वय(?=[\s:：\-–\d])|रा\s*\.|राहणार|धंदा|मु\s*\.\s*पो|यांस|यांनी|$)"
_AFTER = re.compile(r"\s*[)\]]?\s*(?:\([^)]{0,40}\))?\s*[:：\-–]*\s*(?:\d\s*[).]\s*)?(?:नाव\s*[:：\-–]*\s*)?" + _HONORIFIC
                    + r"?\s*" + _NAME)
_PERSON = re.compile(_HONORIFIC + r"\s*" + _NAME)
_INTRODUCES = re.compile(r"\s*[)\]]?\s*(?:\([^)]{0,40}\))?\s*[:：\-–]+\s*(?:\d\s*[).]\s*)?(?:नाव\s*[:：\-–]*\s*)?" + _HONORIFIC)
# The formula a Marathi deed opens with names the instrument: "खरेदीखत आज दिनांक … रोजी … येथे
# लिहून देण्यात येते की" ("this sale deed is written today …").
_OPENING = r"^\W*(?:कायम\s*)?(?:{})\s*(?:हे\s*)?आज\s*(?:दिनांक|तारीख|दि\s*\.)"


def opens_as(layout: Layout, instrument: str) -> bool:
    """Whether one of the first lines opens the deed as ``instrument`` (a regex of its names),
    when its title line was lost to OCR.

    >>> from kagaz.ocr.fake import lines_from_text
    >>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
    ...     "शी\\nखरेदीखत आज दिनांक 01/09/2014 रोजी रावेर येथे लिहून देण्यात येते की,"))
    >>> opens_as(lay, "खरेदी खत|खरेदीखत"), opens_as(lay, "बक्षीसपत्र")
    (True, False)
    """
    rx = re.compile(_OPENING.format(instrument))
    return any(rx.match(line.text.strip()) for line in layout.lines[:40])


# Words of the deed's prose that never belong to a name.
_NOT_NAME = frozenset("यांनी यांस यांना सदर मिळकत लिहून देणार घेणार खरेदी बक्षीस बक्षिस दान आज दिनांक रोजी "
                      "वय धंदा राहणार वर्षे खरेदीखत बक्षीसपत्र दानपत्र आम्ही मी तुम्ही तुम्हांस की हे हा ही माझा माझी "
                      "माझे असून आहे व पुढे असे".split())
_DOC_NO = re.compile(r"दस्त\s*(?:क्रमांक|क्र\s*\.?|नं\s*\.?|नंबर)\s*[:：\-–]*\s*(\d{1,7})\s*[/\-]\s*((?:19|20)\d{2})")
_NUMBERED = re.compile(r"(?:क्रमांक|क्र\s*\.|नं\s*\.)\s*[:：\-–]*\s*(\d{1,7})\s*/\s*((?:19|20)\d{2})")
_ENDORSEMENT = re.compile(r"निबंधक|नोंदणी|पुस्तक")
# A party's description: honorific, name, then the age within a few characters.
_DESCRIBED = re.compile(_HONORIFIC + r"\s*((?:" + DEVA_WORD + r"\s+){1,4}?" + DEVA_WORD + r")\s*,?\s*\S{0,3}\s*\d{2}\s*वर्षे")
_OFFICE = re.compile(r"(?:सह\s*)?दुय्यम\s*निबंधक\s*(?:वर्ग\s*-?\s*\d\s*)?[,:：\-–]*\s*")
_OFFICE_END = re.compile(r"\s*(?:यांच्या|यांचे|यांचेकडे|कार्यालय|येथे|दस्त|नोंदणी|\||$)")
# ("ता." is the taluka's abbreviation far more often than the date's)
_EXECUTED = re.compile(r"(?:आज\s*)?(?:दिनांक|दि\s*\.|तारीख)\s*[:：\-–]?\s*")
# A number cited as the source of title ("खरेदीखत दस्त क्र. 812/2004 अन्वये") is another deed's.
_CITED = re.compile(r"\s*(?:अन्वये|नुसार|प्रमाणे|द्वारे|ने\s|च्या)")
_REGISTERED = re.compile(r"नोंदणी\s*(?:केल्याचा\s*)?(?:दिनांक|दि\s*\.|तारीख)|नोंदविल्याचा\s*दिनांक|दस्त\s*नोंदणी\s*दिनांक")
# The heading, not the operative sentence's "खालील परिशिष्टात वर्णन केलेली मिळकत" (the word inflected).
_PROPERTY_HEAD = re.compile(r"(?:(?:मिळकतीचे|मालमत्तेचे|जमिनीचे|सदनिकेचे)\s*(?:संपूर्ण\s*)?वर्णन|परिशिष्ट|अनुसूची)"
                            r"(?![\u0900-\u097F])(?:\s*(?:खालीलप्रमाणे|पुढीलप्रमाणे))?")
# Where the description stops: the boundaries, the closing words, the end of a sentence (a verb and
# a full stop: "ता." and "नं." are abbreviations inside it).
_PROPERTY_END = re.compile(r"\s*(?:चतु[ःः:]?\s*सीमा|पूर्वेस|येणेप्रमाणे|साक्षीदार|सदर\s*मिळकत|[।]|"
                           r"(?:आहे|आहेत|दिली|केली|होती|होते)\s*\.)")
# An amount; one closed by "/-" may have a space OCR put between its digits ("23325 000/-"), and a
# speck beside the abbreviation's dot may read as a second one ("रु..642750/-").
_MONEY = re.compile(r"(?:रु\s*\.?|रुपये|₹|Rs\.?)\s*[.:：\-]{0,2}\s*(\d[\d,]*(?: \d[\d,]*)+(?=\s*/-)|\d[\d,]*(?:\.\d{1,2})?)"
                    r"\s*(?:/-)?", re.I)


def parse_marathi_date(text: str) -> str | None:
    """A date as ``DD/MM/YYYY``: numeric, or "12 माहे मार्च सन 2023" with the month's Marathi name."""
    m = _NAMED_DATE.search(text)
    if m:
        return parse_date(f"{m.group(1)}/{_MONTHS[m.group(2)]}/{m.group(3)}")
    return parse_date(text)


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[0] in _NOT_NAME:
        words.pop(0)
    if len(words) < 2 or any(w in _NOT_NAME for w in words):
        return None
    return " ".join(words)


class DeedText:
    """A deed's lines as one running text (digits ASCII), with where each line starts in it."""

    def __init__(self, layout: Layout) -> None:
        self.rows = marathi_rows(layout)
        parts, self._starts, pos = [], [], 0
        for text, line in self.rows:
            self._starts.append((pos, line))
            parts.append(text)
            pos += len(text) + 1
        self.text = "\n".join(parts)

    def line_at(self, pos: int) -> TextLine:
        found = [ln for p, ln in self._starts if p <= pos]
        return found[-1] if found else self._starts[0][1]

    def party(self, role: re.Pattern[str]) -> tuple[str, TextLine] | None:
        """The party a role phrase introduces: the name right after it ("लिहून देणार : श्री. …,
        वय …"); else, for deeds that name the party first and its role after ("श्री. …, वय …, रा.
        … यांस पुढे लिहून घेणार असे म्हटले आहे"), the last named person before the role."""
        hits = list(role.finditer(self.text))
        for m in hits:
            after = _AFTER.match(self.text, m.end())
            name = _clean_name(" ".join(after.group(1).split())) if after else None
            if name:
                return name, self.line_at(after.start(1))
        for m in hits:
            if _INTRODUCES.match(self.text, m.end()):
                continue  # a party follows this role but its name was misread: not the one before
            people = [p for p in _PERSON.finditer(self.text, max(0, m.start() - 400), m.start())
                      if _clean_name(p.group(1))]
            if people:
                p = people[-1]
                return _clean_name(" ".join(p.group(1).split())) or "", self.line_at(p.start(1))
        return None

    def execution_date(self) -> tuple[str, TextLine] | None:
        """The first date after "दिनांक" / "तारीख" that is not the registration's."""
        for m in _EXECUTED.finditer(self.text):
            if _REGISTERED.search(self.text, max(0, m.start() - 25), m.end()):
                continue
            date = parse_marathi_date(self.text[m.end(): m.end() + 40])
            if date:
                return date, self.line_at(m.end())
        return None

    def registration_date(self) -> tuple[str, TextLine] | None:
        m = _REGISTERED.search(self.text)
        date = parse_marathi_date(self.text[m.end(): m.end() + 40]) if m else None
        if m and date:
            return date, self.line_at(m.end())
        if m:
            return None
        # "नोंदणी" misread ("अवनी दिन दिनांक 30-12-2019"): the sub-registrar's endorsement prints
        # the document's number and, a line or two under it, the date it was registered
        for doc in _DOC_NO.finditer(self.text):
            if _CITED.match(self.text, doc.end()):
                continue
            for d in _EXECUTED.finditer(self.text, doc.end(), doc.end() + 120):
                if d.group(0).startswith("आज"):
                    break  # the deed's opening sentence ("… आज दिनांक"): its execution date
                if date := parse_marathi_date(self.text[d.end(): d.end() + 40]):
                    return date, self.line_at(d.end())
        return None

    def document_number(self) -> tuple[str, TextLine] | None:
        for m in _DOC_NO.finditer(self.text):
            if not _CITED.match(self.text, m.end()):
                return f"{m.group(1)}/{m.group(2)}", self.line_at(m.start(1))
        # "दस्त" misread: a numbered entry in the endorsement, beside the office or the registration
        for m in _NUMBERED.finditer(self.text):
            near = self.text[max(0, m.start() - 150): m.end() + 150]
            if not _CITED.match(self.text, m.end()) and _ENDORSEMENT.search(near):
                return f"{m.group(1)}/{m.group(2)}", self.line_at(m.start(1))
        return None

    def people(self) -> list[tuple[str, TextLine]]:
        """Every party described in the deed ("श्री. …, वय …"), in order: what is left when OCR
        lost the role words in front of them."""
        out: list[tuple[str, TextLine]] = []
        for m in _DESCRIBED.finditer(self.text):
            name = _clean_name(" ".join(m.group(1).split()))
            if name and name not in [n for n, _ in out]:
                out.append((name, self.line_at(m.start(1))))
        return out

    def office(self) -> tuple[str, TextLine] | None:
        """The sub-registrar's office as printed after "दुय्यम निबंधक" ("हवेली क्र. 3")."""
        for m in _OFFICE.finditer(self.text):
            line_end = self.text.find("\n", m.end())
            rest = self.text[m.end(): line_end if line_end >= 0 else len(self.text)]
            cut = _OFFICE_END.search(rest)
            value = " ".join(rest[: cut.start()].split()).strip(" ,.:-")
            if value and re.search(DEVA_WORD, value):
                return value, self.line_at(m.end())
        return None

    def property(self) -> tuple[str, TextLine] | None:
        """The property's description after its heading, up to its boundaries or the next sentence."""
        for m in _PROPERTY_HEAD.finditer(self.text):
            start = re.match(r"[\s:：\-–()]*", self.text[m.end():])
            begin = m.end() + (start.end() if start else 0)
            if _PROPERTY_HEAD.match(self.text, begin):
                continue  # "परिशिष्ट - मिळकतीचे वर्णन": the description follows the second heading
            tail = self.text[begin: begin + 500]
            cut = _PROPERTY_END.search(tail)
            value = " ".join((tail[: cut.start()] if cut else tail[:300]).split()).strip(" ,.:-")
            if len(value) >= 10:
                return value, self.line_at(begin)
        return None

    def amount_near(self, label: re.Pattern[str], *, span: int = 80) -> tuple[str, TextLine] | None:
        """The first amount within ``span`` characters after ``label``."""
        for m in label.finditer(self.text):
            money = _MONEY.search(self.text, m.end(), m.end() + span)
            value = to_decimal(re.sub(r"[,\s]", "", money.group(1))) if money else None
            if money and value is not None:
                return format_amount(value), self.line_at(money.start())
        return None

    def survey_number(self) -> tuple[str, TextLine] | None:
        """The property's survey number: in its description first (the boundaries name the
        neighbours' numbers), else the first labelled one."""
        prop = self.property()
        found = survey_numbers_in(prop[0]) if prop else []
        return (found[0], prop[1]) if prop and found else survey_number(self.rows)


def other_party(found: tuple[str, TextLine] | None, people: list[tuple[str, TextLine]]
                ) -> tuple[str, TextLine] | None:
    """The party described in the deed that is not ``found``: a deed has two sides, so when one
    side's role words were misread the other described person is that side."""
    if found is None:
        return None
    rest = [p for p in people if p[0] != found[0]]
    return rest[0] if len(people) >= 2 and rest else None


def name_fields(key: str, hit: tuple[str, TextLine] | None, out: dict[str, Field]) -> None:
    """``key`` and ``key_latin`` (:func:`kagaz.matching.translit.to_latin`, so that a PAN's name can
    be matched against it) for a party's name."""
    if hit is None:
        return
    conf, name = confidence(hit[1].score, free_text=True), mend_name(hit[0])
    out[key] = make_field(name, conf, hit[1])
    out[f"{key}_latin"] = make_field(to_latin(name)[0], conf, hit[1])
