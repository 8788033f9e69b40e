from pathlib import Path

from django.core.management import call_command

from gongkai.core.backup import create_backup, restore_backup
from gongkai.organisations.models import Unit, User


def test_backup_and_restore_round_trip_loses_nothing(transactional_db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    import io

    from gongkai.organisations import demo

    demo.load(io.StringIO())
    original = Path(settings.MEDIA_ROOT) / "plans" / "2026" / "方案.docx"
    original.parent.mkdir(parents=True)
    original.write_bytes(b"\x50\x4b original bytes")
    units_before = sorted(Unit.objects.values_list("id", "name", "path"))
    users_before = sorted(User.objects.values_list("username", "unit_id"))

    archive = create_backup(tmp_path / "backup.tar.gz")

    Unit.objects.filter(kind="office").delete()
    User.objects.filter(username="gkb").update(unit=None)
    original.unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("written after the backup")

    restore_backup(archive)

    assert sorted(Unit.objects.values_list("id", "name", "path")) == units_before
    assert sorted(User.objects.values_list("username", "unit_id")) == users_before
    assert original.read_bytes() == b"\x50\x4b original bytes"
    assert not (Path(settings.MEDIA_ROOT) / "stray.txt").exists()


def test_backup_command_writes_the_archive(transactional_db, tmp_path, capsys):
    target = tmp_path / "b.tar.gz"
    call_command("backup", "-o", str(target))
    assert capsys.readouterr().out.strip() == str(target)
    assert target.stat().st_size > 0


def test_restore_rejects_a_corrupt_archive(db, tmp_path):
    import pytest
    from django.core.management import CommandError

    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="备份文件已损坏"):
        call_command("restore", str(bad))

