"""收费办法 (§2.3, §2.4, §2.6) examples, computed by hand."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from gongkai.foi_requests.fees import (
    fee_by_item,
    fee_by_pages,
    fee_options,
    monthly_total_by_item,
    payment_deadline,
)

from .calendars import domain_calendar


@pytest.mark.parametrize(("k", "fee"), [
    (1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (60, 400),
    (61, 500), (70, 500), (71, 600),
])
def test_by_item_fee_of_the_kth_application_of_the_month(k, fee):
    assert fee_by_item(k) == fee


@pytest.mark.parametrize(("n", "total"), [
    (10, 0), (11, 100), (15, 500), (25, 1500), (30, 2000), (31, 2200), (35, 3000), (40, 4000), (45, 5500),
    (50, 7000), (60, 11000), (100, 37000),
])
def test_monthly_totals_of_section_2_3(n, total):
    assert monthly_total_by_item(n) == total


@pytest.mark.parametrize(("pages", "fee"), [
    (0, 0), (30, 0), (31, 10), (50, 200), (100, 700), (101, 720), (150, 1700), (200, 2700), (201, 2740),
    (250, 4700), (300, 6700), (500, 14700),
])
def test_by_pages_fee_of_section_2_4(pages, fee):
    assert fee_by_pages(pages) == fee


def test_worked_examples_of_section_2_6():
    # 1. twelve applications in March: #11 and #12 cost 100 each.
    assert sum(fee_by_item(k) for k in range(1, 13)) == 200
    # 2. 35 in one month: 20×100 + 5×200.
    assert monthly_total_by_item(35) == 3000
    # 3. application #5 asking for 150 pages: 按件 0, 按量 700 + 1,000.
    assert fee_options(position=5, pages=150).by_item == 0
    assert fee_options(position=5, pages=150).by_pages == 1700
    # 4. application #31, 40 pages by e-mail: 按件 200, 按量 100; the agency picks one.
    options = fee_options(position=31, pages=40)
    assert (options.by_item, options.by_pages) == (200, 100)
    # 5. notice received 2025-03-10 → paid within 20 working days from 03-11 → 2025-04-08 (清明 04-04).
    assert payment_deadline(domain_calendar(), notice_received_on=dt.date(2025, 3, 10)).value == dt.date(2025, 4, 8)


def test_the_cli_prints_the_fee_in_yuan():
    out = io.StringIO()
    call_command("foi", "fee", "--by-item", "31", stdout=out)
    assert out.getvalue().strip() == "200"
    out = io.StringIO()
    call_command("foi", "fee", "--pages", "101", stdout=out)
    assert out.getvalue().strip() == "720"
