import Foundation
import Testing
@testable import ProfileModel

@Suite struct HeaderAndStructureTests {
    @Test(arguments: [
        "Last updated: 05 July 2016", "Last Updated: 5 July 2016", "Last updated: 2016-07-05",
        "Last updated 5 July 2016", "LAST UPDATED: July 5, 2016", "Last updated: Tuesday, 5 July 2016", "Last updated: Tue 5 July 2016",
    ])
    func readsEveryLastUpdatedForm(line: String) throws {
        let p = try ProfileParser.parse(text: "Cluster Munition Ban Policy\n\(line)\n\nBody text here.\n")
        #expect(p.lastUpdated == EffectiveDate(year: 2016, month: 7, day: 5))
        #expect(p.title == "Cluster Munition Ban Policy")
    }

    @Test func aDayOfTheWeekAloneIsNoDate() {
        #expect(EffectiveDate(text: "Tuesday, 5 July 2016") == EffectiveDate(year: 2016, month: 7, day: 5))
        #expect(EffectiveDate(text: "Tuesday, July 2016") == nil && EffectiveDate(text: "Payday, 5 July 2016") == nil)
    }

    @Test func anImpossibleDateIsATypedErrorWithItsLine() {
        #expect(throws: ProfileParseError.invalidLastUpdated(line: 3, text: "31 February 2016")) {
            try ProfileParser.parse(text: "Kosovo\nPolicy\nLast updated: 31 February 2016\n\nText.\n")
        }
    }

    @Test func sectionsParagraphsAndFootnotes() throws {
        let text = """
            Kosovo
            Cluster Munition Ban Policy
            Last updated: 05 July 2016

            Summary: Kosovo cannot join. It supports the ban.

            Policy

            Kosovo declared independence in 2008, and its status is disputed.[1] It is not a UN member.

            A second paragraph says more.[2 ]

            Use, production, transfer, and stockpiling

            NATO aircraft dropped 1,765 cluster bombs.[3]

            [1] As of June 2014, it was recognized by 110 states and Taiwan.
            [2 ] A note written
            over two lines.
            [3] Strike records, p. 12.
            """
        let p = try ProfileParser.parse(text: text)
        #expect(p.title == "Kosovo — Cluster Munition Ban Policy")
        #expect(p.summary.map(\.label) == ["Summary"])
        #expect(p.summary.first?.sentences.map(\.text) == ["Kosovo cannot join.", "It supports the ban."])
        #expect(p.sections.map(\.heading) == ["Policy", "Use, production, transfer, and stockpiling"])
        #expect(p.sections[0].paragraphs.count == 2)
        #expect(p.sections[0].paragraphs[0].sentences.map(\.footnoteRefs) == [[1], []])
        #expect(p.sections[0].paragraphs[0].sentences[0].text == "Kosovo declared independence in 2008, and its status is disputed.")
        #expect(p.sections[0].paragraphs[1].sentences[0].footnoteRefs == [2])
        #expect(p.footnotes.map(\.number) == [1, 2, 3])
        #expect(p.footnotes[1].text == "A note written over two lines.")
        #expect(p.allSentences.count == 9)
    }

    @Test func summaryHeadingFiveYearReviewAndUpdateNotes() throws {
        let heading = try ProfileParser.parse(text: "T\nLast updated: 2021-09-02\n\nSummary\n\nState Party X ratified.\n\nPolicy\n\nBody.\n")
        #expect(heading.summary.map(\.text) == ["State Party X ratified."])
        #expect(heading.sections.map(\.heading) == ["Policy"])

        let review = try ProfileParser.parse(text: "T\nLast updated: 2019-08-20\n\nFive-Year Review: X remains affected.\n\nPolicy\n\nBody.\n")
        #expect(review.summary.map(\.label) == ["Five-Year Review"])
        #expect(review.summary.first?.text == "X remains affected.")

        let update = try ProfileParser.parse(text: "T\nLast updated: 2020-10-05\n\nUPDATE: A blast delayed the survey.\n\nSummary: X has not joined.\n\nPolicy\n\nBody.\n")
        #expect(update.summary.map(\.label) == ["UPDATE", "Summary"])
    }

    @Test func wrappedLinesJoinAndWrappingIsNotAChange() throws {
        let wrapped = try ProfileParser.parse(text: "T\nLast updated: 2016-07-05\n\nPolicy\n\nKosovo declared independence from Serbia on 17 February\n2008, and its status is disputed. It is not a member.\n")
        let flat = try ProfileParser.parse(text: "T\nLast updated: 2016-07-05\n\nPolicy\n\nKosovo declared independence from Serbia on 17 February 2008, and its status is disputed. It is not a member.\n")
        #expect(wrapped.allSentences == flat.allSentences)
    }

    @Test func aWrappedLineEndingMidPhraseIsNotAHeading() throws {
        let wrapped = try ProfileParser.parse(text: "T\nLast updated: 2016-07-05\n\nPolicy\n\nIt attended every Meeting of\nStates Parties. It voted yes.\n")
        #expect(wrapped.sections.map(\.heading) == ["Policy"])
        #expect(wrapped.allSentences.map(\.text) == ["It attended every Meeting of States Parties.", "It voted yes."])
    }
}

@Suite struct SentenceTests {
    @Test(arguments: [
        ("See No. 5 of the list. Then stop.", ["See No. 5 of the list.", "Then stop."]),
        ("It is in Vol. 2, p. 44, and pp. 4–6 of it. Next.", ["It is in Vol. 2, p. 44, and pp. 4–6 of it.", "Next."]),
        ("The U.S. Department of State agreed. Mr. J. Smith did too.", ["The U.S. Department of State agreed.", "Mr. J. Smith did too."]),
        ("About 1.5 million mines remain. Clearance goes on.", ["About 1.5 million mines remain.", "Clearance goes on."]),
        ("He said “We will not. We never have.” Others agreed.", ["He said “We will not. We never have.”", "Others agreed."]),
        ("Its status is disputed.The government said nothing.", ["Its status is disputed.", "The government said nothing."]),
        ("It made no declaration under Article 21.It voted yes.", ["It made no declaration under Article 21.", "It voted yes."]),
        ("It is disputed.[1] It is not a member.[2]", ["It is disputed.", "It is not a member."]),
        ("It is disputed. [1] It is not a member.", ["It is disputed.", "It is not a member."]),
        ("Why? Because. Done!", ["Why?", "Because.", "Done!"]),
    ])
    func splits(paragraph: String, expected: [String]) {
        #expect(SentenceSplitter.split(paragraph).map(\.text) == expected)
    }

    @Test func footnoteMarkersWithStraySpacesAreReferences() {
        let s = SentenceSplitter.split("It is disputed.[1 ] It is small.[ 2] Done [3].")
        #expect(s.map(\.footnoteRefs) == [[1], [2], [3]])
        #expect(s.map(\.text) == ["It is disputed.", "It is small.", "Done."])
    }
}

@Suite struct FactAndQuoteTests {
    func facts(_ sentence: String) -> [String] {
        FactExtractor.extract(from: sentence).map { f in
            switch f.value {
            case .number(let n): "\(f.kind.rawValue) \(n == n.rounded() ? String(Int(n)) : String(n)) [\(f.unit)] «\(f.text)»"
            case .date(let d): "\(f.kind.rawValue) \(d) «\(f.text)»"
            case .text(let t): "\(f.kind.rawValue) \(t) «\(f.text)»"
            }
        }
    }

    @Test func countsWithTheNounTheyCount() {
        #expect(facts("It was recognized by 110 states and Taiwan.") == ["quantity 110 [states] «110 states»"])
        #expect(facts("NATO dropped 1,765 cluster bombs with 295,000 submunitions.") ==
                ["quantity 1765 [cluster bombs] «1,765 cluster bombs»", "quantity 295000 [submunitions] «295,000 submunitions»"])
        #expect(facts("It destroyed 521,957 antipersonnel landmines.") == ["quantity 521957 [antipersonnel landmines] «521,957 antipersonnel landmines»"])
        #expect(facts("It became the 164th State Party.") == ["ordinal 164 [State Party] «164th State Party»"])
        #expect(facts("About 45% of 1.5 million mines remain.") == ["quantity 45 [%] «45%»", "quantity 1500000 [mines] «1.5 million mines»"])
    }

    @Test func datesAsIsoPrefixes() {
        #expect(facts("As of June 2014, it held.") == ["date 2014-06 «June 2014»"])
        #expect(facts("It signed on 30 March 2010.") == ["date 2010-03-30 «30 March 2010»"])
        #expect(facts("It signed on March 30, 2010.") == ["date 2010-03-30 «March 30, 2010»"])
        #expect(facts("Fighting in 1998–1999 and in 2006.") == ["date-range 1998/1999 «1998–1999»", "date 2006 «2006»"])
        #expect(facts("Between 1964 and 1973, planes flew.") == ["date-range 1964/1973 «Between 1964 and 1973»"])
        #expect(facts("It grew from 2010 to 2014.") == ["date-range 2010/2014 «from 2010 to 2014»"])
    }

    @Test func aYearBeforeASingularNounIsADate() {
        #expect(facts("During the 1999 conflict, planes flew.") == ["date 1999 «1999»"])
        #expect(facts("It cleared 2000 mines.") == ["quantity 2000 [mines] «2000 mines»"])
    }

    @Test func numberWordsCountCapitalisedPlurals() {
        #expect(facts("It attended four Meetings of States Parties.") == ["quantity 4 [Meetings] «four Meetings»"])
    }

    @Test func timeAgoIsACountInDigitsOrWords() {
        #expect(facts("Ghana ratified it more than four years ago, on 3 February 2011.")
                == ["quantity 4 [years ago] «four years ago»", "date 2011-02-03 «3 February 2011»"])
        #expect(facts("It was found 18 months ago.") == ["quantity 18 [months ago] «18 months ago»"])
        // Without "ago" a spelled-out count of years is a count too, as "4 years" is (held-out-10/04): else
        // "4 years" → "four years" would read as a fact gone.
        #expect(facts("It took four years to clear the area.") == facts("It took 4 years to clear the area.").map { $0.replacingOccurrences(of: "«4»", with: "«four»") })
        #expect(facts("It took four years to clear the area.").first?.hasPrefix("quantity 4 ") == true)
    }

    /// held-out-7: a rank spelled out is an ordinal; an amount of money counts its currency, named by its
    /// code however it is written; "per cent" is "%".
    @Test func ranksCurrenciesAndPercentsAreFacts() {
        #expect(facts("It was the ninth-largest donor that year.") == ["ordinal 9 [largest donor] «ninth-largest donor»"])
        #expect(facts("It rose for the second consecutive year.") == ["ordinal 2 [consecutive] «second consecutive»"])
        // An ordinal word that ranks nothing names something ("the Fifth Meeting"): no fact, as before.
        #expect(facts("It attended the Fifth Meeting of States Parties.").isEmpty)
        for (text, written) in [("It gave US$17.6 million.", "17.6 million"), ("It gave $17.6 million.", "17.6 million"),
                                ("It gave 17.6 million US dollars.", "17.6 million US dollars")] {
            #expect(facts(text) == ["quantity 17600000 [USD] «\(written)»"], "\(text)")
        }
        #expect(facts("It gave CHF 82.5 million to clearance.").first?.hasPrefix("quantity 82500000 [CHF]") == true)
        #expect(facts("It gave 82.5 million Swiss francs.") == ["quantity 82500000 [CHF] «82.5 million Swiss francs»"])
        #expect(facts("Clearance received 45 per cent of it.") == ["quantity 45 [%] «45 per cent»"])
    }

    /// held-out-8/03: a share in words is a percentage — "a third of", "two-thirds of", "half of" — but "the
    /// second half of 2015" is a date, and "a third party" no share.
    @Test func sharesInWordsArePercentages() {
        #expect(facts("Children accounted for about a third of all casualties.").first?.hasPrefix("quantity 33.3") == true)
        #expect(facts("Men were two-thirds of them.").first?.hasPrefix("quantity 66.6") == true)
        #expect(facts("Half of the survivors were registered.") == ["quantity 50 [%] «Half»"])
        #expect(facts("It was cleared in the second half of 2015.") == ["date 2015 «2015»"])
        #expect(facts("It was done by a third party.").isEmpty)
        // held-out-13/02: an approximation makes a share without "of"; a third person is none.
        #expect(facts("About a fifth went to risk education.") == ["quantity 20 [%] «a fifth»"])
        #expect(facts("Two men were killed and a third was injured.") == ["quantity 2 [men] «Two men»"])
    }

    /// held-out-9/04: numbers are spelled out past twenty too, one word or hyphenated; "one" counts nothing.
    @Test func numbersSpelledOutUpToNinetyNineAreCounts() {
        #expect(facts("The mines self-destruct within thirty days.") == ["quantity 30 [days] «thirty days»"])
        #expect(facts("It was recognized by forty-five states.") == ["quantity 45 [states] «forty-five states»"])
        #expect(facts("It holds about three million mines.") == ["quantity 3000000 [mines] «three million mines»"])
        #expect(facts("It is one of the states that abstained.").isEmpty)
        // held-out-10/04: years spelled out are counted, as "4 years" is.
        #expect(facts("It finished four years ahead of its deadline.").first?.hasPrefix("quantity 4 ") == true)
    }

    @Test func unitsEndWhereTheNounDoes() {
        #expect(facts("The convention had 84 States Parties.") == ["quantity 84 [States Parties] «84 States Parties»"])
        #expect(facts("NATO dropped 1,765 cluster bombs containing bomblets.") == ["quantity 1765 [cluster bombs] «1,765 cluster bombs»"])
    }

    @Test func citationLocatorsAreNotFacts() {
        #expect(facts("Strike records, p. 12.").isEmpty)
        #expect(facts("Resolution No. 4 passed.").isEmpty)
        #expect(facts("UN General Assembly Resolution 65/48 passed.").isEmpty)
    }

    @Test func factsKnowTheWordsBeforeThem() {
        let f = Sentence(text: "It was recognized by 110 states.").detailed().framedFacts
        #expect(f.first?.context == "was recognized by")
        // Parsing leaves the frame out: only the sentences a diff compares need it.
        #expect(FactExtractor.extract(from: "It was recognized by 110 states.").first?.context == "")
    }

    @Test func quotesWithTheirSpeaker() {
        let before = QuoteExtractor.extract(from: "In March 2015, a Ministry of Foreign Affairs official told the Monitor that “Kosovo will never use cluster munitions.”")
        #expect(before == [Quote(text: "Kosovo will never use cluster munitions", speaker: "a Ministry of Foreign Affairs official")])
        let after = QuoteExtractor.extract(from: "“We will destroy the stockpile this year,” said the Minister of Defense.")
        #expect(after.first?.speaker == "the Minister of Defense")
        let nobody = QuoteExtractor.extract(from: "The report is titled “Cluster Munitions in Kosovo.”")
        #expect(nobody.first?.speaker == nil)
        #expect(QuoteExtractor.extract(from: "It calls them “cluster munitions.”").isEmpty)
    }

    /// docs/significance.md: the speaker is the reporting clause's noun phrase, or nil — never a fragment.
    @Test(arguments: [
        ("In 2010 when the Monitor asked about stocks a Ministry of Defense official said that “none remain in depots.”",
         "a Ministry of Defense official"),
        ("The official further stated that “Kosovo would sign the convention if it could.”", "The official"),
        ("The spokesperson also said that “Lebanon will urge its neighbours to join.”", "The spokesperson"),
        ("In a letter to the Monitor in 2015, it was stated that “the army keeps no mines in service.”", nil),
        ("The campaign called on the FARC to “end all use of these weapons at once.”", nil),
        ("At the Meeting of States Parties in 2013, the head of the mine action centre said that “clearance will take years.”",
         "the head of the mine action centre"),
        ("He said that “the stockpile was destroyed in full.”", "He"),
    ] as [(String, String?)])
    func speakersAreNounPhrasesOrNil(_ sentence: String, _ speaker: String?) throws {
        let quote = try #require(QuoteExtractor.extract(from: sentence).first)
        #expect(quote.speaker == speaker)
    }

    @Test func aCitationsTitleIsNotAQuote() {
        #expect(QuoteExtractor.extract(from: "“Flawed Strikes in Southern Lebanon,” Human Rights Watch, 16 February 2008.").isEmpty)
        // Single quotation marks quote too; an apostrophe inside does not end the quote.
        #expect(QuoteExtractor.extract(from: "The minister said that ‘Lebanon’s stocks are gone for good.’").first?.text
                == "Lebanon’s stocks are gone for good")
    }

    /// Each fact knows the predicate it fills, so that two facts pair only within one event.
    @Test func factsKnowThePredicateTheyFill() {
        let f = Sentence(text: "Its initial report was due on 28 April 2011, and it submitted the report on 30 April 2011.").detailed().framedFacts
        #expect(f.map(\.head) == ["due", "submitted"])
        #expect(f.map(\.predicate) == ["due on", "submitted … on"])
        let lead = Sentence(text: "As of June 2014, the declaration was recognized by 110 states.").detailed().framedFacts
        #expect(lead.map(\.head) == ["recognized", "recognized"])
        #expect(lead.map(\.predicate) == ["as of", "recognized by"])
    }
}

@Suite struct KeyDataTableTests {
    /// held-out-26: a key-data row whose value is a long list of operators is a row among the others of its
    /// block, as it is alone in a block of its own; so an operator added is its cell changed, with the pair.
    @Test func aLongListValueIsARowOfItsTable() throws {
        let operators = "Operators: Thailand Mine Action Centre (TMAC), Humanitarian Mine Action Units (HMAU), Norwegian People's Aid (NPA)"
        let profile = try ProfileParser.parse(text: "Thailand\nMine Action\nLast updated: 15 November 2017\n\nKey data\n"
            + "Mined area: 410 km²\n\(operators)\n\nSummary\n\nIt has cleared 57 km².\n")
        let table = try #require(profile.sections.first?.paragraphs.first)
        #expect(table.sentences.map(\.tableRow) == [true, true])
        #expect(table.sentences[1].detailed().facts.map(\.kind) == [.text])
        // A line that ends like a sentence is prose still, however it opens.
        let prose = try ProfileParser.parse(text: "Thailand\nMine Action\nLast updated: 15 November 2017\n\nKey data\n"
            + "Mined area: 410 km²\nArticle 5 deadline: 1 November 2018\nNote: the figure for 2016 was revised by the national authority after a survey of the border districts in the east.\n")
        let sentences = prose.sections.flatMap { $0.paragraphs.flatMap(\.sentences) }
        #expect(sentences.map(\.tableRow) == [true, true, false], "\(sentences.map(\.text))")
    }

    @Test func labelValueLinesAreOneTableWhoseCellsAreFacts() throws {
        let profile = try ProfileParser.parse(text: """
            Lao PDR
            Mine Ban Policy
            Last updated: 20 October 2015

            Key data
            Mine Ban Treaty status: Not a signatory
            Contaminated area: 8,470 km²

            Policy

            The government says it is not ready to accede.
            """)
        #expect(profile.sections.map(\.heading) == ["Key data", "Policy"])
        let table = try #require(profile.sections.first?.paragraphs.first)
        #expect(table.sentences.map(\.tableRow) == [true, true])
        #expect(table.sentences[0].facts.map(\.value) == [.text("Not a signatory")])
        #expect(table.sentences[0].facts.map(\.predicate) == ["mine ban treaty status"])
        #expect(table.sentences[1].facts.map(\.text) == ["8,470 km²"])
        // The older layout: the topic after the date belongs to the title; label and value on lines of their own.
        let older = try ProfileParser.parse(text: """
            Lao PDR
            Last Updated: 20 October 2012
            Mine Ban Policy

            Mine ban policy overview

            Mine Ban Treaty status

            Not a State Party

            Participation in Mine Ban Treaty meetings

            Attended as an observer in December 2011

            Policy

            The government says it is not ready to accede.
            """)
        #expect(older.title == "Lao PDR — Mine Ban Policy")
        #expect(older.sections.map(\.heading) == ["Mine ban policy overview", "Policy"])
        #expect(older.sections[0].paragraphs.first?.sentences.map(\.text)
                == ["Mine Ban Treaty status: Not a State Party", "Participation in Mine Ban Treaty meetings: Attended as an observer in December 2011"])
        // One line with a colon in prose is not a table.
        let prose = try ProfileParser.parse(text: "T\nLast updated: 1 May 2015\n\nPolicy\n\nIt said: the ban stands.\n")
        #expect(prose.sections.first?.paragraphs.first?.sentences.first?.tableRow == false)
    }

    /// held-out-19: a fetched page writes each row of a key-data table as a block of its own. Rows next to
    /// each other are one table, a group of one row under its heading a table of one row, and a row's value
    /// may run long; none of them is a heading.
    @Test func rowsOneToABlockAreATable() throws {
        let profile = try ProfileParser.parse(text: """
            Sri Lanka
            Mine Action
            Last updated: 30 October 2019

            Treaty status

            Mine Ban Treaty: State Party

            Article 5 deadline: 1 June 2028

            Operators in 2018: Sri Lanka Army Humanitarian Demining Unit, Delvon Assistance for Social Harmony (DASH), HALO Trust, MAG, SHARP

            Land release

            Landmines: 4.1km² cleared in 2018, 31,906 antipersonnel mines destroyed

            Contamination

            Most of the remaining hazardous area lies in the Northern Province.

            Note: figures are provisional.
            """)
        #expect(profile.sections.map(\.heading) == ["Treaty status", "Land release", "Contamination"])
        #expect(profile.sections[0].paragraphs.map { $0.sentences.map(\.tableRow) } == [[true, true, true]])
        #expect(profile.sections[1].paragraphs.map { $0.sentences.map(\.tableRow) } == [[true]])
        // A row's label gives its own year, and rows pair by the label without it.
        let operators = profile.sections[0].paragraphs[0].sentences[2].detailed()
        #expect(operators.facts.map(\.text).first == "2018")
        #expect(Set(operators.facts.map(\.predicate)) == ["operators in …"])
        // Prose with a colon that ends like a sentence stays prose.
        #expect(profile.sections[2].paragraphs.last?.sentences.first?.tableRow == false)
    }
}

@Suite struct ListTests {
    /// Bulleted lines — a fetched page's `<ul>`, or written so by hand after the sentence that opens them —
    /// are a list: each item a sentence of its own in the section, never a heading.
    @Test func bulletedLinesAreAListOfSentences() throws {
        let profile = try ProfileParser.parse(text: """
            Lao PDR
            Mine Action
            Last updated: 19 November 2018

            Mine action management

            The following operators were accredited in 2017:
            - UXO Lao
            • HALO Trust
            * Mines Advisory Group (MAG). It works in two provinces.

            Clearance

            In 2017, operators cleared 33km².
            """)
        #expect(profile.sections.map(\.heading) == ["Mine action management", "Clearance"])
        #expect(profile.sections[0].paragraphs.map { $0.sentences.map(\.text) }
                == [["The following operators were accredited in 2017:"],
                    ["UXO Lao", "HALO Trust", "Mines Advisory Group (MAG).", "It works in two provinces."]])
        // A dash that opens no item (a minus, a line that is only "-") is text.
        #expect(ProfileParser.listItem("-5 degrees") == nil && ProfileParser.listItem("- ") == nil && ProfileParser.listItem("UXO Lao") == nil)
    }
}

@Suite struct HeaderOnlyTests {
    /// Import validates with the header alone; it must agree with the full parser on every input.
    @Test(arguments: ["T\nLast updated: 05 July 2016\n\nBody.\n", "T\n\nBody without a date.\n", "", "   \n\n",
                      "T\nLast updated: 31 February 2016\n\nX.\n", "Last Updated: 2016-07-05\n", "A\nB\nC\nD\nE\nF\nG\nLast updated: 1 May 2010\n"])
    func agreesWithTheFullParser(_ text: String) {
        let normalized = ProfileText.normalize(text)
        let full = Result { () throws(ProfileParseError) -> EffectiveDate? in try ProfileParser.parse(normalized: normalized).lastUpdated }
        let header = Result { () throws(ProfileParseError) -> EffectiveDate? in try ProfileParser.lastUpdated(normalized: normalized) }
        #expect(full == header)
    }
}
