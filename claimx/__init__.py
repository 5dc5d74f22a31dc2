"""claimx: who said what, when, and how many, from news articles, as YAML fact sheets."""

__version__ = "0.1.0"
FORMAT_VERSION = 2
