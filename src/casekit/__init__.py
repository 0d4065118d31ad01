"""casekit: Chinese local-government bulletins to a structured corpus."""

__version__ = "0.1.0"
