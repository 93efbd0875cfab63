"""Honest framing: who runs the portal and who to write to come from settings; the
portal's own summaries are never called "the Metropolis toolkit"; sources are given."""

import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from initiatives.models import Entry
from signatories.models import Signatory
from tests.factories import make_entry, make_insight, make_programme
from toolkit.models import Insight

WRONG = {
    "": ["Metropolis toolkit", "A toolkit by Metropolis"],
    "/fr": ["Une boîte à outils de Metropolis", "La boîte à outils de Metropolis pour",
            "Téléchargez la boîte à outils", "clés de la boîte à outils de Metropolis"],
    "/es": ["Una caja de herramientas de Metropolis", "La caja de herramientas de Metropolis para",
            "Descargue la caja de herramientas", "clave de la caja de herramientas de Metropolis"],
}  # fmt: skip
FOOTER = {
    "": "Summaries written for this portal",
    "/fr": "Résumés rédigés pour ce portail",
    "/es": "Resúmenes redactados para este portal",
}


@pytest.fixture
def shipped_content(db, settings):
    settings.PORTAL_PUBLISHER = "Example Editors"
    settings.PORTAL_CONTACT_EMAIL = "corrections@example.net"
    call_command("load_content", stdout=StringIO())


PAGES = [
    "/", "/about/", "/accessibility/", "/toolkit/", "/toolkit/gender-equality/",
    "/toolkit/gender-equality/apply-a-gender-lens-to-recovery-budgets/", "/print/toolkit/",
    "/print/toolkit/gender-equality/", "/tags/care/", "/data/", "/initiatives/",
    "/signatories/", "/search/?q=care",
]  # fmt: skip
FEEDS = ["/toolkit/feed.rss", "/toolkit/feed.atom", "/toolkit/gender-equality/feed.rss",
         "/tags/care/feed.rss"]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
def test_no_page_calls_the_portals_summaries_the_metropolis_toolkit(
    client, shipped_content, prefix
):
    for url in PAGES + FEEDS:
        response = client.get(prefix + url if url in PAGES else url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for phrase in WRONG[prefix] if url in PAGES else WRONG[""]:
            assert phrase.lower() not in body.lower(), (url, phrase)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
def test_every_page_footer_says_what_the_portal_is_who_runs_it_and_who_to_write_to(
    client, shipped_content, prefix
):
    for url in PAGES:
        body = client.get(prefix + url).content.decode()
        footer = body[body.index('<footer class="site-footer">') :]
        assert FOOTER[prefix] in footer, url
        assert f'href="{settings.TOOLKIT_SOURCE_URL}"' in footer, url
        assert "Example Editors" in footer, url
        assert 'href="mailto:corrections@example.net"' in footer, url


@pytest.mark.django_db
def test_the_about_page_names_who_runs_the_portal_and_where_corrections_go(client, settings):
    settings.PORTAL_PUBLISHER = "Example Editors"
    settings.PORTAL_CONTACT_EMAIL = "corrections@example.net"
    main = client.get("/about/").content.decode()
    main = main[main.index("<main") : main.index("</main>")]
    assert "Example Editors" in main
    assert 'href="mailto:corrections@example.net"' in main
    assert settings.POLICY_OFFICER_EMAIL not in main
    access = client.get("/accessibility/").content.decode()
    assert 'href="mailto:corrections@example.net"' in access


def test_the_publisher_and_contact_have_defaults_and_are_documented():
    from tests.test_site import run_manage

    script = "from django.conf import settings as s; print(s.PORTAL_CONTACT_EMAIL)"
    result = run_manage(
        "shell", "-c", script, PORTAL_CONTACT_EMAIL="", DEFAULT_FROM_EMAIL="Ed <ed@example.org>"
    )
    assert result.stdout.strip() == "ed@example.org"
    example = (settings.BASE_DIR / ".env.example").read_text()
    assert "\nPORTAL_PUBLISHER=" in example and "\nPORTAL_CONTACT_EMAIL=" in example


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/toolkit/gender-equality/", "/print/toolkit/",
                                 "/print/toolkit/gender-equality/"])  # fmt: skip
def test_theme_pages_and_the_print_say_insights_are_summaries_written_for_the_portal(
    client, theme, url
):
    make_insight(theme=theme)
    body = client.get(url).content.decode()
    assert 'class="content-note"' in body
    assert "summaries written for this portal" in body


@pytest.mark.django_db
def test_the_city_practice_behind_an_insight_lists_only_the_entries_it_cites(client, theme):
    insight = make_insight(
        theme=theme,
        body="As [the webinar](https://example.org/webinar/) showed.",
        source_url="https://example.org/report",
    )
    programme = make_programme()
    cited = make_entry(programme, title="Cited webinar", external_url="https://example.org/webinar")
    source = make_entry(
        programme, title="Cited report", external_url="http://www.example.org/report/"
    )
    related = make_entry(programme, title="Related talk", external_url="https://example.org/other")
    for entry in (cited, source, related):
        entry.insights.add(insight)
    html = client.get(insight.get_absolute_url()).content.decode()
    behind = html[html.index('id="entries-heading"') :]
    behind = behind[: behind.index("</section>")]
    assert "Cited webinar" in behind and "Cited report" in behind
    assert "Related talk" not in behind
    assert "Related talk" in html[html.index('id="related-entries-heading"') :]


@pytest.mark.django_db
def test_every_insight_that_cites_the_call_to_action_carries_its_source(shipped_content):
    call = "https://www.metropolis.org/join-call-rethink-our-metropolitan-spaces"
    citing = [
        insight
        for insight in Insight.objects.all()
        if re.search(r"\bcall to rethink\b", insight.body_en + insight.summary_en, re.I)
    ]
    assert len(citing) >= 3
    for insight in citing:
        assert call in (insight.source_url, *re.findall(r"\((https?://[^)]+)\)", insight.body_en))


@pytest.mark.django_db
def test_a_signatory_has_a_city_only_where_the_sources_give_one(shipped_content):
    for name in ["Chicago Council on Global Affairs", "L'Institut Paris Region"]:
        signatory = Signatory.objects.get(organisation=name)
        assert signatory.city == "" and signatory.latitude is None, name
    fixture = json.loads((settings.BASE_DIR / "fixtures" / "signatories.json").read_text())
    assert {s["city"] for s in fixture["signatories"]} <= {
        "", "Berlin", "Barcelona", "Guangzhou", "Montevideo", "Montréal", "Bogotá",
    }  # fmt: skip
    assert not Entry.objects.filter(city__in=["Chicago", "Paris"]).exists()
