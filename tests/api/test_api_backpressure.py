"""Back-pressure: a 100,000-URL multiupload is accepted in bounded time and memory, and with
the broker queue only a window of tasks reaches the broker."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import redis
from api_helpers import Api, make_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres, redis_db  # noqa: E402

from kagaz.settings import ApiSettings, WorkerSettings  # noqa: E402

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def _body(n: int) -> bytes:
    return json.dumps(
        {
            "product_type": "ARCHIVE",
            "file_urls": [
                {
                    "file_url": f"https://kyc-archive.s3.ap-south-1.amazonaws.com/2019/{i:07d}.pdf"
                    f"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature={i:064x}",
                    "document_id": f"LN-{i}",
                }
                for i in range(n)
            ],
        }
    ).encode()


@pytest.mark.slow
def test_a_100k_url_batch_is_accepted(make_api: Any, tmp_path: Path) -> None:
    n = 100_000
    api: Api = make_api(
        make_settings(
            tmp_path,
            worker=WorkerSettings(count=0),
            api=ApiSettings(max_urls_per_request=n, max_body_bytes=64 * 1024 * 1024),
        )
    )
    token = api.token(api.new_client())
    body = _body(n)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    r = api.client.post(
        "/v1/bulk/multiupload",
        content=body,
        headers={"Token": token, "Content-Type": "application/json"},
    )
    seconds = time.perf_counter() - started
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert r.status_code == 201, r.text[:200]
    answer = r.json()
    assert len(answer) == n and len({a["file_uuid"] for a in answer}) == n
    assert answer[0]["document_id"] == "LN-0" and answer[-1]["document_id"] == f"LN-{n - 1}"
    assert seconds < 60, seconds  # ~10 s here on 2 cores; the bound leaves room for load
    assert grown_mib < 1024, grown_mib  # bounded by the request, not by the batch's future
    last = api.extracts(token, answer[0]["batch_id"], page=n // 50, per_page=50).json()
    assert last["data"][-1]["document_id"] == f"LN-{n - 1}" and not last["has_next"]
    assert last["total_items"] == n


def test_the_default_limit_stays_at_1000(api: Api) -> None:
    token = api.token(api.new_client())
    r = api.client.post(
        "/v1/bulk/multiupload",
        content=_body(1001),
        headers={"Token": token, "Content-Type": "application/json"},
    )
    assert r.status_code == 413 and "At most 1000 file_urls" in r.json()["error_message"]


def test_the_broker_gets_a_window_not_the_batch(make_api: Any, tmp_path: Path) -> None:
    with fresh_postgres() as url, redis_db(10) as broker:
        settings = make_settings(
            tmp_path,
            database_url=url,
            queue="celery",
            broker_url=broker,
            worker=WorkerSettings(
                count=0, celery_queue="kagaz-window", dispatch_window=25, sweeper_in_api=False
            ),
        )
        api: Api = make_api(settings)
        token = api.token(api.new_client())
        answer = api.upload(token, [f"https://x.example/{i}.pdf" for i in range(500)])
        client = redis.Redis.from_url(broker)
        waiting = client.llen("kagaz-window")
        client.close()
        metrics = api.client.get("/metrics").text
    assert len(answer) == 500
    assert waiting == 25  # the rest wait in the database until workers start documents
    assert 'kagaz_queue_depth{state="dispatched"} 25.0' in metrics
    assert 'kagaz_queue_depth{state="queued"} 475.0' in metrics
    assert "kagaz_broker_messages 25.0" in metrics


@pytest.mark.parametrize(
    "url",
    [
        "https://b.s3.ap-south-1.amazonaws.com/k.pdf?X-Amz-Signature=a%2Fb&x=1#frag",
        "http://10.0.0.5:9000/bucket/key",
        "http://h:99999/",
        "HTTPS://EXAMPLE.COM/A",
        "https://münchen.example/a.pdf",
        "http://[::1]:8080/a",
        "http://user:pw@host/a",
        "http://a.com/p q",
        "https:///p",
        "https://",
        "ftp://x/y",
        "javascript:alert(1)",
        "//host/path",
        "http://host\\evil.com/",
    ],
)
def test_fast_url_check_agrees_with_the_full_parse(url: str) -> None:
    from kagaz.api.wire import url_is_acceptable as _acceptable_url
    from kagaz.errors import KagazError
    from kagaz.fetch.fetcher import parse_url

    try:
        parse_url(url)
        expected = True
    except (KagazError, ValueError):
        expected = False
    assert _acceptable_url(url, 8192) is expected
