"""A bounded fuzz test (hypothesis) of every form and the API: no input answers 500.

Each test starts from a valid post (or query) of one form and replaces some of its fields with
generated values: any text (NUL bytes, digits of other scripts such as "²", very long values),
repeated fields and unknown ones. The Django test client raises any exception a view lets
through, so a 500 fails the test as well as the status check. Bounded: a fixed number of
examples per form, no deadline, no example database, together well under a minute.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pathways.rules.questions import QUESTIONS
from tests.counselling.factory import make_consultation, make_occupation
from tests.counselling.test_logging import first_consultation_form, follow_up_form
from tests.hiring.test_views import DELIC

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
# Values that broke the portal once or break others: NUL, superscript digits, other scripts'
# digits, very long ones, SQL and HTML, huge numbers, deep nesting.
NASTY = st.sampled_from([
    "", " ", "\x00", "a\x00b", "²", "٣", "x" * 300, "9" * 40, "-1", "0", "1e400", "NaN",
    "'; DROP TABLE x; --", "<script>alert(1)</script>", "[" * 3000, "%00", "../../etc/passwd",
    "2025-02-30", "31.12.9999", "heute", "=HYPERLINK(1)", "\ud7ff", "🙂" * 70,
])  # fmt: skip
TEXT = st.one_of(
    NASTY, st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
)


def mutated(valid: dict):
    """``valid`` with some fields replaced, dropped, repeated, or an unknown one added."""
    names = sorted(valid)
    return st.fixed_dictionaries({}).flatmap(lambda _: st.builds(
        _mutate, st.just(valid),
        st.dictionaries(st.sampled_from(names), st.one_of(TEXT, st.lists(TEXT, max_size=3)),
                        max_size=4),
        st.lists(st.sampled_from(names), max_size=2),
        st.dictionaries(TEXT.filter(bool), TEXT, max_size=1),
    ))  # fmt: skip


def _mutate(valid, changed, dropped, extra):
    data = {**valid, **changed, **extra}
    for name in dropped:
        data.pop(name, None)
    return data


def _no_500(response):
    assert response.status_code < 500, response.content[:500]


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def counsellor(client, counsellor_a):
    make_occupation("doctor", "Arzt/Ärztin", regulated=True, isco="221")
    client.force_login(counsellor_a)
    return client


def test_the_questionnaire_pages_never_answer_500(anonymous, settings):
    # Past the throttles the codes are looked up (not only answered 429).
    settings.CODE_GUESSES_PER_ADDRESS = settings.CODE_GUESSES_GLOBAL = 10_000
    ids = [question.id for question in QUESTIONS]

    @BOUNDED
    @given(
        st.sampled_from(ids), TEXT, st.sampled_from(["", "unknown", "never", "x"]), TEXT, TEXT
    )
    def check(question_id, answer, special, code, path_code):
        _no_500(anonymous.post(reverse("questionnaire:question", args=[question_id]),
                               {"answer": answer, "special": special}))  # fmt: skip
        _no_500(anonymous.post(reverse("questionnaire:resume"), {"code": code}))
        _no_500(anonymous.get(f"/check/r/{path_code.replace('/', '')[:100] or 'x'}/"))
        _no_500(anonymous.post(reverse("questionnaire:delete"), {"code": code}))

    check()


def test_the_api_never_answers_500(anonymous):
    ids = [question.id for question in QUESTIONS]
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
        lambda children: st.lists(children, max_size=3)
        | st.dictionaries(TEXT, children, max_size=3),
        max_leaves=6,
    )
    profiles = st.dictionaries(st.sampled_from(ids) | TEXT, json_values, max_size=6)

    @BOUNDED
    @given(st.one_of(profiles.map(json.dumps), TEXT, st.binary(max_size=200)), TEXT)
    @example("[" * 20000, "")
    @example('{"age": "\\u0000", "nationality": "\\u0000"}', "\x00")
    def check(body, on):
        _no_500(anonymous.post(f"/api/evaluate?on={on[:40]}", body,
                               content_type="application/json"))  # fmt: skip

    check()


def test_the_hiring_forms_never_answer_500(anonymous):
    @BOUNDED
    @given(mutated(DELIC), TEXT, TEXT)
    def check(data, step, done_on):
        _no_500(anonymous.post(reverse("hiring:start"), data))
        _no_500(anonymous.get(reverse("hiring:timeline"), data))
        _no_500(anonymous.get(reverse("hiring:herr_delic"), data))
        saved = anonymous.post(reverse("hiring:save"))
        _no_500(saved)
        if saved.status_code == 302 and "/plan/" in saved["Location"]:
            done = saved["Location"] + "done/"
            _no_500(anonymous.post(done, {"step": step, "done_on": done_on}))

    check()


def test_the_login_never_answers_500(anonymous, settings):
    settings.AXES_FAILURE_LIMIT = 10_000

    @BOUNDED
    @given(TEXT, TEXT)
    def check(username, password):
        _no_500(anonymous.post(reverse("login"), {"username": username, "password": password}))

    check()


def test_the_consultation_forms_never_answer_500(counsellor, client_of_a):
    make_consultation(client_of_a, "2025-03-01")
    follow_up = reverse("counselling:follow_up", args=[client_of_a.code])

    @BOUNDED
    @given(mutated(first_consultation_form(token="")), mutated(follow_up_form(token="")))
    @example(first_consultation_form(token="", **{"client-reference_occupation": "²"}),
             follow_up_form(token="t" * 65))  # fmt: skip
    def check(first, later):
        _no_500(counsellor.post(reverse("counselling:first_consultation"), first))
        _no_500(counsellor.post(follow_up, later))
        _no_500(counsellor.post(reverse("counselling:group_session"), later))

    check()


def test_the_counselling_queries_never_answer_500(counsellor):
    @BOUNDED
    @given(TEXT, TEXT, TEXT, TEXT)
    def check(q, network, start, end):
        _no_500(counsellor.get(reverse("counselling:client_search"), {"q": q}))
        _no_500(counsellor.get(reverse("counselling:occupation_options"), {"q": q}))
        _no_500(counsellor.get(reverse("counselling:country_options"), {"q": q}))
        _no_500(counsellor.get(reverse("counselling:first_consultation"), {"questionnaire": q}))
        period = {"network": network, "start": start, "end": end}
        _no_500(counsellor.get(reverse("counselling:figures"), period))
        _no_500(counsellor.get(reverse("counselling:export", args=["summary", "csv"]), period))

    check()
