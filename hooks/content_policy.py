"""Contributed pages publish only what the content policy allows (roadmap/policy.py): the HTML
that Markdown makes of a page is cleaned by nh3 before any hook adds its own, and whatever the
cleaning had to remove (script, style, iframe, event handlers, javascript:/data:/file: links,
images from other hosts) is reported with the page's file and line. The build is strict, so the
report stops it; the cleaned page would be inert anyway. The policy is written for translators in
docs/contribute.md."""

from mkdocs.plugins import event_priority, get_plugin_logger

from roadmap import policy

log = get_plugin_logger("content-policy")


@event_priority(100)  # before the hooks that insert generated HTML at markers
def on_page_content(html, page, config, files):
    cleaned = policy.clean(html)
    findings = policy.removed(html, cleaned)
    if findings:
        source = page.file.content_string
        for finding in findings:
            line = policy.line_of(source, finding)
            where = f"docs/{page.file.src_uri}" + (f", line {line}" if line else "")
            log.warning(f"{where}: {finding} is not allowed in a page, and was removed. Pages may use "
                        "Markdown and the plain HTML listed in docs/contribute.md (Content policy).")
    return cleaned
