"""The seller and the buyer of an invoice, told apart by their labels.

Rule 46 asks for the supplier's and the recipient's name, address and GSTIN; invoices print
them in blocks, each under (or after) a label:

* seller: "Sold By", "Seller", "Supplier", "From", "Billed By", "Bill From", "Vendor", "Dealer",
  "Service Provider", "Consignor", "... on behalf of:" (a platform invoicing for a driver or a
  restaurant); else, with no label, the business name at the top of the invoice;
* buyer: "Bill To", "Billed To", "Buyer", "Customer", "Recipient", "Billing Address",
  "Sold To", "Invoice To", "To:", then "Ship To", "Shipping Address", "Consignee" (the goods'
  receiver, used when no billing block is printed).

A GSTIN belongs to the party named on its own line ("Customer GSTIN"), else to the nearest block
label above it in its column (two blocks side by side are two columns); a GSTIN under no block
label, above every buyer label, is the seller's. The seller's GSTIN is never the buyer's.

A label is never a value: "Legal Entity Name", "Name", "Address", "GSTIN" or "Sold By :" printed
alone is a label whose value is to its right or under it (or absent), never the name itself.
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.billing import BRAND_LINE, address_of, clean_party, column_below, date_in, find_gstins, name_conf
from kagaz.doctypes.invoice_cues import INV_NO, title_kind
from kagaz.model import Field, TextLine
from kagaz.text.layout import Layout

__all__ = ["is_label", "parties"]

_START = r"(?:^\W{0,3}|(?<=\s\s)|(?<=\|))"  # a label starts its line or its cell
_SELLER = re.compile(
    _START + r"(?:Sold\s*By|Seller(?:'s)?(?:\s*(?:Name|Details))?|Supplier(?:'s)?(?:\s*(?:Name|Details))?|"
    r"Details\s*of\s*(?:the\s*)?Supplier|Billed\s*By|Bill\s*From|Invoice\s*From|Vendor(?:\s*Name)?|"
    r"Dealer(?:'s)?\s*Name|Service\s*Provider|Consignor|Ship(?:ped)?\s*From|Issued\s*By|"
    r"^\W{0,3}From(?=\s*[:\-]|\s*$))(?![A-Za-z])|\bon\s*behalf\s*of(?=\s*[:\-]|\s*$)", re.I)
_BUYER = re.compile(
    _START + r"(?:Details\s*of\s*(?:the\s*)?)?(?:Buyer|Bill(?:ed)?\s*To|Sold\s*To|Invoice\s*To|Customer|Recipient|"
    r"Receiver|Purchaser|Client|Billing\s*(?:Address|Details)|Destinataire|Factur[ée]\s*[àa]|"
    r"Rechnungsempf[äa]nger|Factuuradres|^\W{0,3}(?:To|Party)(?=\s*[:\-,]|\s*$))"
    r"(?!'?s?\s*(?:Order|Signature|Sign|Care|Copy|Ref|ID|No|Number|GSTIN|Mobile|Phone|Service|Support))(?![A-Za-z])",
    re.I)
_SHIP = re.compile(_START + r"(?:Ship(?:ped)?\s*To|Shipping\s*(?:Address|Details)|Consignee|Deliver(?:y|ed)?\s*"
                   r"(?:To|Address)|Afleveradres)(?![A-Za-z])", re.I)
_NAME_LABEL = re.compile(r"^\W{0,3}(?:(?:Legal|Trade|Business|Company|Registered|Firm|Party|Customer|Buyer|Client|"
                         r"Seller|Supplier)(?:'s)?\s*)?(?:Entity\s*)?Name\b\s*(?:of\s*\w+\s*)?", re.I)
_QUALIFIED = re.compile(r"^\W{0,3}(?:Legal|Trade|Business|Company|Registered|Firm|Seller|Supplier)", re.I)
_BUYER_NAME = re.compile(r"\b(?:Customer|Buyer|Party|Client|Consignee|Purchaser|Recipient)\s*(?:'s)?\s*Name\b|"
                         r"^\s*(?:Customer|Buyer|Bill(?:ed)?\s*To)\s*[:\-]", re.I)
_BLOCK_END = re.compile(r"\b(?:Grand\s*Total|Total|Sub\s*Total|Amount\s*Due|Description|Particulars|HSN|"
                        r"Details\s*of|Operator|Transporter|Financier|Bank\s*Details)\b", re.I)
_RETURN_ADDRESS = re.compile(r"^\s*([^\d\-·•|,]{3,60}?)\s+[-·•|]\s+\S.*\d.*\s[-·•|]\s+.*\d")
_COPY_MARK = re.compile(r"(?:ORIGINAL|DUPLICATE|TRIPLICATE)\s*(?:COPY\s*)?FOR", re.I)
_BARE_NAME = re.compile(r"^\s*Name\s*[:\-]", re.I)
_BUYER_WORDS = re.compile(r"Buyer|Customer|Recipient|Receiver|Purchaser|Party|Consignee|Client|Bill(?:ed)?\s*To|"
                          r"Billing", re.I)
_SELLER_WORDS = re.compile(r"Seller|Supplier|Sold\s*By|Vendor|Our\b|Restaurant|Merchant|Service\s*Provider", re.I)
_LABEL_WORDS = frozenset(
    "name names legal entity trade business company firm registered address addr gstin uin gst gstn no number "
    "num invoice inv date dated state code pan phone ph mobile mob tel telephone email e-mail mail place of supply "
    "customer buyer seller supplier billing shipping bill billed ship shipped to from by sold details detail contact "
    "registration reg id tax vat cin pin pincode city country recipient consignee consignor receiver party client "
    "vendor dealer order reference ref terms payment mode due account ifsc bank branch the and or nos s via "
    "salesperson requisitioner point fob po delivery note dispatched dispatch through destination vehicle "
    "transport transporter carrier eway e-way way balance amount total qty quantity rate price description "
    "item items hsn sac sr sl unit uom discount currency period service services shipment method".split())
NOT_NAME = re.compile(
    r"INVOICE|\bBILL\b|ORIGINAL|DUPLICATE|TRIPLICATE|\bCOPY\b|GSTIN|\bPh\b|PHONE\s*(?:No)?\s*[:.]|"
    r"\bMob(?:ile)?\s*(?:No\.?)?\s*[:.\d]|E-?MAIL|@|WWW|Authori[sz]ed|Dealer\s*:|\bState\b|\bCode\b|Address|"
    r"Details|\bDate|\bTo\b|\||Recipient|Customer|Buyer|Page\s*\d|Signature|Signatory", re.I)


def is_label(text: str) -> bool:
    """Only label words ("Legal Entity Name", "GSTIN/UIN :", "Sold By") or no words at all.

    >>> is_label("Legal Entity Name"), is_label("Sold By :"), is_label("Sai Traders"), is_label("27AAPFU0939F1ZV")
    (True, True, False, False)
    """
    if re.search(r"\d", text):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z\-]*", text)
    return all(w.lower() in _LABEL_WORDS or len(w) == 1 for w in words)  # "P/O No."


def _strip_label(text: str) -> str:
    """The value part of a label line: leading punctuation, "(Bill to)", "Name:" removed."""
    t = re.sub(r"^[\s:.\-#]*(?:\([^)]{0,25}\))?[\W_]*(?:(?:Kind\s*)?Att(?:entio)?n\b\.?\s*:?\s*)?", "", text,
              flags=re.I)
    t = re.sub(r"^[\s:.\-#]+", "", _NAME_LABEL.sub("", t, count=1)).strip()
    return re.split(r",\s*(?=\S)", t, maxsplit=1)[0] if re.search(r",\s*\d", t) else t


_SUFFIX = re.compile(r",\s*(?:Inc|LLC|LLP|Ltd|Limited|Corp|Co|GmbH|B\.?V|S\.?A|AG|Pvt)\b\.?", re.I)


def partyish(text: str) -> bool:
    """A name: letters, no address (no ", " before more text), no date, no label."""
    t = _SUFFIX.sub("", text).strip(" ,:.-")
    return (sum(ch.isalpha() for ch in t) >= 3 and not re.search(r"\d{3}", t) and not date_in(t)
            and not NOT_NAME.search(t) and not re.search(r",\s*\S", t) and not is_label(t))


class _Head:
    """A party block's label: its role, its line and the columns it spans."""

    __slots__ = ("role", "line", "end", "x0", "x1", "ship")

    def __init__(self, role: str, line: TextLine, end: int, ship: bool) -> None:
        self.role, self.line, self.end, self.ship = role, line, end, ship
        self.x0, self.x1 = line.x0 - line.height * 2, float("inf")


def _heads(layout: Layout) -> list[_Head]:
    heads = []
    for ln in layout.lines:
        found = [(m, "seller", False) for m in _SELLER.finditer(ln.text)]
        found += [(m, "buyer", False) for m in _BUYER.finditer(ln.text)]
        found += [(m, "buyer", True) for m in _SHIP.finditer(ln.text)]
        if not found or title_kind(ln.text) or INV_NO.search(ln.text) or _COPY_MARK.search(ln.text):
            continue
        m, role, ship = max(found, key=lambda f: f[0].start())  # "issued by X on behalf of:": the last
        heads.append(_Head(role, ln, m.end(), ship))
    for h in heads:  # a block spans to the next block label on its row
        right = [o.line.x0 for o in heads if o is not h and o.line.page == h.line.page
                 and abs(o.line.cy - h.line.cy) < h.line.height and o.line.x0 > h.line.x1]
        h.x1 = min(right, default=float("inf")) - h.line.height * 0.5
    return heads


def _block_of(heads: list[_Head], line: TextLine, layout: Layout | None = None) -> _Head | None:
    """The nearest block label above ``line`` whose column holds it; with ``layout``, None when
    a line between them ends the block (a total, an items header, another party's label)."""
    above = [h for h in heads if h.line.page == line.page and h.line.cy <= line.cy + 1 and h.line is not line
             and h.x0 <= line.x0 < h.x1]
    head = max(above, key=lambda h: h.line.cy, default=None)
    if head is not None and layout is not None and any(
            ln.page == line.page and head.line.cy < ln.cy < line.cy - 1 and head.x0 <= ln.x0 < head.x1
            and _BLOCK_END.search(ln.text) for ln in layout.lines):
        return None
    return head


def _gstin_roles(layout: Layout, heads: list[_Head]) -> dict[str, tuple[str, int, bool, TextLine]]:
    roles: dict[str, tuple[str, int, bool, TextLine]] = {}
    gstins = find_gstins(layout)
    first_buyer = min((h.line.cy for h in heads if h.role == "buyer" and h.line.page == layout.lines[0].page),
                      default=float("inf"))
    for g in gstins:
        line = g[3]
        at = line.text.upper().find(g[0][:4])
        own = line.text[:at] if at >= 0 else line.text
        if _BUYER_WORDS.search(own):
            role = "buyer"
        elif _SELLER_WORDS.search(own):
            role = "seller"
        elif (block := _block_of(heads, line, layout)) is not None:
            role = block.role
        elif line.page == layout.lines[0].page and line.cy < first_buyer:
            role = "seller"
        elif not heads and "seller" in roles and len({x[0] for x in gstins}) == 2:
            role = "buyer"  # no block labels at all: the second of two GSTINs, printed below the first
        else:
            continue
        if role == "buyer" and g[0] == roles.get("seller", ("",))[0]:
            continue
        roles.setdefault(role, g)
    if "buyer" in roles and roles["buyer"][0] == roles.get("seller", ("",))[0]:
        del roles["buyer"]
    return roles


def _value(layout: Layout, head: _Head) -> tuple[str, TextLine] | None:
    """A party's name after its block label: on the label's line, to its right in the block's
    column, or under it (skipping label lines and taking the value of a "Name:" line)."""
    line = head.line
    rest = _strip_label(line.text[head.end:])
    if rest and not is_label(rest):
        return (rest, line) if partyish(rest) else None
    h = max(line.height, 1.0)
    right = [ln for ln in layout.right_of(line, max_gap=h * 15) if ln.x1 <= head.x1 + h]
    if right and not is_label(right[0].text) and not _SELLER.search(right[0].text) \
            and not _BUYER.search(right[0].text) and partyish(_strip_label(right[0].text)):
        return _strip_label(right[0].text), right[0]
    for ln in column_below(layout, line, max_lines=4, stop=re.compile(r"$^"), first_gap=3.0):
        if ln.x0 >= head.x1:
            continue
        if is_label(ln.text) or re.fullmatch(r"\s*\(.*\)\s*", ln.text):
            continue  # a label, or a remark in brackets "(Not to be used for payment)"
        t = _strip_label(ln.text)
        if t and partyish(t):
            return t, ln
        break
    return None


def _named_in_block(layout: Layout, heads: list[_Head], role: str, before: float) -> tuple[str, TextLine] | None:
    """A "Name" / "Legal Entity Name" / "Trade Name" label in the ``role`` block, or above the
    first buyer block for the seller (platform invoices print a grid of labels)."""
    for ln in layout.lines:
        m = _NAME_LABEL.match(ln.text)
        if ln.page != layout.lines[0].page or not m or (_SELLER_WORDS if role == "buyer" else _BUYER_WORDS).search(
                m.group(0)):
            continue
        block = _block_of(heads, ln)
        if block is None and not _QUALIFIED.match(m.group(0)):
            continue  # a bare "Name:" outside any block could be anybody's
        if (block.role if block else ("seller" if ln.cy < before else None)) != role:
            continue
        rest = _strip_label(ln.text[m.end():]) if m else ""
        if rest and not is_label(rest):
            if partyish(rest):
                return rest, ln
            continue
        right = layout.right_of(ln, max_gap=ln.height * 20)
        below = column_below(layout, ln, max_lines=1, stop=re.compile(r"$^"))
        for cand in [*right[:1], *below]:
            if not is_label(cand.text) and partyish(_strip_label(cand.text)):
                return _strip_label(cand.text), cand
    return None


def _businessy(text: str) -> bool:
    t = text.strip()
    letters = sum(ch.isalpha() for ch in t)
    if letters < 4 or re.search(r"\d", t) or title_kind(t) or NOT_NAME.search(t) or is_label(t):
        return False
    if re.search(r",\s*\S", t.rstrip(", ")):
        return False
    return letters >= 0.6 * len(t.replace(" ", "")) and len(t.split()) <= 8


def _seller_name(layout: Layout, heads: list[_Head], first_buyer: float) -> tuple[str, TextLine, bool] | None:
    for head in (h for h in heads if h.role == "seller"):
        hit = _value(layout, head)
        if hit:
            return clean_party(hit[0]), hit[1], True
    hit = _named_in_block(layout, heads, "seller", first_buyer)
    if hit:
        return clean_party(hit[0]), hit[1], True
    page = layout.lines[0].page
    # the seller prints its name above the buyer's block (or, without one, above the number)
    stops = [h.line.y1 for h in heads if h.role == "buyer" and h.line.page == page] or \
        [ln.y1 for ln in layout.find(INV_NO) if ln.page == page]
    limit = min(stops, default=float("inf"))
    for ln in layout.lines:  # a letter's return-address line: "Name - Street 40 - 63571 Town"
        m = _RETURN_ADDRESS.match(ln.text)
        if ln.page == page and ln.y0 < limit and m and _businessy(m.group(1)):
            return clean_party(m.group(1)), ln, False
    cands = [ln for ln in layout if ln.page == page and ln.y0 < limit and _businessy(ln.text)
             and not any(h.line is ln for h in heads)]
    if not cands:
        return None
    best = cands[0]
    for ln in cands[1:4]:
        if ln.height > best.height * 1.3:
            best = ln
    return clean_party(best.text), best, False


def _buyer_name(layout: Layout, heads: list[_Head]) -> tuple[str, TextLine, bool] | None:
    numbers = [ln for ln in layout.find(INV_NO) if ln.page == layout.lines[0].page]
    bare = [ln for ln in layout.find(_BARE_NAME) if numbers and ln.page == numbers[0].page
            and ln.cy > numbers[0].cy and _block_of(heads, ln) is None]  # "Name:" under the bill number
    for ln in [*layout.find(_BUYER_NAME), *bare]:
        m = _BUYER_NAME.search(ln.text) or _BARE_NAME.search(ln.text)
        rest = _strip_label(ln.text[m.end():]) if m else ""
        name = re.split(r"\s{2,}|\b(?:Mobile|Mob|Phone|Ph|GSTIN|Date)\b", rest, maxsplit=1, flags=re.I)[0]
        if partyish(name):
            return clean_party(name), ln, True
        right = layout.right_of(ln, max_gap=ln.height * 20)
        if not rest and right and partyish(_strip_label(right[0].text)):
            return clean_party(_strip_label(right[0].text)), right[0], True
    buyers = sorted((h for h in heads if h.role == "buyer"), key=lambda h: h.ship)  # billing before shipping
    for head in buyers:
        hit = _value(layout, head)
        if hit:
            return clean_party(hit[0]), hit[1], True
    hit = _named_in_block(layout, heads, "buyer", float("inf"))
    return (clean_party(hit[0]), hit[1], True) if hit else None


def parties(layout: Layout, fields: dict[str, Field]) -> None:
    """``seller_name``, ``seller_gstin``, ``dealer_address``, ``buyer_name``, ``buyer_gstin`` and
    ``buyer_address`` into ``fields``."""
    if not layout.lines:
        return
    heads = _heads(layout)
    for role, (value, repairs, ok, line) in _gstin_roles(layout, heads).items():
        fields[f"{role}_gstin"] = make_field(value, confidence(line.score, checked=ok, repairs=repairs), line)
    page = layout.lines[0].page
    first_buyer = min((h.line.cy for h in heads if h.role == "buyer" and h.line.page == page), default=float("inf"))
    seller = _seller_name(layout, heads, first_buyer)
    if seller:
        name, line, anchored = seller
        fields["seller_name"] = make_field(
            name, name_conf(confidence(line.score, anchored=anchored, free_text=True), name), line)
        addr = [ln for ln in column_below(layout, line, max_lines=4, first_gap=3.0, skip=BRAND_LINE)
                if not is_label(ln.text)]
        if addr:
            fields["dealer_address"] = make_field(address_of(addr), min(
                confidence(min(ln.score for ln in addr), free_text=True), 0.85), addr[0])
    buyer = _buyer_name(layout, heads)
    if buyer:
        name, line, anchored = buyer
        fields["buyer_name"] = make_field(
            name, name_conf(confidence(line.score, anchored=anchored, free_text=True), name), line)
        addr = [ln for ln in column_below(layout, line, max_lines=4) if not is_label(ln.text)]
        if not addr:
            rx = re.compile(r"^\s*(?:Customer\s*|Billing\s*)?Address\b\s*[:.\-]?\s*(?=\S)", re.I)
            addr = [ln for ln in layout.find(rx) if not is_label(ln.text)][:1]
        if addr:
            fields["buyer_address"] = make_field(address_of(addr), min(
                confidence(min(ln.score for ln in addr), free_text=True), 0.85), addr[0])
