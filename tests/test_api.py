"""The public API list is deliberate: adding or removing a name should be a conscious change."""

from __future__ import annotations

import newsprism


def test_exported_members():
    assert sorted(newsprism.__all__) == sorted(
        ["Article", "InputError", "Line", "Mention", "ModelError", "NewsprismError", "NoUsableInputError", "Problem", "Removed", "Report", "Sentence", "Source", "__version__", "analyze", "render_markdown", "to_json", "write_report"]
    )
    for name in newsprism.__all__:
        assert hasattr(newsprism, name)
