"""Stored XSS in real headless Chromium: hostile article text, titles, outlets, file names, notes
and reasons are shown on the queue, the article page and the claim list, and nothing executes.

Two ways in: articles ingested through the real `article_ingest` service and the ingest page
(where cleaning removes markup and keeps template syntax as text), and rows written verbatim
(so the templates' escaping is tested on the raw payloads). Pages are opened once under the
app's Content-Security-Policy and once with CSP bypassed, so escaping alone must hold too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from claims.models import Article, Verdict
from claims.services.ingestion import article_ingest
from tests.browser.conftest import Watched, login
from tests.factories import make_article, make_claim, make_group

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
LINK = '<a href="javascript:alert(3)">x</a>'
VARIABLE = "{{ request.user }}"
TAG = "{% debug %}"
PAYLOADS = (SCRIPT, IMG, LINK, VARIABLE, TAG)

HOSTILE_TEXT = f"""Harbour dredging report
The port authority dredged 4,300 tonnes of silt {SCRIPT} from the channel in 2023.
A spokesperson said {IMG} that 17 barges worked the site over the winter months.
Details: {LINK} show 250 workers joined the dredging crews from three towns.
The template {VARIABLE} and {TAG} notes list 9 inspections of the harbour walls.
"""

# Recorded by an init script (injected by the browser, so CSP does not block it).
WATCH_CSP = """document.addEventListener('securitypolicyviolation', e => {
  (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + ' ' + e.blockedURI);
});"""


class XssWatch(Watched):
    """A watched page that also records dialogs (alert/confirm/prompt) and CSP violations."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.dialogs: list[str] = []
        self.page.add_init_script(WATCH_CSP)
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url: str) -> Any:
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(150)  # let an injected onerror handler fire, if any slipped through
        violations = self.page.evaluate("window.__cspViolations || []")
        self.problems.extend(f"CSP violation on {url}: {v}" for v in violations)
        return response

    def injected_elements(self) -> int:
        """Elements that only hostile markup would create: inline scripts, handlers, javascript: links."""
        return int(
            self.page.evaluate("""() =>
            document.querySelectorAll('script:not([src]), img[src="x"], [onerror], [onload], [onclick]').length
            + [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href')))
                .length""")
        )


def _hostile_rows(reviewer2: Any) -> Article:
    """An article whose every shown field carries the payloads verbatim, as if cleaning had let them by."""
    article = make_article(
        text=HOSTILE_TEXT, title=f"Dredging {SCRIPT}", outlet=f"{IMG}.example", url="javascript:alert(4)"
    )
    group = make_group(relation="conflict", reason=f"sources disagree {SCRIPT} {VARIABLE}")
    claims = []
    for figure in ("4,300 tonnes", "17 barges", "250 workers", "9 inspections"):
        start = article.text.find(figure)
        line_start = article.text.rfind("\n", 0, start) + 1
        line_end = article.text.find("\n", start)
        claims.append(
            make_claim(
                article=article,
                text=figure,
                value=float(figure.split()[0].replace(",", "")),
                unit=figure.split()[1],
                group=group,
                sentence=article.text[line_start:line_end],
                sentence_start=line_start,
                score=0.99,
            )
        )
    Verdict.objects.create(claim=claims[0], reviewer=reviewer2, verdict="unclear", note=f"see {IMG} {TAG}")
    return article


def _assert_nothing_ran(watch: XssWatch, where: str) -> None:
    assert watch.dialogs == [], f"a dialog opened on {where}: {watch.dialogs}"
    assert watch.injected_elements() == 0, f"hostile markup became elements on {where}"
    assert watch.problems == [], f"problems on {where}: {watch.problems}"


def _visible(watch: XssWatch) -> str:
    return str(watch.page.inner_text("main"))


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with CSP", "escaping alone"])
def test_verbatim_payloads_show_as_text_and_never_run(
    browser: Any, live_server: Any, reviewer: Any, reviewer2: Any, bypass_csp: bool
) -> None:
    article = _hostile_rows(reviewer2)
    context = browser.new_context(bypass_csp=bypass_csp)
    watch = XssWatch(context)
    base = live_server.url
    login(watch, base, "rita")

    watch.visit(f"{base}/queue/?article={article.pk}")
    _assert_nothing_ran(watch, "the queue")
    queue_text = _visible(watch)
    for payload in (SCRIPT, IMG, VARIABLE, TAG):
        assert payload in queue_text, f"{payload!r} not shown as text in the queue"
    assert "Dredging <script>alert(1)</script>" in queue_text  # the title, as text

    watch.visit(f"{base}/articles/{article.pk}/")
    _assert_nothing_ran(watch, "the article page")
    article_text = _visible(watch)
    for payload in PAYLOADS:
        assert payload in article_text, f"{payload!r} not shown as text on the article page"

    watch.visit(f"{base}/claims/")
    _assert_nothing_ran(watch, "the claim list")
    list_text = _visible(watch)
    for payload in (SCRIPT, IMG, LINK, VARIABLE):
        assert payload in list_text, f"{payload!r} not shown as text in the claim list"

    watch.visit(f"{base}/claims/?q={SCRIPT}")  # reflected into the search box, not into the page
    _assert_nothing_ran(watch, "the claim search")
    assert watch.page.input_value("#id_q") == SCRIPT

    watch.visit(f"{base}/articles/")
    _assert_nothing_ran(watch, "the article list")
    assert "Dredging <script>alert(1)</script>" in _visible(watch)
    context.close()


def test_ingested_payloads_never_run_and_template_syntax_stays_text(
    browser: Any, live_server: Any, admin_user: Any
) -> None:
    stored = article_ingest(raw=HOSTILE_TEXT.encode(), name="harbour.txt", content_type="text/plain")
    html = (
        "<html><head><title>Dam repairs</title></head><body><article><h1>Dam repairs</h1>"
        + "".join(f"<p>{line}</p>" for line in HOSTILE_TEXT.replace("Harbour", "Dam").splitlines()[1:])
        + "</article></body></html>"
    )
    stored_html = article_ingest(raw=html.encode(), name="dam.html", content_type="text/html")
    assert stored.status == "created" and stored.claims >= 3, stored
    assert stored_html.status == "created" and stored_html.claims >= 3, stored_html

    context = browser.new_context()
    watch = XssWatch(context)
    base = live_server.url
    login(watch, base, "ada")

    # one more through the ingest page: a hostile file name and hostile HTML inside the file
    watch.visit(f"{base}/ingest/")
    watch.page.set_input_files(
        "#id_uploads",
        files=[
            {
                "name": f"{IMG}.html",
                "mimeType": "text/html",
                "buffer": html.replace("Dam repairs", "Canal repairs").replace("Dam", "Canal").encode(),
            }
        ],
    )
    watch.page.fill("#id_name", SCRIPT)
    watch.page.fill("#id_text", HOSTILE_TEXT.replace("Harbour", "River"))
    watch.page.click("main form button[type=submit]")
    watch.page.wait_for_load_state("load")
    assert watch.page.locator("table.results").count() == 1, _visible(watch)
    watch.page.wait_for_timeout(150)
    _assert_nothing_ran(watch, "the ingest results")
    results = _visible(watch)
    assert results.count("created") == 2, results
    # input labels, shown as text (Chromium sends the file name's quote as %22)
    assert "><img src=x onerror=alert(2)>.html" in results and SCRIPT in results, results

    for article in Article.objects.all():
        assert not re.search(r"<\s*(script|img|a)\b", article.text, re.I), "cleaning kept markup"
        watch.visit(f"{base}/articles/{article.pk}/")
        _assert_nothing_ran(watch, f"article {article.pk}")
        shown = _visible(watch)
        assert VARIABLE in shown and TAG in shown, "template syntax must show as typed"
        watch.visit(f"{base}/queue/?article={article.pk}")
        _assert_nothing_ran(watch, f"the queue for article {article.pk}")
        assert watch.page.locator("#queue-panel[data-claim-id]").count() == 1

    watch.visit(f"{base}/claims/")
    _assert_nothing_ran(watch, "the claim list")
    assert VARIABLE in _visible(watch)
    context.close()


def test_the_dialog_listener_does_catch_a_script_that_runs(browser: Any, live_server: Any) -> None:
    """The detector itself works: a script that does run is seen (so an empty list means something)."""
    context = browser.new_context()
    watch = XssWatch(context)
    watch.visit(f"{live_server.url}/healthz")
    watch.page.evaluate("() => alert('probe')")
    assert watch.dialogs == ["probe"]
    context.close()


def test_the_csp_header_allows_no_inline_script(client: Any, reviewer: Any) -> None:
    client.force_login(reviewer)
    for path in ("/queue/", "/claims/", "/articles/", "/accounts/login/"):
        policy = client.get(path)["Content-Security-Policy"]
        directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
        script_sources = directives.get("script-src", directives.get("default-src"))
        assert script_sources == ["'self'"], policy
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert directives.get("object-src") == ["'none'"] and directives.get("base-uri") == ["'none'"]
