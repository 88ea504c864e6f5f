"""Languages: the catalogue status and its stale fallback, the rule-text lookup, the pages."""

import gettext
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings

from iqportal import catalogues
from pathways.rules.texts import Text, register_translator

ROOT = Path(__file__).resolve().parents[2]


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {}\\n"\n'
)


def write_catalogue(root, lang, body, plural="nplurals=2; plural=(n != 1);"):
    path = catalogues.catalogue_path(lang, "django", root)
    path.parent.mkdir(parents=True)
    path.write_text(HEADER.format(plural) + "\n" + body, encoding="utf-8")
    return path


def stamped(msgid, german, translation, review="machine 2026-12-02"):
    digest = catalogues.source_hash(msgid, german)
    return (
        f'# review: {review}\n# source-hash: {digest}\nmsgid "{msgid}"\nmsgstr "{translation}"\n\n'
    )


@pytest.fixture
def locale(tmp_path):
    """German has four messages; Arabic translates three: one reviewed, one whose German
    source changed since (stale), one machine-assisted; one is missing."""
    write_catalogue(
        tmp_path,
        "de",
        'msgid "Language"\nmsgstr "Sprache"\n\n'
        'msgid "Log out"\nmsgstr "Abmelden"\n\n'
        'msgid "Page not found"\nmsgstr "Seite nicht gefunden"\n\n'
        'msgid "Error:"\nmsgstr "Fehler:"\n',
    )
    write_catalogue(
        tmp_path,
        "ar",
        stamped("Language", "Sprache", "اللغة", "person 2026-12-02 R. Haddad")
        + stamped("Log out", "Ausloggen", "تسجيل الخروج")
        + stamped("Page not found", "Seite nicht gefunden", "الصفحة غير موجودة")
        + 'msgid "Error:"\nmsgstr ""\n',
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 && n%100<=99 ? 4 : 5;",
    )
    return tmp_path


def test_the_status_counts_translated_reviewed_stale_and_missing(locale):
    status = catalogues.status("ar", root=locale)
    assert (status.messages, status.translated, status.reviewed, status.stale, status.missing) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert status.stale_ids == {("", "Log out")}
    assert catalogues.status("de", root=locale).complete
    assert catalogues.status("en", root=locale).complete


def test_a_stale_or_missing_translation_is_compiled_as_the_english_text(locale):
    compiled = _script("compile_translations").compile_language("ar", "django", root=locale)
    assert compiled == (2, 2)
    mo = gettext.GNUTranslations((locale / "ar" / "LC_MESSAGES" / "django.mo").open("rb"))
    assert mo.gettext("Language") == "اللغة"
    assert mo.gettext("Page not found") == "الصفحة غير موجودة"
    # The German changed from "Ausloggen" to "Abmelden" after the translation: English, not
    # the old translation, and not German (Django's own fallback).
    assert mo.gettext("Log out") == "Log out"
    assert mo.gettext("Error:") == "Error:"


def test_every_catalogue_parses_back_to_what_msgfmt_reads():
    # The parser and msgfmt agree on the real German catalogue: same ids, same translations.
    path = catalogues.catalogue_path("de")
    mine = {e.msgid: e.strings.get(0) for e in catalogues.read("de") if e.msgid and not e.plural}
    mo = path.with_suffix(".mo")
    theirs = gettext.GNUTranslations(mo.open("rb"))
    wrong = {m: s for m, s in mine.items() if s and theirs.gettext(m) != s}
    assert len(mine) > 300
    assert wrong == {}


def test_german_and_english_are_complete_and_every_language_has_a_catalogue():
    for code, _name in settings.LANGUAGES:
        state = catalogues.status(code)
        assert state.messages > 300
        if code in ("de", "en"):
            assert state.complete, code
        else:
            assert catalogues.catalogue_path(code).is_file(), code
            assert catalogues.catalogue_path(code, "rules").is_file(), code


def test_rule_texts_use_the_registered_translator_for_other_languages():
    text = Text("Sprache", "Language")
    try:
        register_translator(
            lambda lang, en: {"ar": {"Language": "اللغة"}}.get(lang, {}).get(en, en)
        )
        assert text.get("ar") == "اللغة"
        assert text.get("uk") == "Language"  # no translation: English
        assert text.get("de") == "Sprache"
        assert text.get("en-gb") == "Language"
        assert text.get("") == "Sprache"
        register_translator(None)
        assert text.get("ar") == "Language"
    finally:
        from pathways.apps import rule_text

        register_translator(rule_text)


def test_the_django_side_looks_rule_texts_up_in_the_rules_catalogue():
    from iqportal import catalogues

    extraction = _script("extract_rule_texts").extract()
    assert extraction.literal > 300
    # Three texts stay dynamic (country names, "Sie"-form step titles, one choice list).
    assert len(extraction.dynamic) <= 3
    turkish = {e.msgid: e.strings[0] for e in catalogues.read("tr", "rules") if e.translated}
    english = next(e for e in extraction.texts if e in turkish and turkish[e] != e)
    # Registered by pathways.apps: the rule text in Turkish comes from tr/rules.po.
    assert Text(extraction.texts[english], english).get("tr") == turkish[english]
    # A text the catalogue does not know is shown in English.
    assert Text("Nicht im Katalog", "Not in the catalogue").get("tr") == "Not in the catalogue"


@pytest.mark.django_db
def test_an_arabic_page_is_right_to_left_and_says_that_german_is_binding(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "النسخة الألمانية هي الملزمة." in html
    assert 'href="/?lang=de"' in html
    # The switch offers every language in its own name.
    for name in ("العربية", "Українська", "Türkçe", "Shqip", "فارسی", "Français", "Español"):
        assert name in html


@pytest.mark.django_db
def test_lang_de_shows_one_page_in_german_without_changing_the_choice(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    german = client.get("/check/?lang=de").content.decode()
    assert '<html lang="de"' in german
    assert "binding-version" not in german
    # The switch returns to the page without the one-page parameter.
    assert 'name="next" value="/check/"' in german
    assert '<html lang="uk"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_german_pages_carry_no_binding_note_and_english_ones_do(client):
    assert "binding-version" not in client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "The German version is binding." in client.get("/").content.decode()


@pytest.mark.django_db
def test_staff_pages_are_german_or_english_and_offer_only_those(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    switch = re.search(r'<form class="language-switch".*?</form>', html, re.S).group(0)
    assert re.findall(r'lang="(\w+)"', switch) == ["de", "en"]


@pytest.mark.django_db
def test_the_chosen_language_is_remembered_for_a_year(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ar"
    assert int(cookie["max-age"]) == 60 * 60 * 24 * 365
