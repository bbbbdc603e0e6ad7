"""``judgments``: a court's publication site, list pages → judgment pages (title, case number, court,
date, cause of action, full text), driven by a site profile.

The bundled profile ``judgments`` describes the demo court site shipped in ``fazhi/crawlers/data/site``
(the layout of many provincial court portals); point ``-a profile=`` at your own profile for another
site and ``-a base_url=`` at its address.
"""
from fazhi.crawlers.spiders.generic import GenericSpider

__all__ = ["JudgmentsSpider"]


class JudgmentsSpider(GenericSpider):
    name = "judgments"
    default_profile = "judgments"
