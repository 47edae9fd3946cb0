"""One client from spec to finished tree: load, render, header, format, record provenance."""

from __future__ import annotations

from pathlib import Path

from generator.manifest import ClientEntry
from generator.postprocess import add_headers, format_tree
from generator.provenance import write_provenance
from generator.render import render_client
from generator.spec import load_spec


def build_client(client: ClientEntry, destination: Path) -> None:
    """Generate ``client`` into ``destination`` (which must not exist yet)."""
    document = load_spec(client.spec)
    render_client(client, document, destination)
    add_headers(destination, client)
    format_tree(destination)
    write_provenance(destination, client, api_version=str(document["info"]["version"]))
