"""Load test of the counselling journey: N counsellors at once, each logging in with password and
TOTP code against a running server, then saving follow-up consultations; afterwards the database
must hold every acknowledged consultation exactly once.

    DATABASE_URL=... SECRET_KEY=... python benchmarks/load_counselling.py \
        --url http://127.0.0.1:8000 --users 100 --posts 3 --concurrency 100

Loopback only (``--url`` must name 127.0.0.1, ::1 or localhost). The script prepares its own
accounts (``load-001`` …, a confirmed TOTP device each, one client per counsellor) through the
ORM on the same database the server uses, and removes the previous run's consultations first.
Every counsellor also sends its last form a second time (a double click, the same submission
token): that must not store a second consultation. ``benchmarks/run_load.sh`` starts a throwaway
PostgreSQL and gunicorn and runs this. Prints figures; exits 1 on any error, loss or doubling.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import logging
import os
import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")
PASSWORD = "Lastprobe-Beratung-7391!"
NOTE = "load test"


class FormFields(HTMLParser):
    """The fields a browser would send for the form with ``action`` (defaults as rendered)."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.fields = action, False, []
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: str | None = None
        self._selected = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.inside = a.get("method", "").lower() == "post" and a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._first_option, self._selected = a.get("name"), None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
                self._selected = True
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.fields.append((self._textarea, ""))

    def handle_data(self, data):
        if self._textarea and self.inside:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            if not self._selected and self._first_option is not None:
                self.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str, action: str) -> dict[str, list[str]]:
    parser = FormFields(action)
    parser.feed(html)
    out: dict[str, list[str]] = {}
    for name, value in parser.fields:
        out.setdefault(name, []).append(value)
    return out


def prepare(users: int):
    """Accounts, devices and clients through the ORM; returns [(username, key, client code)]."""
    import django

    django.setup()
    for noisy in ("httpx", "axes"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from counselling.models import Centre, Client, Consultation, Network, Role, StaffRole

    network, _ = Network.objects.get_or_create(
        slug="lasttest", defaults={"name": "Lasttest", "short_name": "Lasttest", "kind": "regional"}
    )
    centre, _ = Centre.objects.get_or_create(network=network, name="Lasttest-Beratungsstelle")
    Consultation.objects.filter(network=network).delete()
    user_model = get_user_model()
    accounts = []
    for i in range(1, users + 1):
        name = f"load-{i:03d}"
        user, created = user_model.objects.get_or_create(username=name)
        if created:
            user.set_password(PASSWORD)
            user.save()
        StaffRole.objects.update_or_create(
            user=user, defaults={"role": Role.COUNSELLOR, "centre": centre, "network": network}
        )
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        client = Client.objects.filter(network=network, code__startswith="K").order_by("pk")
        client = client[i - 1 : i].first() or Client.objects.create(
            network=network, nationality="SY", birth_year=1990
        )
        accounts.append((name, device.bin_key, client.code))
    return network, accounts


def stored(network) -> dict[str, int]:
    from django.db.models import Count

    from counselling.models import Consultation

    rows = (
        Consultation.objects.filter(network=network, note__startswith=NOTE)
        .values("submission_token")
        .annotate(n=Count("pk"))
    )
    return {row["submission_token"]: row["n"] for row in rows}


class Run:
    def __init__(self):
        self.latencies: dict[str, list[float]] = {"login": [], "otp": [], "form": [], "save": []}
        self.errors: list[str] = []
        self.acknowledged: list[str] = []  # submission tokens the server answered "saved" to

    async def timed(self, kind, call):
        start = time.perf_counter()
        response = await call
        self.latencies[kind].append(time.perf_counter() - start)
        return response


async def counsellor(run: Run, base: str, name: str, key: bytes, code: str, posts: int, gate):
    from django_otp.oath import totp

    async with gate, httpx.AsyncClient(base_url=base, timeout=60) as http:
        try:
            page = await http.get("/accounts/login/")
            csrf = http.cookies["csrftoken"]
            response = await run.timed("login", http.post(
                "/accounts/login/",
                data={"username": name, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
                headers={"Referer": base + "/accounts/login/"},
            ))  # fmt: skip
            if response.status_code != 302:
                raise RuntimeError(f"login answered {response.status_code}")
            # The login goes on to the dashboard, which sends an unverified session on to the
            # second factor.
            location = response.headers["location"]
            for _hop in range(3):
                if "second-factor" in location:
                    break
                response = await http.get(location)
                location = response.headers.get("location", "")
            else:
                raise RuntimeError(f"no second factor asked after login: {location}")
            page = await http.get(location)
            fields = form_fields(page.text, "/accounts/second-factor/")
            fields.update(token=[f"{totp(key):06d}"])
            response = await run.timed("otp", http.post(
                "/accounts/second-factor/", data=fields, headers={"Referer": str(page.url)}
            ))  # fmt: skip
            if response.status_code != 302:
                raise RuntimeError(f"second factor answered {response.status_code}")
            url = f"/counselling/clients/{code}/follow-up/"
            last = None
            for n in range(posts):
                page = await run.timed("form", http.get(url))
                if page.status_code != 200:
                    raise RuntimeError(f"follow-up form answered {page.status_code}")
                fields = form_fields(page.text, url)
                fields["date"] = [datetime.date.today().strftime("%d.%m.%Y")]
                fields["note"] = [f"{NOTE} {name} {n}"]
                fields.setdefault("client-recognition_outcome", ["none"])
                last = fields
                response = await run.timed(
                    "save", http.post(url, data=fields, headers={"Referer": base + url})
                )
                if response.status_code != 302:
                    raise RuntimeError(
                        f"save answered {response.status_code}: {response.text[:300]}"
                    )
                run.acknowledged.append(fields["submission_token"][0])
            # A double click: the last form once more, same token; must not store a second one.
            response = await http.post(url, data=last, headers={"Referer": base + url})
            if response.status_code != 302:
                raise RuntimeError(f"second send answered {response.status_code}")
        except Exception as error:  # every failure is counted and printed
            run.errors.append(f"{name}: {error!r}"[:400])


def figure(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"n={len(values)} median {statistics.median(values) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )


async def main_async(args) -> int:
    host = urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "::1", "localhost"):
        print("Loopback only: --url must name 127.0.0.1, ::1 or localhost.", file=sys.stderr)
        return 2
    network, accounts = await asyncio.to_thread(prepare, args.users)
    run = Run()
    gate = asyncio.Semaphore(args.concurrency)
    start = time.perf_counter()
    await asyncio.gather(*(
        counsellor(run, args.url, name, key, code, args.posts, gate) for name, key, code in accounts
    ))  # fmt: skip
    wall = time.perf_counter() - start
    in_db = await asyncio.to_thread(stored, network)
    acknowledged = set(run.acknowledged)
    lost = sorted(acknowledged - in_db.keys())
    doubled = sorted(token for token, n in in_db.items() if n > 1)
    unacknowledged = sorted(in_db.keys() - acknowledged)
    rows = sum(in_db.values())
    print(f"users {args.users}, at once {args.concurrency}, posts each {args.posts} (+1 resend)")
    print(f"wall time {wall:.1f} s, saves/s {len(run.acknowledged) / wall:.1f}")
    for kind, values in run.latencies.items():
        print(f"  {kind:6} {figure(values)}")
    print(f"errors {len(run.errors)}")
    for line in run.errors[:10]:
        print("  " + line)
    print(f"acknowledged saves {len(run.acknowledged)}, consultations stored {rows}")
    print(
        f"lost {len(lost)}, doubled {len(doubled)}, "
        f"stored but not acknowledged {len(unacknowledged)}"
    )
    expected = args.users * args.posts
    ok = not run.errors and not lost and not doubled and rows == len(run.acknowledged) == expected
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--posts", type=int, default=3, help="consultations per counsellor")
    parser.add_argument("--concurrency", type=int, default=100, help="sessions at once")
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
