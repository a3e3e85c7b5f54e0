"""Statement analysis through the API (issue 19): each statement's ``analysis`` in Bulk and
Docstream extracts, and ``POST /v1/statements/analysis`` merging two overlapping statements of
one account (rows both print counted once), with a reviewer's correction taken into account."""

from __future__ import annotations

import random
import time
from decimal import Decimal
from typing import Any

from api_helpers import Api, pan_pdf

from kagaz.synth.render import to_pdf
from kagaz.synth.statement_story import Story, plan_story, render_story

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def _part(story: Story, start: int, end: int) -> Story:
    """Rows ``start:end`` of a story as a statement of their own months."""
    rows = story.rows[start:end]
    first, last = rows[0].date.replace(day=1), rows[-1].date
    opening = rows[0].balance - (rows[0].credit or Decimal(0)) + (rows[0].debit or Decimal(0))
    part = Story(story.house, opening, (first, last), rows=rows, kinds=story.kinds[start:end],
                 account=story.account, holder=story.holder)
    return part


def _upload(api: Api, token: str, family: str, files: dict[str, bytes]) -> list[dict[str, Any]]:
    r = api.client.post(f"/v1/{family}/upload", headers={"Token": token},
                        files=[("files", (name, data, "application/pdf")) for name, data in files.items()])
    assert r.status_code == 201, r.text
    batch_id = r.json()[0]["batch_id"]
    deadline = time.monotonic() + 60
    while True:
        items = list(api.extracts(token, batch_id, family=family).json()["data"])
        if all(i["status"] in ("done", "failed") for i in items):
            break
        assert time.monotonic() < deadline, items
        time.sleep(0.1)
    assert all(i["status"] == "done" for i in items), items
    return items


def test_extracts_carry_the_analysis_and_statements_merge(api: Api) -> None:
    creds = api.new_client("statements")
    token = api.token(creds)
    story = plan_story(random.Random(8), "icici", 6)
    half = len(story.rows) // 2
    first, second = _part(story, 0, half + 6), _part(story, half - 6, len(story.rows))
    pdfs = {f"part{i}.pdf": to_pdf(render_story(s, random.Random(i)).canvases)
            for i, s in enumerate((first, second))}
    for family in ("bulk", "docstream"):
        items = _upload(api, token, family, {"part0.pdf": pdfs["part0.pdf"]})
        data = items[0]["file_data"]
        assert data["document_type"] == "BANK_STATEMENT"
        assert data["analysis"]["monthly"] and data["analysis"]["average_bank_balance"]["method"] == "end_of_day_mean"
        assert all("category" in row for row in data["transactions"]["value"])
    items = _upload(api, token, "bulk", pdfs)
    uuids = [i["file_uuid"] for i in items]

    r = api.client.post("/v1/statements/analysis", headers={"Token": token},
                        json={"file_uuids": uuids, "application_date": "01/01/2030", "abb_days": [25, 5, 15]})
    assert r.status_code == 200, r.text
    merged = r.json()["analysis"]
    assert len(merged["transactions"]) == len(story.rows)  # the 12 rows both print, once
    assert len(merged["duplicates"]) == 12
    assert merged["average_bank_balance"]["days"] == [5, 15, 25]
    assert merged["file_uuids"] == uuids
    assert any(f["code"] == "ends_before_application" for f in merged["flags"])
    salary_rows = [merged["transactions"][r] for c in merged["salary"]["credits"] for r in c["rows"]]
    assert len(salary_rows) == story.kinds.count("salary")
    total = sum(Decimal(m["credits_total"]) for m in merged["monthly"])
    assert total == sum((t.credit for t in story.rows if t.credit), Decimal(0))

    # A reviewer's correction of a row is what the merged analysis counts.
    row = next(i for i, t in enumerate(first.rows) if t.credit)
    r = api.client.put(f"/v1/files/{uuids[0]}/fields/transactions[{row}].credit",
                       json={"value": "1.00"}, headers={"Token": token})
    assert r.status_code == 200, r.text
    again = api.client.post("/v1/statements/analysis", headers={"Token": token},
                            json={"file_uuids": uuids}).json()["analysis"]
    assert sum(Decimal(m["credits_total"]) for m in again["monthly"]) == total - first.rows[row].credit + 1
    # ... and so does the statement's own analysis wherever its result is shown.
    shown = api.client.get(f"/v1/console/documents/{uuids[0]}", headers={"Token": token}).json()["file_data"]
    assert shown["transactions"]["value"][row]["credit"] == "1.00"
    month = next(m for m in shown["analysis"]["monthly"] if row in m["rows"])
    before = next(m for m in items[0]["file_data"]["analysis"]["monthly"] if m["month"] == month["month"])
    assert Decimal(month["credits_total"]) == Decimal(before["credits_total"]) - first.rows[row].credit + 1

    # Errors: another client's document, a document that is not a statement, a bad body.
    other = api.token(api.new_client("other"))
    r = api.client.post("/v1/statements/analysis", headers={"Token": other}, json={"file_uuids": uuids})
    assert r.status_code == 404
    (pan,) = _upload(api, token, "bulk", {"pan.pdf": pan_pdf()})
    r = api.client.post("/v1/statements/analysis", headers={"Token": token}, json={"file_uuids": [pan["file_uuid"]]})
    assert r.status_code == 400 and "not a bank statement" in r.text
    for body in ({"file_uuids": []}, {"file_uuids": uuids, "application_date": "31/02/2024"},
                 {"file_uuids": uuids, "abb_days": [0]}, {"file_uuids": uuids, "extra": 1}):
        assert api.client.post("/v1/statements/analysis", headers={"Token": token}, json=body).status_code == 400
