"""The statement analysis in the review console (issue 19): the balance chart (inline SVG), the
flags, and a flag's row link turning the viewer to that row and marking its box."""

from __future__ import annotations

import random
import time
from typing import Any

from console_helpers import Server, screenshot, sign_in, wait_until

from kagaz.synth.render import to_pdf
from kagaz.synth.statement_story import plan_story, render_story

pytest_plugins = ["console_helpers"]  # fixtures: server, browser


SEED = 4  # a story with a mandate posted then returned, its charge, and an inward cheque return


def test_statement_analysis_chart_flags_and_row_links(server: Server, browser: Any) -> None:
    story = plan_story(random.Random(SEED), "hdfc", 3)
    assert story.returns  # the seed plants a mandate return and its charge
    pdf = to_pdf(render_story(story, random.Random(1)).canvases)
    creds = server.new_client("analysis")
    token = server.token(creds)
    status, body = server.upload(token, {"statement.pdf": pdf})
    assert status == 201, body
    file_uuid = body[0]["file_uuid"]
    deadline = time.monotonic() + 60
    while True:
        status, doc = server.json("GET", f"/v1/console/documents/{file_uuid}", token=token)
        assert status == 200, doc
        if doc["status"] in ("done", "failed"):
            break
        assert time.monotonic() < deadline
        time.sleep(0.1)
    analysis = doc["file_data"]["analysis"]
    returns = next(f for f in analysis["flags"] if f["code"] == "returns")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, server, creds)
    page.goto(f"{server.base}/console#/doc/{file_uuid}")
    page.wait_for_selector(".analysis svg.chart path.balance")
    assert len(page.query_selector_all(".analysis svg.chart rect.cbar.credit")) == len(analysis["monthly"])
    assert page.inner_text(".analysis .flags").count("returns") == 1
    row = returns["rows"][-1]
    page.click(f".analysis .flags button[aria-label='Show row {row}']")
    wait_until(page, f"!!document.querySelector('.overlay .box.flagged[data-row=\"{row}\"]')")
    page.eval_on_selector(".analysis", "el => el.scrollIntoView()")
    screenshot(page, "console-statement-analysis")
    context.close()
