from gongkai.textparse import outline, parse_text


def _wrapped_paragraph(lines: int) -> tuple[str, list[str]]:
    """A plan whose one task is a paragraph wrapped over ``lines`` lines, each closing a parenthesis."""
    body = [f"各镇要做好第{k}项信息的公开（含政策解读）" for k in range(lines)]
    text = ("某县2023年政务公开工作要点\n一、重点任务\n（一）加强解读。落实要求，\n" + "\n".join(body)
            + "\n全面落实。（县财政局牵头，各部门配合）\n")
    return text, body


def _characters_read(monkeypatch, text: str) -> int:
    """Characters the outline joins and scans for inline units while it reads ``text``."""
    read = [0]

    def counting(real):
        def wrapper(arg):
            read[0] += len(arg)
            return real(arg)
        return wrapper

    monkeypatch.setattr(outline, "split_inline", counting(outline.split_inline))
    monkeypatch.setattr(outline, "squash", counting(outline.squash))
    parse_text(text)
    monkeypatch.undo()
    return read[0]


def test_a_5000_line_wrapped_paragraph_is_one_task_with_the_units_that_close_it():
    text, body = _wrapped_paragraph(5000)
    plan = parse_text(text)
    assert len(plan.tasks) == 1
    task = plan.tasks[0]
    assert task.text == "加强解读。落实要求，" + "".join(body) + "全面落实。"
    assert (task.units.lead, task.units.cooperate) == (["县财政局"], ["各部门"])


def test_reading_a_wrapped_paragraph_grows_linearly_with_its_length(monkeypatch):
    # Every line ends in "）", so every line asks whether units closed there. Reading the
    # whole paragraph each time would make twice the lines cost four times the work.
    short = _characters_read(monkeypatch, _wrapped_paragraph(1000)[0])
    long = _characters_read(monkeypatch, _wrapped_paragraph(2000)[0])
    assert long < 2.5 * short
