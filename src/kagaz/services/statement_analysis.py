"""Several bank statements of one applicant analysed as one (issue 19).

Each document's own ``analysis`` is computed by the engine when it is read (its ``file_data``
carries it). This service answers for several finished BANK_STATEMENT documents of one client at
once, from the one view of their results (:mod:`kagaz.services.results`: reviewers' corrections
overlaid, so a corrected row counts as corrected), merged by
:func:`kagaz.doctypes.statement_analysis.analyse_statements`: rows that two overlapping statements
of the same account both print are counted once, accounts are kept apart for balances, and the
gaps between statements are flagged. ``application_date`` raises ``ends_before_application``;
``abb_days`` asks for the fixed-days average bank balance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from kagaz.database import corrections
from kagaz.database.models import FINAL_STATUSES
from kagaz.doctypes.statement_analysis import analyse, analyse_statements, statement_of
from kagaz.services.errors import BadRequest, Conflict, NotFound
from kagaz.services.results import overlay
from kagaz.services.wiring import Parts

__all__ = ["MAX_STATEMENTS", "analyse_files", "merged_analysis", "reanalysed"]

MAX_STATEMENTS = 24  # two years of monthly statements
_FINAL = {s.value for s in FINAL_STATUSES}


def analyse_files(parts: Parts, *, client_id: str, file_uuids: Sequence[str],
                  application_date: dt.date | None = None,
                  abb_days: Sequence[int] | None = None) -> dict[str, Any]:
    """The merged analysis of the client's statements ``file_uuids`` (in any order). 404 for a
    document the client does not have, 409 for one still being read, 400 for one that is not a
    bank statement or has no transactions."""
    if not file_uuids or len(set(file_uuids)) != len(file_uuids) or len(file_uuids) > MAX_STATEMENTS:
        raise BadRequest(f"file_uuids must name 1 to {MAX_STATEMENTS} different documents")
    results: list[dict[str, Any]] = []
    with parts.db.session() as session:
        found = corrections.latest_values(session, list(file_uuids))
        for file_uuid in file_uuids:
            doc = corrections.get_reviewable(session, file_uuid=file_uuid, client_id=client_id)
            if doc is None:
                raise NotFound(f"No such file: {file_uuid}")
            if doc.status not in _FINAL:
                raise Conflict(f"{file_uuid} is still being read; analyse it once it is done")
            data = overlay(dict(doc.result or {}), found.get(file_uuid, {}))
            if data.get("document_type") != "BANK_STATEMENT" or not isinstance(
                    (data.get("transactions") or {}).get("value"), list):
                raise BadRequest(f"{file_uuid} is not a bank statement with transactions")
            results.append(data)
    out = merged_analysis(results, application_date=application_date, abb_days=abb_days)
    out["file_uuids"] = list(file_uuids)  # the "statement" of a merged row indexes this list
    return out


def merged_analysis(results: Sequence[dict[str, Any]], *, application_date: dt.date | None = None,
                    abb_days: Sequence[int] | None = None) -> dict[str, Any]:
    """The merged analysis of BANK_STATEMENT ``file_data`` objects (the API's, the CLI's); a
    merged row's ``statement`` is its index in ``results``."""
    return analyse_statements([statement_of(r) for r in results], application_date=application_date,
                              abb_days=abb_days)


def reanalysed(file_data: dict[str, Any], *, application_date: dt.date | None = None,
               abb_days: Sequence[int] | None = None) -> dict[str, Any]:
    """A BANK_STATEMENT ``file_data`` whose ``analysis`` is computed again with an application
    date or fixed ABB days (the engine's own has neither); other documents as they are."""
    if file_data.get("document_type") != "BANK_STATEMENT":
        return file_data
    st = statement_of(file_data)
    if not isinstance(st["transactions"], list):
        return file_data
    file_data["analysis"] = analyse(st["transactions"], opening_balance=st["opening_balance"],
                                    closing_balance=st["closing_balance"], period_from=st["period_from"],
                                    period_to=st["period_to"], application_date=application_date,
                                    abb_days=abb_days)
    return file_data
