"""Make the GitHub issue forms in .github/ISSUE_TEMPLATE/ from the interface strings.

    .venv/bin/python scripts/issue_forms.py           # write the forms
    .venv/bin/python scripts/issue_forms.py --check   # only say whether they are up to date

One form per language for a proposal on the text (proposal-<lang>.yml) and one per translation for
a correction of that translation (translation-<lang>.yml), their words taken from the `form_*`
strings of data/i18n/<lang>.yml (English where a language does not have them yet), and config.yml
(no blank issues; the e-mail alternative of data/edition.yml). Run it again whenever those strings
change: tests/test_proposals.py fails while the committed forms differ from what this makes.

The fields, their ids and their order are `roadmap.proposals.FIELDS`: GitHub prefills a field from
the form's URL by its id (?template=proposal-ru.yml&paragraph=…), and roadmap-proposals reads the
issues back by that order.
"""

import argparse
import sys
import textwrap
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roadmap import project  # noqa: E402
from roadmap.data import DEFAULT, load  # noqa: E402
from roadmap.localized import localized  # noqa: E402
from roadmap.proposals import form_fields  # noqa: E402

FOLDER = Path(".github") / "ISSUE_TEMPLATE"
FORM_STRINGS = {
    "proposal": ("form_proposal_name", "form_proposal_about"),
    "translation": ("form_translation_name", "form_translation_about"),
}


def form(view, kind: str, language: project.Language) -> dict:
    """The issue form of `kind` ("proposal" or "translation") in the language of `view`."""
    name, about = FORM_STRINGS[kind]
    body = []
    for f in form_fields(kind):
        attributes = {"label": view.ui(f.label).plain}
        if f.help:
            attributes["description"] = view.ui(f.help).plain
        if f.id == "language":
            attributes["value"] = view.lang
        item = {"type": f.type, "id": f.id, "attributes": attributes}
        if f.required:
            item["validations"] = {"required": True}
        body.append(item)
    return {
        # The language's own name tells the seven forms apart in GitHub's list of forms.
        "name": f"{view.ui(name).plain} ({language.name})",
        "description": view.ui(about).plain,
        "title": "§: ",
        "labels": [kind, f"lang:{view.lang}"],
        "body": body,
    }


def config(view, edition) -> dict:
    """No blank issues: a proposal without its paragraph and language cannot be filed where it
    belongs (maintainers still get a blank issue). The e-mail the Green Paper gives instead."""
    subject = quote(str(edition["subject"]))
    return {
        "blank_issues_enabled": False,
        "contact_links": [{
            "name": view.ui("propose_by_email").plain,
            "url": f"mailto:{edition['email']}?subject={subject}",
            "about": view.ui("propose_email_help", email=edition["email"], subject=edition["subject"]).plain,
        }],
    }


def dump(content: dict, comment: str) -> str:
    text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return "".join(f"# {line}\n" if line else "#\n" for line in comment.splitlines()) + text


def forms(root: Path = ROOT) -> dict[str, str]:
    """File name in .github/ISSUE_TEMPLATE/ -> its text, made from the strings of `root`."""
    roadmap = load(Path(root) / "data")
    made = {}
    for language in project.languages(root):
        view = localized(roadmap, language.code)
        for kind in FORM_STRINGS:
            if kind == "translation" and language.code == DEFAULT:
                continue  # English is the original: nothing to correct in a translation
            content = form(view, kind, language)
            keys = [*FORM_STRINGS[kind], *(k for f in form_fields(kind) for k in (f.label, f.help) if k)]
            missing = [k for k in keys if view.ui(k).fallback]
            comment = (f"Made by scripts/issue_forms.py from data/i18n/{language.code}.yml (ui: form_*): "
                       "do not edit by hand;\nchange the strings there and run the script again.")
            if missing:
                comment += "\n" + textwrap.fill(f"Still in English until data/i18n/{language.code}.yml "
                                                f"has: {', '.join(missing)}.", 98)
            made[f"{kind}-{language.code}.yml"] = dump(content, comment)
    edition = {"email": roadmap.edition["email"], "subject": roadmap.edition["email_subject"]}
    made["config.yml"] = dump(config(localized(roadmap, DEFAULT), edition),
                              "Made by scripts/issue_forms.py from data/edition.yml (email, email_subject) and\n"
                              "data/i18n/en.yml: do not edit by hand.")
    return made


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Make the issue forms of .github/ISSUE_TEMPLATE/.")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a form is out of date")
    args = parser.parse_args(argv)
    from roadmap.data import DataError

    try:
        made = forms()
    except DataError as error:
        print(f"The data has problems; fix them first (roadmap-check):\n{error}", file=sys.stderr)
        return 1
    folder = ROOT / FOLDER
    stale = [p for p in folder.glob("*.yml") if p.name.startswith(("proposal-", "translation-")) and p.name not in made]
    changed = [name for name, text in made.items()
               if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in changed + [p.name for p in stale]:
            print(f"{FOLDER / name} is out of date: run scripts/issue_forms.py")
        return 1 if changed or stale else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in changed:
        (folder / name).write_text(made[name], encoding="utf-8")
        print(f"wrote {FOLDER / name}")
    for path in stale:  # a language no longer in mkdocs.yml
        path.unlink()
        print(f"removed {FOLDER / path.name}")
    print(f"{len(made)} files in {FOLDER}, {len(changed)} changed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
