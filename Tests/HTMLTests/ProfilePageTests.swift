import Foundation
import HTML
import ProfileModel
import Testing
import TestSupport


@Suite struct ProfilePageTests {
    let expected = try? String(contentsOf: Golden.packageRoot.appendingPathComponent("Repo/kosovo/cluster-munition-ban-policy/2016-07-05.txt"), encoding: .utf8)

    @Test func theProfileIsExtractedWithoutTheSitesChrome() throws {
        let text = try ProfilePage.text(of: Array(kosovoPage.utf8))
        #expect(text == expected)
        for chrome in ["cookies", "Accept", "Country profiles", "Home", "Share", "Contact", "web team", "track", "font-family"] {
            #expect(!text.contains(chrome), "chrome in the text: \(chrome)")
        }
        // What `history import` would record from it is the same profile as the file's.
        let fromPage = try ProfileParser.parse(text: text)
        let fromFile = try ProfileParser.parse(text: try #require(expected))
        #expect(fromPage == fromFile)
    }

    @Test func aSelectorPicksTheContainer() throws {
        let text = try ProfilePage.text(of: Array(kosovoPage.utf8), container: "//article[@id='profile']")
        #expect(text == expected)
        #expect(throws: ProfilePage.Missing(what: "an element matching the selector //div[@id='nowhere']")) {
            try ProfilePage.text(of: Array(kosovoPage.utf8), container: "//div[@id='nowhere']")
        }
    }

    @Test func whatIsMissingIsNamed() throws {
        let undated = kosovoPage.replacingOccurrences(of: "<p class=\"updated\">Last updated: 05 July 2016</p>", with: "")
        #expect(throws: ProfilePage.Missing(what: "a \"Last updated\" line with the profile's date")) {
            try ProfilePage.text(of: Array(undated.utf8))
        }
        let empty = "<html><body><main><h1>Kosovo</h1><p>Last updated: 05 July 2016</p></main></body></html>"
        #expect(throws: ProfilePage.Missing(what: "any paragraph of text after the \"Last updated\" line")) {
            try ProfilePage.text(of: Array(empty.utf8))
        }
        #expect(throws: ProfilePage.Missing.self) { try ProfilePage.text(of: []) }
        var broken = Array(kosovoPage.utf8)
        broken.insert(contentsOf: [0xC3, 0x28], at: broken.count / 2)
        #expect(throws: ProfilePage.Missing(what: "valid UTF-8 text (the page declares no other charset, and its bytes are not UTF-8)")) {
            try ProfilePage.text(of: broken)
        }
    }

    /// A page in Latin-1 that says so is converted; tags left open are closed as a browser would.
    /// A list is one block, an item to a bulleted line, which the parser reads as a list (items one to a
    /// block would read as headings).
    @Test func aListIsOneBlockOfBulletedLines() throws {
        let page = "<html><body><main><h1>Lao PDR</h1><p>Last updated: 19 November 2018</p><p>Accredited:</p>"
            + "<ul><li>UXO Lao</li><li><p>HALO <b>Trust</b></p></li><li></li></ul><p>More text.</p></main></body></html>"
        #expect(try ProfilePage.text(of: Array(page.utf8))
                == "Lao PDR\nLast updated: 19 November 2018\n\nAccredited:\n\n- UXO Lao\n- HALO Trust\n\nMore text.\n\n")
    }

    /// A table row of two cells is a key-data row, "Label: value"; of three or more, a wide table's row,
    /// its cells joined by " | " (joined by spaces, "Japan Clearance 4,200,000" read as a heading).
    @Test func tableRowsKeepTheirCells() throws {
        let page = "<html><body><main><h1>Lao PDR</h1><p>Last updated: 19 November 2018</p><table>"
            + "<tr><th>Donor</th><th>Sector</th><th>Amount (US$)</th></tr><tr><td>Japan</td><td>Clearance</td><td>4,200,000</td></tr>"
            + "<tr><td>Article 4 deadline</td><td>1 August 2020</td></tr></table></main></body></html>"
        #expect(try ProfilePage.text(of: Array(page.utf8)) == "Lao PDR\nLast updated: 19 November 2018\n\n"
                + "Donor | Sector | Amount (US$)\n\nJapan | Clearance | 4,200,000\n\nArticle 4 deadline: 1 August 2020\n\n")
    }

    /// A description list is key data, a term and its description a row; a nested list's items are items of
    /// their own; and the text of block elements never runs together ("MoxicoLuena", "deadline31 December").
    @Test func descriptionListsAndNestedListsKeepTheirWordsApart() throws {
        let page = "<html><body><main><h1>Angola</h1><p>Last updated: 24 October 2019</p>"
            + "<dl><dt>Article 5 deadline</dt><dd>31 December 2025</dd><dt>Operators:</dt><dd>HALO Trust</dd><dd>MAG</dd></dl>"
            + "<ul><li>Moxico<ul><li>Luena</li><li>Cazombo</li></ul></li><li>Cuando Cubango</li></ul>"
            + "<table><tr><td><p>Mines</p><p>destroyed</p></td><td>1,204</td></tr></table>"
            + "<p>Clearance<div>continued</div></p></main></body></html>"
        #expect(try ProfilePage.text(of: Array(page.utf8)) == "Angola\nLast updated: 24 October 2019\n\n"
                + "Article 5 deadline: 31 December 2025\n\nOperators: HALO Trust; MAG\n\n"
                + "- Moxico\n- Luena\n- Cazombo\n- Cuando Cubango\n\nMines destroyed: 1,204\n\nClearance\n\ncontinued\n\n")
    }

    /// Text no reader sees is no part of the profile (screen-reader hints, hidden drafts), nor is a part the
    /// source excludes by XPath.
    @Test func hiddenTextAndExcludedPartsAreLeftOut() throws {
        let page = "<html><body><main><h1>Angola</h1><p>Last updated: 24 October 2019</p>"
            + "<p>See <a href='/r.pdf'>the report<span class='sr-only'> (opens in a new window)</span></a>.</p>"
            + "<div hidden><p>Draft.</p></div><p style='display: none'>Old banner.</p><p aria-hidden='true'>Icon.</p>"
            + "<div class='related-profiles'><h3>Related profiles</h3><ul><li>Zambia</li></ul></div>"
            + "<p>Viewed <span class='views'>1,234</span> times.</p></main></body></html>"
        let all = try ProfilePage.text(of: Array(page.utf8))
        #expect(all == "Angola\nLast updated: 24 October 2019\n\nSee the report.\n\nRelated profiles\n\n- Zambia\n\nViewed 1,234 times.\n\n")
        let trimmed = try ProfilePage.text(of: Array(page.utf8), excluding: ["//div[contains(@class, 'related')]", "//span[@class='views']", "//nothing"])
        #expect(trimmed == "Angola\nLast updated: 24 October 2019\n\nSee the report.\n\nViewed times.\n\n")
        #expect(ProfilePage.isSelector("//div[@id='content']") && !ProfilePage.isSelector("//div[") && !ProfilePage.isSelector(""))
        // A list item or a description excluded or hidden goes with its text, as any element does.
        let items = "<html><body><main><p>Last updated: 24 October 2019</p><ul><li>HALO Trust</li><li class='ad'>Sponsored</li>"
            + "<li hidden>Draft</li></ul><dl><dt>Deadline</dt><dd>2025</dd><dd aria-hidden='true'>icon</dd></dl></main></body></html>"
        #expect(try ProfilePage.text(of: Array(items.utf8), excluding: ["//li[@class='ad']"])
                == "Last updated: 24 October 2019\n\n- HALO Trust\n\nDeadline: 2025\n\n")
    }

    /// A cell spanning rows stands in each of them, as a browser shows it ("Moxico | Cazombo | 3.1", not
    /// "Cazombo: 3.1" beside "Moxico | Luena | 10.2"); the caption comes first; the repeats are bounded.
    @Test func aCellSpanningRowsStandsInEachOfThem() throws {
        let page = "<html><body><main><h1>Angola</h1><p>Last updated: 24 October 2019</p><table><caption>By province</caption>"
            + "<thead><tr><th>Province</th><th>Municipality</th><th>Area (km²)</th></tr></thead><tbody>"
            + "<tr><td rowspan='2'>Moxico</td><td>Luena</td><td rowspan='3'>10.2</td></tr><tr><td>Cazombo</td></tr>"
            + "<tr><td>Bié</td><td>Kuito</td></tr><tr><td colspan='2'>Total</td><td>11.7</td></tr></tbody></table></main></body></html>"
        #expect(try ProfilePage.text(of: Array(page.utf8)) == "Angola\nLast updated: 24 October 2019\n\nBy province\n\n"
                + "Province | Municipality | Area (km²)\n\nMoxico | Luena | 10.2\n\nMoxico | Cazombo | 10.2\n\nBié | Kuito | 10.2\n\nTotal: 11.7\n\n")
        let cell = String(repeating: "x", count: 10_000)
        let hostile = "<html><body><main><p>Last updated: 24 October 2019</p><table>"
            + "<tr>" + String(repeating: "<td rowspan='1000'>\(cell)</td>", count: 20) + "</tr>"
            + String(repeating: "<tr></tr>", count: 999) + "</table></main></body></html>"
        #expect(try ProfilePage.text(of: Array(hostile.utf8)).utf8.count < 2 << 20)
    }

    /// An article's own header holds its title and date (HTML5's `<article><header>`, WordPress's
    /// `entry-header`): read, where the site's header around it is left out.
    @Test func anArticlesOwnHeaderIsRead() throws {
        for header in ["<header><h1>Angola</h1><h2>Mine Action</h2><p>Last updated: 24 October 2019</p></header>",
                       "<div class='entry-header'><h1>Angola</h1><h2>Mine Action</h2><p>Last updated: 24 October 2019</p></div>"] {
            let page = "<html><body><header class='site-header'><p>The Monitor</p></header><div class='header'>Menu</div>"
                + "<main><article>\(header)<p>Angola cleared 4.1km² in 2018.</p><footer><p>Tags: Africa</p></footer></article></main></body></html>"
            #expect(try ProfilePage.text(of: Array(page.utf8)) == "Angola\nMine Action\nLast updated: 24 October 2019\n\nAngola cleared 4.1km² in 2018.\n\n")
        }
    }

    @Test func declaredCharsetsAndSloppyMarkupAreRead() throws {
        var latin1 = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><h1>Bogot".utf8) + [0xE1]
        latin1 += Array("</h1><p>Last updated: 01 March 2019<p>Colombia destroyed its last stockpile in 2009.<p>It reported 12 survivors.</body></html>".utf8)
        let text = try ProfilePage.text(of: latin1)
        #expect(text == "Bogotá\nLast updated: 01 March 2019\n\nColombia destroyed its last stockpile in 2009.\n\nIt reported 12 survivors.\n\n")
    }
}
