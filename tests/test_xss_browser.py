"""The OWASP vectors, published in a body, execute nothing in Chromium."""

from __future__ import annotations

import pytest

from conftest import build_portal, make_site, problem_lines
from test_a11y import a11y, needs_browser_tools
from test_sanitize import VECTORS

NEWS = "content/demo/news/example.md"


@needs_browser_tools
def test_no_vector_runs_in_the_browser(tmp_path):
    from selenium.common.exceptions import NoAlertPresentException  # noqa: PLC0415

    site = make_site(tmp_path / "site")
    path = site / NEWS
    # Every vector calls alert(); a hook records any script that runs at all.
    vectors = [vector.replace("alert(", "(window.__xss=(window.__xss||0)+1)&&alert(")
               for vector in VECTORS]
    original = path.read_text("utf-8")
    first = original.count("\n") + 2
    path.write_text(original + "\n" + "\n\n".join(vectors) + "\n", "utf-8")
    # Vectors whose link looks relative are stopped earlier, as dead links; the rest must
    # reach the page and be disarmed there.
    stopped = {int(line.split(":")[1]) for line in problem_lines(site)}
    assert all(line >= first for line in stopped)
    kept = [vector for index, vector in enumerate(vectors) if first + 2 * index not in stopped]
    assert len(kept) >= 45
    path.write_text(original + "\n" + "\n\n".join(kept) + "\n", "utf-8")
    result = build_portal(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    server = a11y.serve(tmp_path / "out")
    driver = a11y.start_chromium(str(tmp_path / "profile"))
    try:
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/demo/news/example/")
        driver.execute_async_script("setTimeout(arguments[0], 1000)")  # let onerror/onload fire
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert  # noqa: B018 - raises when no dialog opened
        assert driver.execute_script("return window.__xss || 0") == 0
        assert driver.find_element("tag name", "h1").text  # the page itself rendered
    finally:
        driver.quit()
        server.shutdown()
