"""A small dated archive in four languages, written for the audit's tests: what each document
says is in ``DOCUMENTS``, so every count the tests pin can be checked by reading it."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

GLOSSARY = Path(__file__).parents[1] / "data" / "audit" / "glossary.csv"

# (file, day, text). Markdown gives its date in front matter and HTML in a meta element, as the
# lint reads them; the files' times are set to the same days.
DOCUMENTS = [
    ("en/2024-01-15-fuzuli.txt", "2024-01-15",
     "President Tokayev visited Fuzuli on Monday.\n\nFizuli, called Karyagino until 1959, was rebuilt after 2020; the Zangezour corridor will pass near Fuzuli.\n"),
    ("en/2024-02-03-corridor.md", "2024-02-03",
     "---\ntitle: Zangezur corridor\ndate: 2024-02-03\n---\n\n"
     "The Zangezour corridor and the Zangazur corridor are one route to Nakhchivan.\n\n"
     "Officials in Nakhichevan and Nakhchyvan welcomed it.\n"),
    ("en/2024-03-20-visit.html", "2024-03-20",
     '<html><head><meta property="article:published_time" content="2024-03-20T09:00:00+04:00"></head><body>\n'
     "<p>Kassym-Jomart Kemelovich Tokayev arrived in Fuzuli (F&uuml;zuli in Azerbaijani: <b>Füzuli</b>).</p>\n"
     "<p>Kassym-Jomart Tokayev spoke of the Zangezour corridor and of Nakhchyvan.</p>\n</body></html>\n"),
    ("az/2024-01-20.txt", "2024-01-20",
     "Prezident Tokayev Füzuliyə səfər edib. Fizulidə yeni məktəb açılıb. Zəngəzur dəhlizi Naxçıvana aparır.\n"),
    ("kk/2024-02-10.txt", "2024-02-10",
     "Президент Тоқаев Физули қаласына барды. Токаевтың сапары Нахичеванда аяқталды. Зангезур дәлізі туралы айтылды.\n"),
    ("ru/2024-03-05.txt", "2024-03-05",
     "Касым-Жомарт Токаев посетил Физули. Токаев обсудил Зангезурский коридор и визит в Нахчыван.\n"),
]


def write_archive(folder: Path) -> Path:
    for name, day, text in DOCUMENTS:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        set_day(path, day)
    return folder


def set_day(path: Path, day: str) -> None:
    """The file's times at noon of ``day``, local time (the day an audit files it under)."""
    noon = datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(12)).timestamp()
    os.utime(path, (noon, noon))
