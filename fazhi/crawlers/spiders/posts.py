"""``posts``: message boards and legal Q&A, paginated lists → posts with date, district, body and the
official reply, driven by a site profile (bundled: ``posts``, the demo 12345-style board)."""
from fazhi.crawlers.spiders.generic import GenericSpider

__all__ = ["PostsSpider"]


class PostsSpider(GenericSpider):
    name = "posts"
    default_profile = "posts"
