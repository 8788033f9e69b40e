"""The `gongkai` command.

`gongkai plan parse …` runs the Django-free parser directly (fast start-up). Every other
`gongkai WORD …` is the Django management command WORD, so `gongkai workdays add 2025-01-20 20`
is `manage.py workdays add 2025-01-20 20`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:2] == ["plan", "parse"]:
        from gongkai.textparse.cli import main as parse_main

        return parse_main(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
