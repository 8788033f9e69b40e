import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.uploads import validate_upload


def test_a_real_pdf_passes():
    validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.7 ..."))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.exe", b"MZ", "不支持的文件类型"),
        ("a.pdf", b"", "文件是空的"),
        ("a.pdf", b"<html>", "文件内容与扩展名"),
        ("a.docx", b"%PDF", "文件内容与扩展名"),
    ],
)
def test_bad_uploads_are_refused_with_a_chinese_message(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, content))


def test_size_limit(settings):
    with pytest.raises(ValidationError, match="文件过大"):
        validate_upload(SimpleUploadedFile("a.txt", b"x" * 2048), max_bytes=1024)
