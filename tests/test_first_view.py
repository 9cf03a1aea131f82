"""A first view of each page type in each language weighs at most 100 KB over the wire (gzip), in
Debian's headless Chromium with a cold cache: everything the page fetches from the site until
nothing new is asked for half a second. Its own file (not tests/test_reader_pages.py) so that the
two share the test workers."""

import gzip
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES
from test_reader_pages import KINDS, benchmark, load, page_url

BUDGET = benchmark.BUDGET  # 100 KB
UNCOMPRESSED = {".woff2", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico", ".gz"}


def over_the_wire(site: Path, url: str) -> int:
    """The bytes of one file of the site as a server with gzip sends them (headers left out)."""
    path = urlsplit(url).path.lstrip("/")
    file = site / path
    if file.is_dir() or path.endswith("/") or not path:
        file = file / "index.html"
    data = file.read_bytes()
    return len(data) if file.suffix in UNCOMPRESSED else len(gzip.compress(data, compresslevel=6))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_first_view_of_a_page_type_weighs_at_most_100_kb(reader, site, kind, lang):
    reader.get("about:blank")  # nothing of the previous page still loading, and a cold cache
    reader.execute_cdp_cmd("Network.clearBrowserCache", {})
    load(reader, page_url(site, kind, lang))
    seen, quiet_since = -1, time.time()
    while time.time() - quiet_since < 0.5:  # until nothing new is fetched for half a second
        urls = reader.execute_script(
            "return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]")
        if len(urls) != seen:
            seen, quiet_since = len(urls), time.time()
        time.sleep(0.1)
    own = [url for url in dict.fromkeys(urls) if url.startswith(reader.base)]
    sizes = {urlsplit(url).path: over_the_wire(site, url) for url in own}
    total = sum(sizes.values())
    heaviest = ", ".join(f"{path} {size / 1024:.1f} KB" for path, size in sorted(sizes.items(), key=lambda i: -i[1])[:6])
    assert total <= BUDGET, f"{kind} page in {lang}: {total / 1024:.1f} KB over the wire (budget {BUDGET / 1024:.0f} KB): {heaviest}"
