"""runs"""
from __future__ import annotations

TEMPLATES: dict[str, tuple] = {
}
