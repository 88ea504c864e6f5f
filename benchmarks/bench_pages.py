"""Page throughput against the bare floor view, run by scripts/bench.sh (which starts PostgreSQL
and gunicorn on 127.0.0.1 and loads the demo data).

    python benchmarks/bench_pages.py --base http://127.0.0.1:PORT [--duration 10] [--rounds 2]

Sessions are made in-process with Django's test client against the same database (sessions
live in the database): a person who walked the questionnaire and saved it, and counsellor,
coordinator and programme accounts logged in with password and TOTP code. The test client
also counts the SQL queries of one request per page. The load generator (wrk from Debian, else
a small asyncio one) then sends 20 concurrent clients at each page and at /bench/floor in
turns, and the script prints one table: page, requests/s, p50, p95, ratio to the floor's rate,
queries per request. Then first-load bytes (compressed) and requests of three pages.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp.oath import totp  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from pathways.models import SavedAnswers  # noqa: E402

CLIENTS = 20
PASSWORD = "bench-Passwort-7319"

LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.6f %.3f %.3f %d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def staff_session(username: str) -> Client:
    """Logs ``username`` in as a person would: password, then the TOTP code of their app."""
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, (username, response.status_code)
    # A code not used yet: a TOTP device refuses the same time step twice.
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("second_factor_verify"), {"token": code})
    assert response.status_code == 302, (username, response.status_code)
    return client


def public_session() -> tuple[Client, str]:
    """Herr Delić's answers walked and saved; the saved code's result page is measured."""
    sys.path.insert(0, str(ROOT))
    from tests.questionnaire.walks import DELIC, walk

    client = Client()
    walk(client, DELIC)
    client.post(reverse("questionnaire:save"))
    saved = SavedAnswers.objects.order_by("-created_at").first()
    assert saved is not None
    client.post(reverse("questionnaire:resume"), {"code": saved.code})
    return client, reverse("questionnaire:reopen", args=[saved.code])


def pages() -> list[tuple[str, str, Client]]:
    person, result_url = public_session()
    counsellor = staff_session("beraterin")
    coordinator = staff_session("koordinator")
    programme = staff_session("programm")
    first_question = reverse("questionnaire:question", args=["age"])
    found = counsellor.get(reverse("counselling:client_search"), {"q": "K"})
    assert found.status_code == 200, found.status_code
    return [
        ("home", reverse("home"), Client()),
        ("a question", first_question, person),
        ("result page (saved)", result_url, person),
        ("Herr Delić timeline", reverse("hiring:herr_delic") + "?start=2026-03-02&land=BE",
         Client()),
        ("counsellor dashboard", reverse("counselling:dashboard"), counsellor),
        ("client list", reverse("counselling:client_search") + "?q=K", counsellor),
        ("network figures", reverse("counselling:figures"), coordinator),
        ("programme figures", reverse("counselling:figures"), programme),
    ]  # fmt: skip


def queries(client: Client, url: str) -> int:
    client.get(url)  # warm: the first request may create what later ones find
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def cookie_header(client: Client) -> str:
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


# --- load generators ---------------------------------------------------------------------------


def run_wrk(wrk: str, url: str, cookie: str, seconds: float, script: Path) -> tuple:
    command = [wrk, "-t2", f"-c{CLIENTS}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", str(script),
               "-H", "Accept-Encoding: gzip", "-H", "Accept-Language: de"]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    count, duration, p50, p95, errors = line.split()[1:]
    return int(count) / float(duration), float(p50), float(p95), int(errors)


async def _asyncio_load(url: str, cookie: str, seconds: float) -> tuple:
    import httpx

    headers = {"Accept-Encoding": "gzip", "Accept-Language": "de"}
    if cookie:
        headers["Cookie"] = cookie
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def worker(http):
        nonlocal errors
        while (began := time.perf_counter()) < stop:
            response = await http.get(url, headers=headers)
            latencies.append(time.perf_counter() - began)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=CLIENTS)
    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        await asyncio.gather(*(worker(http) for _ in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, cuts[49] * 1000, cuts[94] * 1000, errors


def load(url: str, cookie: str, seconds: float, wrk: str | None, script: Path) -> tuple:
    if wrk:
        return run_wrk(wrk, url, cookie, seconds, script)
    return asyncio.run(_asyncio_load(url, cookie, seconds))


# --- first load --------------------------------------------------------------------------------

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/[^"]+)"')


def first_load(base: str, url: str, cookie: str) -> tuple[int, int]:
    """Bytes on the wire (compressed) and requests of a page with its CSS, JS and images."""
    import httpx

    headers = {"Accept-Encoding": "gzip, br", "Accept-Language": "de"}
    if cookie:
        headers["Cookie"] = cookie
    with httpx.Client(base_url=base, headers=headers) as http:
        page = http.get(url)
        total, count = page.num_bytes_downloaded, 1
        for asset in dict.fromkeys(ASSET.findall(page.text)):
            response = http.get(asset)
            if response.status_code == 200:
                total += response.num_bytes_downloaded
                count += 1
    return total, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--rounds", type=int, default=2, help="page/floor turns per page")
    args = parser.parse_args()

    wrk = shutil.which("wrk")
    print(f"load generator: {'wrk' if wrk else 'asyncio/httpx'}, {CLIENTS} clients, "
          f"{args.rounds} x {args.duration:g} s per page and as many on the floor")  # fmt: skip
    measured = pages()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(LUA)
        script = Path(file.name)
    floor_url = args.base + "/bench/floor"
    load(floor_url, "", 2, wrk, script)  # warm the workers
    rows = []
    for name, path, client in measured:
        count = queries(client, path)
        cookie = cookie_header(client)
        page_runs, floor_runs = [], []
        for _ in range(args.rounds):
            floor_runs.append(load(floor_url, cookie, args.duration, wrk, script))
            page_runs.append(load(args.base + path, cookie, args.duration, wrk, script))
        rate = statistics.mean(run[0] for run in page_runs)
        floor = statistics.mean(run[0] for run in floor_runs)
        p50 = statistics.mean(run[1] for run in page_runs)
        p95 = max(run[2] for run in page_runs)
        errors = sum(run[3] for run in page_runs)
        rows.append((name, rate, p50, p95, rate / floor, count, floor, errors))

    print()
    print("| page | requests/s | p50 ms | p95 ms | ratio to floor | queries/request |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rate, p50, p95, ratio, count, _floor, errors in rows:
        flag = f" ({errors} errors)" if errors else ""
        print(f"| {name}{flag} | {rate:,.0f} | {p50:.1f} | {p95:.1f} | {ratio:.2f} | {count} |")
    floors = [row[6] for row in rows]
    print(f"| /bench/floor (mean of the turns) | {statistics.mean(floors):,.0f} | | | 1.00 | 0 |")

    print()
    print("| first load | bytes (compressed) | requests |")
    print("|---|---:|---:|")
    for name, path, client in measured[:3]:
        size, count = first_load(args.base, path, cookie_header(client))
        print(f"| {name} | {size:,} | {count} |")


if __name__ == "__main__":
    main()
