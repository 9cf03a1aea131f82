"""The Green Paper in English: every page carries the source's text, footnotes resolve, the
editorial corrections are listed, and the strict build catches broken links and footnotes."""

import html as htmllib
import re

import pytest

from conftest import LANGUAGES, ROOT, mkdocs_build, page, view

GP = "green-paper/"
DIRECTIONS = GP + "chapter-2/directions/"

# (page, a distinctive sentence of the source that the page must carry)
SENTENCES = [
    (GP, "With special thanks to John Newbigin (UK)"),
    (GP, "Sardor Gaziyeu (Uzbekistan)"),
    (GP + "foreword/", "This is how this “Green Paper” was born"),
    (GP + "chapter-1/prerequisites/",
     "In the register of legal entities, as of January 2018, 17,581 creative enterprises"),
    (GP + "chapter-1/prerequisites/",
     "the revenue of members of the Park of High Technologies continued to grow by 20%"),
    (GP + "chapter-1/prerequisites/", "the project “One Million Programmers” was launched."),
    (GP + "chapter-1/prerequisites/",
     "the innovative activity of enterprises in Tajikistan in 2017 amounted to 1.9%"),
    (GP + "chapter-1/prerequisites/",
     "The delegation of Turkmenistan has been participating in the Creative Central Asia Forum"
     " since 2019."),
    (GP + "chapter-1/prerequisites/",
     "economic growth will occur in cities where highly productive small businesses"),
    (GP + "chapter-1/vision-2026/",
     "We will consider it a great success to achieve any 4 of these six goals in at least 3 out"
     " of 5 Central Asian countries by the end of 2026."),
    (GP + "chapter-2/road-map-model/",
     "Working group consultant - John Newbigin (UK), leading expert in the creative economy"),
    (GP + "chapter-2/audience/",
     "Investors, bankers and other financial institutions to whom we can prove that CI is a"
     " profitable investment."),
    (GP + "chapter-2/implementation/",
     "Without a responsible entity, the implementation of the Road map will be unrealistic."),
    (GP + "chapter-2/implementation/",
     "CE development will take place in 9 strategic directions in 4 key stages."),
    (DIRECTIONS, "Let's consider them separately."),
    (DIRECTIONS + "definition/",
     "In 2008, the United Nations Conference on Trade and Development (UNCTAD) published the"
     " first report on the creative economy."),
    (DIRECTIONS + "definition/", "Computer games and cybersports"),
    (DIRECTIONS + "culture/",
     "Creative entrepreneurs can launch monthly \"Open Doors\" for the acquisition of creative"
     " professions"),
    (DIRECTIONS + "data/",
     "A team of researchers collected data from over 1,700 entrepreneurs"),
    (DIRECTIONS + "advocacy/", "Established and sustained in-country CEntr association"),
    (DIRECTIONS + "education/",
     "22.6% consider themselves to be well-grounded in entrepreneurship, 46.8% are more likely"
     " to be savvy"),
    (DIRECTIONS + "finance/",
     "it is advisable to create a specialised Creative Industries Fund"),
    (DIRECTIONS + "taxes/", "To date, there are no alternative regulations."),
    (DIRECTIONS + "international-relations/",
     "World exports of creative industries nearly doubled between 2003 and 2012."),
    (DIRECTIONS + "infrastructure/",
     "It is advisable to create Remote Internet Labor Centers"),
    (GP + "chapter-2/stages/",
     "Therefore, the key message of this stage is Self-awareness."),
    (GP + "chapter-2/stages/",
     "Thus, the Building Trust phase between market participants, government and civil society"
     " will pave the way for a common strategy."),
    (GP + "chapter-2/stages/", "Ambition is the key message at this stage"),
    (GP + "chapter-2/stages/", "The key message at this stage is “Full forward!.”"),
    (GP + "conclusion/",
     "Let Central Asia be on the map of the most successful creative regions of the planet"),
    ("creotalents/",
     "organized a workshop with the key stakeholders of the Creative Industries in Kazakhstan"
     " (15th of April, 2019)"),
    ("creotalents/", "we have identified the Eurasian Economic Union as a potential market"),
]

# The questions (or, for Definition, the paragraph) that open each strategic direction.
OPENINGS = {
    "definition": "There are many different definitions of creative industries, but an important"
                  " point is a common understanding of the definition on the part of government"
                  " agencies.",
    "culture": "Do high-level politicians give speeches about the creative sector or visit"
               " creative ventures?",
    "data": "For instance, why is the sector growing or not growing? Are there skill needs?",
    "advocacy": "Why should people or companies join the creative economic network?",
    "education": "do creative entrepreneurs know how to present investment proposals to banks or"
                 " private investors?",
    "finance": "Are there financial institutions willing to offer small amounts for a startup"
               " business?",
    "taxes": "Is it easy (and cheap) to start a new business?",
    "international-relations": "Are cities considering joining UNESCO or other networks of"
                               " creative and cultural cities?",
    "infrastructure": "Is the infrastructure developed to support the growth of the creative"
                      " sector?",
}

# Footnotes by page, with the source's numbers, and a piece of the link each one must carry.
FOOTNOTES = {
    GP + "chapter-1/prerequisites/": {"1": "hdr.undp.org", "2": "creative-industries-mapping",
                                      "3": None, "4": "review.uz"},
    GP + "chapter-2/road-map-model/": {"5": None},
    DIRECTIONS + "definition/": {"6": None, "7": "What%20Do%20We%20Mean", "8": None, "9": None,
                                 "10": "123_report_design", "11": "unesco-framework",
                                 "12": "What%20Do%20We%20Mean"},
    DIRECTIONS + "data/": {"13": "creative-industries-mapping", "14": "unesco-framework",
                           "15": "youtu.be/QRIHtL6keE4"},
    DIRECTIONS + "advocacy/": {"16": None},
    DIRECTIONS + "education/": {"17": None, "18": None, "19": "caer.narxoz.kz"},
    DIRECTIONS + "finance/": {"20": None, "21": None},
    DIRECTIONS + "international-relations/": {"22": "cultural_times", "23": "imemo.ru",
                                              "24": "cyberleninka.ru"},
    DIRECTIONS + "infrastructure/": {"25": "HubsReport.pdf", "26": None},
}

GREEN_PAPER_PAGES = sorted({path for path, _ in SENTENCES if path.startswith(GP)}
                           | {GP + "chapter-1/", GP + "chapter-2/"})

ABBREVIATIONS = ["CE", "CI", "CEntr", "CA", "CCAN", "RM", "UNCTAD", "DCMS", "OKED", "MCS", "MES",
                 "IIT", "VAT"]


def text(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded, white space collapsed."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def flat(html: str) -> str:
    """Like text(), but footnote calls are dropped and inline tags do not add spaces."""
    inline = re.sub(r"<sup\b.*?</sup>", "", html, flags=re.DOTALL)
    inline = re.sub(r"</?(abbr|strong|em|a|code)\b[^>]*>", "", inline)
    return text(inline)


def article(html: str) -> str:
    """The page's text, without the paragraph numbers the site adds (§2.4.3.5)."""
    html = html[html.index("<article"):html.index("</article>")]
    return re.sub(r'<a class="roadmap-para"[^>]*>[^<]*</a> ', "", html)


@pytest.mark.parametrize(("path", "sentence"), SENTENCES)
def test_page_carries_the_source_text(site, path, sentence):
    assert sentence in flat(article(page(site, "en", path))), f"{path}: missing {sentence!r}"


def test_each_country_has_its_subheading_in_the_source_order(site):
    html = article(page(site, "en", GP + "chapter-1/prerequisites/"))
    headings = re.findall(r"<h2[^>]*>(.*?)<", html)
    assert headings == ["Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan",
                        "Overall"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_vision_goals_come_from_the_data_at_their_marker(site, lang):
    """The six goals are typed once, in data/vision.yml (and its translations): the page shows
    them where its Markdown says <!-- roadmap:vision-goals -->, each with its permalink."""
    html = article(page(site, lang, GP + "chapter-1/vision-2026/"))
    goals = re.search(r'<ul class="roadmap-vision-goals">(.*?)</ul>', html, re.DOTALL).group(1)
    ids = re.findall(r'<li id="goal-([a-z-]+)">', goals)
    assert ids == [goal.id for goal in view(lang).goals]
    assert flat(goals).startswith(flat(str(view(lang).goals[0].text.plain))[:20])
    prefix = "" if lang == "en" else f"{lang}/"
    source = (ROOT / "docs" / prefix / "green-paper/chapter-1/vision-2026.md").read_text(encoding="utf-8")
    assert "<!-- roadmap:vision-goals -->" in source
    assert not re.search(r"^[-*] ", source, re.M), "the goals are typed in the page as well as in the data"


@pytest.mark.parametrize("direction", OPENINGS)
def test_direction_opens_with_its_questions(site, direction):
    html = article(page(site, "en", f"{DIRECTIONS}{direction}/"))
    if direction == "definition":  # no questions in the source: an ordinary first paragraph
        first = re.search(r"</h1>\s*<p[^>]*>(.*?)</p>", html, re.DOTALL).group(1)
    else:
        first = re.search(r"<blockquote>(.*?)</blockquote>", html, re.DOTALL).group(1)
    assert OPENINGS[direction] in flat(first)


def test_directions_index_links_the_nine_directions(site):
    html = article(page(site, "en", DIRECTIONS))
    links = re.findall(r'<li[^>]*><a href="([^"]+)/">', html)
    assert links == list(OPENINGS)


def test_stages_keep_the_cooperative_model_as_a_list(site):
    html = article(page(site, "en", GP + "chapter-2/stages/"))
    items = [flat(item) for item in re.findall(r"<li[^>]*>((?:(?!<li).)*?)</li>", html, re.DOTALL)]
    for letter, word in zip("abcd", ["Compete", "Cooperate", "Collaborate", "Customers"]):
        assert any(item.startswith(f"{letter}. {word} - ") for item in items), word
    assert "adapting the incentive system" in flat(html)  # page break repaired


@pytest.mark.parametrize("path", FOOTNOTES)
def test_footnotes_resolve_on_their_page(site, path):
    html = page(site, "en", path)
    refs = re.findall(r'<sup id="fnref:([^"]+)"><a class="footnote-ref" href="#fn:([^"]+)"', html)
    assert refs, f"{path}: no footnote references"
    assert all(a == b for a, b in refs)
    notes = dict(re.findall(r'<li id="fn:([^"]+)">(.*?)</li>', html, re.DOTALL))
    assert {a for a, _ in refs} == set(notes) == set(FOOTNOTES[path])
    for label, link in FOOTNOTES[path].items():
        assert f'href="#fnref:{label}"' in notes[label]
        if link:
            assert re.search(rf'<a href="https?://[^"]*{re.escape(link)}', notes[label]), label


@pytest.mark.parametrize("path", GREEN_PAPER_PAGES + ["creotalents/", "about-this-edition/"])
def test_links_lead_to_built_pages(site, path):
    """Every link of the page's text reaches a page of the built site (strict mode checks this
    too, but only when its warnings are counted: see the last test)."""
    base = site / path
    for href in re.findall(r'href="([^"]+)"', article(page(site, "en", path))):
        if href.startswith(("http://", "https://", "mailto:", "#")):
            continue
        target, _, anchor = href.partition("#")
        built = (base / target).resolve()
        built = built / "index.html" if built.is_dir() else built
        assert built.is_file(), f"{path}: {href}"
        if anchor:
            assert f'id="{anchor}"' in built.read_text(encoding="utf-8"), f"{path}: {href}"


def test_footnote_17_says_its_text_is_missing(site):
    html = page(site, "en", DIRECTIONS + "education/")
    note = re.search(r'<li id="fn:17">(.*?)</li>', html, re.DOTALL).group(1)
    assert "missing from the source" in text(note)


def test_conclusion_links_the_address(site):
    html = page(site, "en", GP + "conclusion/")
    assert 'href="mailto:creative.can2021@gmail.com' in html


@pytest.mark.parametrize("path", GREEN_PAPER_PAGES)
def test_no_extraction_damage_is_published(site, path):
    seen = text(article(page(site, "en", path)))
    for damage in ["Newbiggin", "\\$", "CCAN5", "research d annually", "presentation of EC",
                   "<p>", "&lt;p", "Finanee", "CDGC", "CGDC", "ABPOKOPPI", "[^"]:
        assert damage not in seen, f"{path}: {damage!r}"


@pytest.mark.parametrize("md", sorted((ROOT / "docs/green-paper").rglob("*.md")), ids=str)
def test_abbreviations_are_explained_where_used(md):
    """Every abbreviation a page uses is explained: by the glossary (data/glossary.yml gives
    the site-wide ones) or by a definition in the page."""
    glossary = {t.abbreviation.plain for t in view("en").glossary if t.abbreviation}
    source = md.read_text(encoding="utf-8")
    body = "\n".join(line for line in source.splitlines() if not line.startswith("*["))
    body = re.sub(r"<https?://[^>]+>", "", body)
    for abbr in ABBREVIATIONS:
        if abbr not in glossary and re.search(rf"\b{abbr}\b", body):
            assert f"*[{abbr}]: " in source, f"{md.name}: {abbr} used without *[{abbr}]:"


def test_about_this_edition_lists_the_corrections(site):
    seen = flat(article(page(site, "en", "about-this-edition/")))
    for needle in ["Newbiggin", "Newbigin", "OKED", "Finanee", "CDGC", "CGDC", "ABPOKOPPI",
                   "CE's comfort abroad", "FE environment", "presentation of EC", "CCAN5",
                   "research d annually", "(see illustration above)", "<p>",
                   "Tax incentives and CE subsidy policy by the State."]:
        assert needle in seen, needle
    table = re.findall(r"<tr>\s*<td>(\d+)</td>", page(site, "en", "about-this-edition/"))
    for footnote in ["1", "2", "3", "5", "9", "16", "17", "22", "24", "25", "26"]:
        assert footnote in table, f"footnote {footnote} not in the footnote table"


def test_strict_build_names_broken_links_and_footnotes(project_copy, tmp_path):
    docs = project_copy / "docs/green-paper"
    foreword = docs / "foreword.md"
    foreword.write_text(foreword.read_text() + "\nSee [nowhere](no-such-page.md).\n")
    conclusion = docs / "conclusion.md"
    conclusion.write_text(conclusion.read_text() + "\nA claim.[^99]\n")
    stages = docs / "chapter-2/stages.md"
    stages.write_text(stages.read_text() + "\n[^98]: A note nobody refers to.\n")

    result = mkdocs_build(project_copy, tmp_path / "site", env={"ROADMAP_LANGUAGE": "en"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"green-paper/foreword\.md.*no-such-page\.md", output), output
    assert re.search(r"green-paper/conclusion\.md.*\[\^99\]", output), output
    assert re.search(r"green-paper/chapter-2/stages\.md.*\[\^98\]", output), output
