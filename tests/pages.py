# ruff: noqa: E501  (saved pages keep their long lines)
"""Saved news pages as three kinds of site build them, around any article's paragraphs.

Each builder wraps a title, a date, an author and paragraphs in the page furniture real
saved pages carry: scripts with quoted strings and IDs, styles with numbers, JSON-LD,
navigation, cookie banners, bylines, image captions, "related" lists with numbers and
dates, inline advertising labels, newsletter promos and footers. The tests (and
benchmarks/compare_html_extractors.py) check that only the paragraphs come out.

`FURNITURE` lists strings of that furniture: none may reach the text claimx reads.
"""

from __future__ import annotations

import html
import json

FURNITURE = (
    "G-XYZ123",
    "window.__config",
    "font-weight",
    "0 0 1em",
    "We use cookies",
    "Yes, I agree",
    "Related topics",
    "More on this story",
    "300 seats",
    "Sign up to First Edition",
    "Most viewed",
    "ADVERTISEMENT",
    "Copyright 2026",
    "Image caption",
    "Skip to content",
    "Read more",
)


def _p(text: str) -> str:
    return html.escape(text, quote=False)


def _ld(data: dict) -> str:
    return '<script type="application/ld+json">' + json.dumps(data) + "</script>"


_SCRIPT = """<script>window.__config = {"config": "G-XYZ123", "said": "\\"We will,\\" he said",
"ads": {"slots": [300, 250]}}; window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-XYZ123');
</script>"""

_STYLE = """<style>.story-body p{margin:0 0 1em;font-weight:333;line-height:1.5}
@media (min-width: 600px){.story-body{padding:0 16px 24px}} .banner{z-index:1000}</style>"""


def bbc_like(title: str, published: str, author: str, paragraphs: list[str]) -> str:
    """A public broadcaster's article page: JSON-LD, cookie banner, blocks, related links."""
    blocks = "\n".join(
        f'<div data-component="text-block" class="ssrcss-11r1m41"><p>{_p(p)}</p></div>'
        for p in paragraphs
    )
    ld = _ld(
        {
            "@context": "http://schema.org",
            "@type": "ReportageNewsArticle",
            "headline": title,
            "datePublished": published,
            "dateModified": published,
            "author": [{"@type": "Person", "name": author}],
            "publisher": {"@type": "NewsMediaOrganization", "name": "BBC News"},
            "url": "https://www.bbc.co.uk/news/articles/c0000000000o",
        }
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB" class="no-js"><head><meta charset="utf-8">
<title>{_p(title)} - BBC News</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="The leaders meet on Tuesday.">
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="BBC News">
<meta property="og:type" content="article">
<meta property="og:url" content="https://www.bbc.co.uk/news/articles/c0000000000o">
<link rel="canonical" href="https://www.bbc.co.uk/news/articles/c0000000000o">
{ld}
{_STYLE}
{_SCRIPT}
</head><body>
<a href="#main-content" class="skip">Skip to content</a>
<div id="cookie-banner" class="cookie-banner"><h2>Let us know you agree to cookies</h2>
<p>We use cookies to give you the best online experience. Please let us know if you agree
to all of these cookies.</p><button>Yes, I agree</button><button>No, take me to settings</button></div>
<header role="banner"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li><li><a href="/iplayer">iPlayer</a></li>
</ul></nav></header>
<main id="main-content"><article>
<header><h1 id="main-heading" class="ssrcss-15xko80">{_p(title)}</h1></header>
<div data-component="byline-block"><div><span>By {_p(author)}</span><span>Seoul correspondent</span></div>
<time datetime="{published}">12 January 2026</time></div>
<figure><img src="https://ichef.bbci.co.uk/news/976/a.jpg" alt="Leaders shake hands">
<figcaption>Image caption, The two leaders last met in 2024 to talk about 300 seats of trade</figcaption></figure>
{blocks}
<section data-component="topic-list"><h2>Related topics</h2><ul><li><a href="/t/1">South Korea</a></li>
<li><a href="/t/2">Japan</a></li></ul></section>
<section data-component="links-block"><h2>More on this story</h2><ul>
<li><a href="/n/1">Japan's ruling party wins 300 seats in snap election</a><time>3 days ago</time></li>
<li><a href="/n/2">Seoul and Tokyo agree to meet again in March</a><time>14 November 2025</time></li>
</ul></section>
</article></main>
<footer><p>Copyright 2026 BBC. All rights reserved. The BBC is not responsible for the content
of external sites. <a href="/help">Read more about our approach to external linking.</a></p></footer>
<script src="https://static.files.bbci.co.uk/orbit/1.0/orbit.js"></script>
</body></html>
"""


def guardian_like(title: str, published: str, author: str, paragraphs: list[str]) -> str:
    """A newspaper's page: standfirst, inline promos, newsletter sign-up, most viewed."""
    body: list[str] = []
    for i, para in enumerate(paragraphs):
        body.append(f'<p class="dcr-s3ycb2">{_p(para)}</p>')
        if i == 1:
            body.append(
                '<aside data-spacefinder-role="inline"><a href="/world/2025/nov/14/x">'
                "Read more: Tokyo and Seoul agree to meet on 14 November</a></aside>"
            )
        if i == 3:
            body.append(
                '<div data-component="newsletter-signup"><p>Sign up to First Edition</p>'
                "<p>Our morning email breaks down the key stories of the day, 5 days a week."
                "</p><button>Sign up</button><p>Privacy Notice: Newsletters may contain "
                "info about charities and online ads.</p></div>"
            )
    ld = _ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": published,
            "author": [{"@type": "Person", "name": author, "sameAs": "https://x/profile"}],
            "publisher": {"@type": "Organization", "name": "The Guardian"},
            "mainEntityOfPage": "https://www.theguardian.com/world/2026/jan/12/seoul",
        }
    )
    joined = "\n".join(body)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{_p(title)} | World news | The Guardian</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="the Guardian">
<meta property="og:url" content="https://www.theguardian.com/world/2026/jan/12/seoul">
<meta property="article:published_time" content="{published}">
<meta property="article:author" content="https://www.theguardian.com/profile/x">
<meta name="author" content="{html.escape(author)}">
{ld}
{_STYLE}
{_SCRIPT}
</head><body>
<div id="sp_message_container"><p>We use cookies and similar technologies. Yes, I agree
and continue. Manage my cookies.</p></div>
<a href="#maincontent">Skip to main content</a>
<nav aria-label="Guardian sections"><ul><li>News</li><li>Opinion</li><li>Sport</li>
<li>Culture</li><li>Lifestyle</li></ul></nav>
<main><article>
<div data-gu-name="headline"><h1>{_p(title)}</h1></div>
<div data-gu-name="standfirst"><p>Leaders to meet as regional tensions rise</p></div>
<address aria-label="Contributor info"><a rel="author" href="/profile/x">{_p(author)}</a> in Seoul</address>
<details><summary>Mon 12 Jan 2026 08.06 GMT</summary></details>
<div id="maincontent"><div class="article-body-commercial-selector article-body-viewer-selector">
{joined}
</div></div>
<div data-component="keywords"><p>Explore more on these topics</p><ul><li>South Korea</li>
<li>Japan</li></ul></div>
</article>
<section data-component="most-viewed"><h2>Most viewed</h2><ol>
<li>1 Japan's ruling party wins 300 seats in snap election</li>
<li>2 Live: markets fall 4% on Monday</li></ol></section>
</main>
<footer><p>© 2026 Guardian News &amp; Media Limited or its affiliated companies. Copyright 2026.
All rights reserved.</p></footer>
</body></html>
"""


def ap_like(title: str, published: str, author: str, paragraphs: list[str]) -> str:
    """A wire service's page: ADVERTISEMENT slots between paragraphs, copyright line."""
    body: list[str] = []
    for i, para in enumerate(paragraphs):
        body.append(f"<p>{_p(para)}</p>")
        if i % 3 == 2:
            body.append(
                '<div class="Advertisement" data-ad="inline"><div class="ad-label">'
                "ADVERTISEMENT</div></div>"
            )
    ld = _ld(
        {
            "@context": "http://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": published,
            "author": {"@type": "Person", "name": author},
            "publisher": {"@type": "Organization", "name": "AP News"},
            "url": "https://apnews.com/article/seoul-tokyo-0123456789abcdef",
        }
    )
    joined = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<title>{_p(title)} | AP News</title>
<meta property="og:site_name" content="AP News">
<meta property="og:url" content="https://apnews.com/article/seoul-tokyo-0123456789abcdef">
<meta property="og:title" content="{html.escape(title)}">
<meta name="description" content="Leaders meet on Tuesday.">
{ld}
{_STYLE}
{_SCRIPT}
</head><body class="StoryPage">
<div class="onetrust-banner"><p>We use cookies to personalise content and ads.</p>
<button>Yes, I agree</button></div>
<header class="Page-header"><nav><a href="/world-news">World</a><a href="/us-news">U.S.</a>
<a href="/politics">Politics</a><a href="/sports">Sports</a></nav></header>
<main class="Page-main"><div class="Page-content">
<h1 class="Page-headline">{_p(title)}</h1>
<div class="Page-byline"><span class="Page-authors">By {_p(author.upper())}</span>
<bsp-timestamp data-timestamp="1768205160000"><span>Updated 8:06 AM GMT, January 12, 2026</span></bsp-timestamp></div>
<div class="RichTextStoryBody RichTextBody">
{joined}
</div>
<div class="Page-below"><h2>Related Stories</h2><ul>
<li><a href="/a/1">Japan's ruling party wins 300 seats in snap election</a></li>
<li><a href="/a/2">Read more about Asia</a></li></ul></div>
<p class="Copyright">Copyright 2026 The Associated Press. All Rights Reserved. This material
may not be published, broadcast, rewritten or redistributed without permission.</p>
</div></main>
<footer class="Page-footer"><ul><li>About</li><li>Contact us</li><li>Accessibility statement</li>
</ul></footer>
</body></html>
"""


BUILDERS = {"bbc": bbc_like, "guardian": guardian_like, "ap": ap_like}
