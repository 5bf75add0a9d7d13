/// A page in the Monitor's shape, written for these tests: site navigation, a cookie banner, a breadcrumb,
/// the profile (title, date, summary, sections, footnote markers as links, the notes as a list), a share
/// box and a footer. Its profile text is Repo/'s Kosovo 2016 revision.
public let kosovoPage = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Kosovo | Monitor</title>
<style>body { font-family: sans-serif }</style><script>window.track = function () {}</script></head>
<body>
<div id="cookie-consent" class="banner">We use cookies to count visits. <button>Accept</button></div>
<header><a href="/">Landmine and Cluster Munition Monitor</a>
<nav><ul><li><a href="/profiles">Country profiles</a></li><li><a href="/reports">Reports</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> › <a href="/profiles">Profiles</a> › Kosovo</div>
<main>
<article id="profile">
<h1>Kosovo<br>Cluster Munition Ban Policy</h1>
<p class="updated">Last updated: 05 July 2016</p>
<div class="summary"><p>Summary: Kosovo is not able to join the Convention on Cluster Munitions because it is not a member of the United Nations. It has nonetheless said it supports the ban.</p></div>
<h2>Policy</h2>
<p>The Republic of Kosovo declared its independence from Serbia on 17&nbsp;February 2008, and its status remains disputed.<sup><a href="#fn1">1</a></sup> Kosovo cannot accede to the convention because the treaty is open only to states recognized by the UN Secretary-General.</p>
<p>Kosovo did not attend the Oslo Process meetings that produced the convention in 2008. In March 2014, a Ministry of Foreign Affairs official told the Monitor that “Kosovo shares the humanitarian goals of the convention and will act in line with them.” It has not made a statement on the convention at any international meeting.</p>
<h2>Use, production, transfer, and stockpiling</h2>
<p>Kosovo has never produced or exported cluster munitions, and its security force holds no stockpile. During the 1999 conflict, NATO aircraft dropped 1,765 cluster bombs containing some 295,000 submunitions on Kosovo.<sup><a href="#fn2">2</a></sup>
   Yugoslav forces also used ground-launched cluster munitions in several areas.</p>
<div class="share">Share this profile: <a href="#">Email</a></div>
<section class="footnotes"><ol>
<li id="fn1">As of June 2014, the declaration of independence was recognized by 110 states and Taiwan.</li>
<li id="fn2">Figures compiled from NATO strike records made public in 2001, p. 12.</li>
</ol></section>
</article>
</main>
<footer><p>© Monitor. Last updated by the web team: 01 January 2020</p><p>Contact us</p></footer>
</body></html>
"""
