"""Page speed guards (issue 16): query counts bounded regardless of the data size, the bare floor
view only in bench mode, compressed HTML, the linear lanes and the cached holidays."""

import gzip
from datetime import date

import pytest
from django.urls import reverse

from pathways.hiring import rows
from tests.counselling.factory import (
    make_centre,
    make_client,
    make_consultation,
    make_counsellor,
    make_employer_consultation,
    make_network,
)
from tests.questionnaire.walks import DELIC, walk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_floor_view_is_a_404_unless_bench_mode_is_on(client, settings):
    settings.BENCH_FLOOR = False
    assert client.get("/bench/floor").status_code == 404
    settings.BENCH_FLOOR = True
    response = client.get("/bench/floor")
    assert response.status_code == 200
    assert response.content == b"ok"
    # The same stack as every page: the security headers are there.
    assert response["X-Frame-Options"] == "DENY"


def test_bench_mode_is_off_by_default():
    from django.conf import settings

    assert settings.BENCH_FLOOR is False


def test_html_is_gzipped_when_the_browser_accepts_it(client):
    walk(client, DELIC)
    plain = client.get(reverse("questionnaire:result"))
    packed = client.get(reverse("questionnaire:result"), HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) * 4 < len(plain.content)


def _gzip_parts(body: bytes) -> tuple[bytes, bytes]:
    """The file name of a gzip member with FNAME set, and the deflate data after it."""
    assert body[3] & gzip.FNAME, "the header carries a file name (Heal the Breach)"
    end = body.index(b"\x00", 10)
    return body[10:end], body[end + 1 :]


def test_html_is_gzipped_at_level_3_with_a_random_length_name(client):
    walk(client, DELIC)
    url = reverse("questionnaire:result")
    plain = client.get(url).content
    names = set()
    for _ in range(12):
        packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert packed["Content-Length"] == str(len(packed.content))
        assert "Accept-Encoding" in packed["Vary"]
        page = gzip.decompress(packed.content)
        # The page differs per response only in the CSRF mask and the CSP nonce.
        assert len(page) == len(plain)
        name, data = _gzip_parts(packed.content)
        assert set(name) <= {ord("a")}
        names.add(len(name))
        assert data == gzip.compress(page, compresslevel=3, mtime=0)[10:]
    assert len(names) > 1, "the compressed length varies from response to response"


def test_gzip_leaves_short_and_encoded_responses_alone(rf):
    from django.http import HttpResponse

    from iqportal.compression import GZipMiddleware

    middleware = GZipMiddleware(lambda request: HttpResponse())
    request = rf.get("/", HTTP_ACCEPT_ENCODING="gzip")
    short = middleware.process_response(request, HttpResponse(b"x" * 199))
    assert short.content == b"x" * 199
    assert not short.has_header("Content-Encoding")
    encoded = HttpResponse(b"x" * 500, headers={"Content-Encoding": "br"})
    assert middleware.process_response(request, encoded).content == b"x" * 500
    refused = middleware.process_response(rf.get("/"), HttpResponse(b"x" * 500))
    assert refused.content == b"x" * 500
    assert refused["Vary"] == "Accept-Encoding"
    tagged = HttpResponse(b"x" * 500, headers={"ETag": '"abc"'})
    packed = middleware.process_response(request, tagged)
    assert packed["ETag"] == 'W/"abc"'
    assert gzip.decompress(packed.content) == b"x" * 500


def test_gzip_sits_right_after_whitenoise():
    from django.conf import settings

    assert settings.MIDDLEWARE.index("iqportal.compression.GZipMiddleware") == (
        settings.MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
    )


@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("home", 2),
        ("question", 3),
        ("herr_delic", 2),
    ],
)
def test_public_pages_make_few_queries(client, django_assert_max_num_queries, url, bound):
    target = {
        "home": reverse("home"),
        "question": reverse("questionnaire:question", args=["nationality"]),
        "herr_delic": reverse("hiring:herr_delic") + "?start=2026-03-02&land=BE",
    }[url]
    client.get(target)  # the session exists from now on, as for a person on their way
    with django_assert_max_num_queries(bound):
        assert client.get(target).status_code == 200


def test_the_result_page_makes_few_queries(client, django_assert_max_num_queries):
    walk(client, DELIC)
    client.get(reverse("questionnaire:result"))
    with django_assert_max_num_queries(3):
        assert client.get(reverse("questionnaire:result")).status_code == 200


def _staff(client, many: int):
    network = make_network("netz-q", short_name="Netzwerk Q")
    centre = make_centre(network, "Beratungsstelle Q")
    counsellor = make_counsellor(centre, username="counsellor_q")
    for n in range(many):
        person = make_client(network, nationality="SY", birth_year=1980 + n % 20)
        make_consultation(person, date(2026, 1, 1 + n % 28), counsellor=counsellor)
        make_employer_consultation(centre, date(2026, 2, 1 + n % 28), counsellor=counsellor)
    client.force_login(counsellor)
    client.get(reverse("counselling:dashboard"))


@pytest.mark.parametrize("many", [1, 12])
def test_the_dashboard_makes_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, many
):
    _staff(client, many)
    # Session, user, TOTP device, role with centre and network, consultations, their topics.
    with django_assert_max_num_queries(6):
        assert client.get(reverse("counselling:dashboard")).status_code == 200


@pytest.mark.parametrize("many", [1, 12])
def test_the_client_list_makes_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, many
):
    _staff(client, many)
    # Session, user, TOTP device, role, the clients found, the access log entry.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("counselling:client_search"), {"q": "K"})
        assert response.status_code == 200


def test_lanes_put_each_step_in_the_columns_it_overlaps():
    from pathways.hiring import herr_delic_timeline

    timeline = herr_delic_timeline(date(2026, 3, 2), "BE")
    cols = rows.columns(timeline.plan)
    for _actor, _label, cells in rows.lanes(timeline):
        for col, cell in zip(cols, cells, strict=True):
            for step in cell.leads + cell.joins:
                assert step.start <= col.end
                assert max(step.start, step.end) >= col.start


def _lanes_as_before(t):
    """The quadratic version the linear one replaced (per actor, per column, every step)."""
    p = t.plan
    result = []
    for actor in rows.LANES:
        cells = []
        for col in rows.columns(p):
            active = [s for s in p.steps if s.start <= col.end and max(s.start, s.end) >= col.start]
            cells.append(
                rows.LaneCell(
                    tuple(s for s in active if s.step.actor == actor),
                    tuple(s for s in active if actor in s.step.actors and s.step.actor != actor),
                )
            )
        if any(not cell.empty for cell in cells):
            result.append((actor, t.labels[actor], cells))
    return result


@pytest.mark.parametrize("start", [date(2026, 3, 2), date(2026, 11, 30), date(2027, 6, 15)])
@pytest.mark.parametrize("land", ["BE", "BY", "NW"])
def test_the_linear_lanes_equal_the_quadratic_ones(start, land):
    from pathways.hiring import herr_delic_timeline

    timeline = herr_delic_timeline(start, land)
    assert rows.lanes(timeline) == _lanes_as_before(timeline)


def test_holidays_are_built_once_per_land_year_and_language():
    rows._holidays.cache_clear()
    first = rows._holiday(date(2026, 12, 25), "BE", "de")
    rows._holiday(date(2026, 12, 26), "BE", "de")
    assert "Weihnacht" in first
    assert rows._holidays.cache_info().misses == 1


def _fresh_and_cached(client, url, **params):
    from django.core.cache import caches

    fragments = caches["fragments"]
    fragments.clear()
    fresh = client.get(url, params).content.decode()
    entries = _page_fragments(fragments)
    cached = client.get(url, params).content.decode()
    return fresh, cached, entries, _page_fragments(fragments)


def _page_fragments(fragments) -> int:
    """The page's own fragments, not those of the layout every page shares (base.html)."""
    shared = (".base_head.", ".base_nav.", ".base_footer.", ".language_buttons.")
    return sum(not any(name in key for name in shared) for key in fragments._cache)


def _without_nonces(html):
    """Without what differs on every response by design: CSP nonces and masked CSRF tokens."""
    import re

    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_the_result_page_keeps_nothing_of_the_person_in_the_fragment_cache(client):
    """The step lists were kept under their text, the person's own steps; written by a tag
    now, only the layout every page shares is kept."""
    walk(client, DELIC)
    first, again, entries, after = _fresh_and_cached(client, reverse("questionnaire:result"))
    assert entries == after == 0
    assert _without_nonces(first) == _without_nonces(again)
    assert first.count('<ol class="steps">') >= 5


def test_herr_delic_is_the_same_from_the_fragment_cache_and_varies_by_date_and_land(client):
    url = reverse("hiring:herr_delic")
    fresh, cached, entries, after = _fresh_and_cached(client, url, start="2026-03-02", land="BE")
    assert entries == after == 2  # the plan and the form showing the date and Land asked for
    assert _without_nonces(fresh) == _without_nonces(cached)
    other = client.get(url, {"start": "2026-05-04", "land": "BY"}).content.decode()
    assert "4. Mai 2026" in other
    assert "4. Mai 2026" not in cached
    english = client.get(url, {"start": "2026-03-02", "land": "BE"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Who does what" in english.content.decode()
    # A form with errors is never taken from the cache, nor put into it: it keeps what was typed.
    wrong = client.get(url, {"start": "2026-02-31", "land": "BE"})
    assert wrong.status_code == 400
    assert 'value="2026-02-31"' in wrong.content.decode()
    again = client.get(url, {"start": "2026-03-02", "land": "BE"}).content.decode()
    assert _without_nonces(again) == _without_nonces(cached)


def test_the_layout_from_the_fragment_cache_is_each_languages_own(client):
    """Header, navigation, language switch and footer are kept per language (base.html)."""
    from django.core.cache import caches

    caches["fragments"].clear()
    pages = {}
    for lang in ("de", "en", "ar", "de"):
        pages[lang] = client.get(reverse("home"), {"lang": lang}).content.decode()
        current = pages[lang].split('class="language-switch__current"', 1)[1]
        assert current.startswith(f' aria-current="true" lang="{lang}"')
    assert "Welcher Weg passt zu mir?" in pages["de"]
    assert "Which way suits me?" in pages["en"]
    assert "Which way suits me?" not in pages["ar"]
    # Staff pages offer German and English only: their switch is kept apart.
    staff = client.get(reverse("login"), {"lang": "de"}).content.decode()
    assert 'name="language" value="en"' in staff
    assert 'name="language" value="ar"' not in staff
    assert 'name="language" value="ar"' in pages["de"]


def test_every_script_carries_the_nonce_of_its_own_response(client):
    """The layout is kept per language, the scripts' nonces are not: a nonce from an earlier
    response would let the Content-Security-Policy block htmx on every later page."""
    import re

    from django.core.cache import caches

    caches["fragments"].clear()
    seen = set()
    for _ in range(2):
        response = client.get(reverse("home"))
        policy_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
        assert len(scripts) >= 2  # htmx and portal.js
        assert all(f'nonce="{policy_nonce}"' in script for script in scripts), scripts
        seen.add(policy_nonce)
    assert len(seen) == 2
