"""The HTML report names no web address but the SVG namespace: matplotlib's RDF metadata (purl.org,
creativecommons.org) made an offline check of a real export's report find 18 http:// addresses."""
import re
from datetime import date, timedelta

from fazhi.scan.report import render_report
from fazhi.scan.scanner import Post, scan


def test_report_has_no_web_address_but_the_svg_namespace():
    posts = [Post(f"p{i}", t, date(2026, 9, 1) + timedelta(i % 20), d)
             for i, (t, d) in enumerate([("楼上漏水物业不管", "西湖区"), ("公司拖欠工资三个月", "萧山区"),
                                         ("邻居占用楼道堆放杂物", "拱墅区")] * 10)]
    html = render_report(scan(posts))
    assert html.count("<svg") >= 2
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls
