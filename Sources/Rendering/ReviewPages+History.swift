import HistoryModel
import ProfileModel
import SemanticDiff

/// The pages that show a profile through time: its facts as small charts, a revision's full text with what
/// changed since the revision before highlighted in place, two dates side by side with moved sentences
/// linked, and search. Server-rendered HTML and SVG; no scripts.
extension Pages {
    public static let historyStylesheet = """
        .charts{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}.chart{border:1px solid #e3e3e6;border-radius:6px;padding:.4rem .6rem;background:#fcfcfd}
        .chart figcaption{font-size:.8rem;color:#444;max-width:260px}.chart svg text{font-size:10px;fill:#555}
        .revision p{line-height:1.55}.revision .added,.legend .added{background:#e6ffec}.revision .changed,.legend .changed{background:#fff8c5}
        .revision .moved-here,.legend .moved-here{border-bottom:2px dotted #1c4f9c}
        .revision ins,.sxs ins{background:#abf2bc;text-decoration:none}.revision del,.sxs del{background:#ffd7d5}
        .removed-list li{color:#82071e}.legend span{margin-right:1rem;padding:0 .3rem}
        table.sxs td{width:50%;font-size:.92rem}table.sxs td.gone{background:#fff0f0}table.sxs td.new{background:#effff3}
        table.sxs td.edit{background:#fffbe6}table.sxs a.jump{font-size:.75rem;margin-left:.4rem}
        form.search{margin:1rem 0}form.search input[type=search]{width:22rem;padding:.3rem}
        svg.events circle.correction{fill:#b35900}svg.events circle.backfill{fill:#6b4fbb}svg.events circle.revision{fill:#1c7c54}
        svg.events circle.retraction{fill:#c92a2a}
        """

    /// A search box over profiles and statements (on the home page and the search page).
    public static func searchForm(_ query: String = "") -> String {
        "<form class=\"search\" method=\"get\" action=\"/search\"><input type=\"search\" name=\"q\" value=\"\(escape(query))\" "
            + "placeholder=\"a profile, or words a statement says\" aria-label=\"Search\"> <button type=\"submit\">Search</button></form>\n"
    }

    // MARK: Profile page: charts and the events as a strip

    /// The profile's page: its facts as charts, its events on a time strip, then the table of events.
    public static func profilePage(_ id: ProfileID, _ entries: [LogEntry], facts: [FactSeries]) -> String {
        let charts = facts.compactMap(chart)
        var insert = ""
        if !charts.isEmpty {
            insert += "<h2>Facts through time</h2>\n<div class=\"charts\">\n" + charts.joined() + "</div>\n"
        }
        insert += "<h2>Events</h2>\n" + eventStrip(entries)
        return timeline(id, entries, above: insert)
    }

    /// A small line chart of a counted fact (two values or more), one point per revision that set a value.
    static func chart(_ series: FactSeries) -> String? {
        let points: [(day: Int, value: Double, text: String, date: EffectiveDate)] = series.points.compactMap { p in
            guard case .number(let value)? = p.value?.value, let text = p.value?.text else { return nil }
            return (dayNumber(p.lastUpdated), value, text, p.lastUpdated)
        }
        guard points.count >= 2, let first = points.first, let last = points.last else { return nil }
        let width = 260.0, height = 90.0, left = 8.0, right = 8.0, top = 14.0, bottom = 18.0
        let minDay = Double(first.day), maxDay = Double(max(last.day, first.day + 1))
        let values = points.map(\.value)
        let low = values.min() ?? 0, high = values.max() ?? 1
        let span = high > low ? high - low : max(1, abs(high))
        func x(_ day: Int) -> Double { left + (Double(day) - minDay) / (maxDay - minDay) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (1 - (v - (high > low ? low : low - span / 2)) / span) * (height - top - bottom) }
        func f(_ d: Double) -> String { String(Int((d * 10).rounded())).withDecimal }
        let line = points.map { "\(f(x($0.day))),\(f(y($0.value)))" }.joined(separator: " ")
        var svg = "<svg role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
        svg += "><title>\(escape(series.subject)): "
        svg += escape(points.map { "\($0.text) (\($0.date))" }.joined(separator: ", ")) + "</title>"
        svg += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"#1c4f9c\" stroke-width=\"2\"/>"
        for p in points {
            svg += "<circle cx=\"\(f(x(p.day)))\" cy=\"\(f(y(p.value)))\" r=\"3\" fill=\"#1c4f9c\"><title>\(escape(p.text)) — \(p.date)</title></circle>"
        }
        svg += "<text x=\"\(f(x(first.day)))\" y=\"\(Int(height) - 4)\">\(first.date.year)</text>"
        svg += "<text x=\"\(f(x(last.day)))\" y=\"\(Int(height) - 4)\" text-anchor=\"end\">\(last.date.year)</text>"
        svg += "<text x=\"\(f(x(first.day)))\" y=\"\(f(max(10, y(first.value) - 5)))\">\(escape(compact(first.value)))</text>"
        svg += "<text x=\"\(f(x(last.day)))\" y=\"\(f(max(10, y(last.value) - 5)))\" text-anchor=\"end\">\(escape(compact(last.value)))</text>"
        svg += "</svg>"
        return "<figure class=\"chart\">\(svg)<figcaption>\(escape(series.subject))</figcaption></figure>\n"
    }

    /// The recorded events on one strip by their effective date, coloured by kind, each linking to its diff.
    static func eventStrip(_ entries: [LogEntry]) -> String {
        let dated = entries.map { ($0, dayNumber($0.lastUpdated)) }
        guard let low = dated.map(\.1).min(), let high = dated.map(\.1).max() else { return "" }
        let width = 640.0
        func x(_ day: Int) -> Double { 10 + Double(day - low) / Double(max(1, high - low)) * (width - 20) }
        var svg = "<svg class=\"events\" role=\"img\" width=\"\(Int(width))\" height=\"44\" viewBox=\"0 0 \(Int(width)) 44\">"
        svg += "<title>Events by the date of the revision they recorded</title><line x1=\"10\" y1=\"16\" x2=\"\(Int(width) - 10)\" y2=\"16\" stroke=\"#bbb\"/>"
        for (entry, day) in dated.reversed() {
            svg += "<circle class=\"\(entry.event.rawValue)\" cx=\"\(Int(x(day)))\" cy=\"16\" r=\"5\"><title>\(entry.event.rawValue) of \(entry.lastUpdated), recorded \(entry.recordedAt)</title></circle>"
        }
        if let first = entries.map(\.lastUpdated).min(), let last = entries.map(\.lastUpdated).max() {
            svg += "<text x=\"10\" y=\"38\" font-size=\"11\" fill=\"#555\">\(first)</text>"
            svg += "<text x=\"\(Int(width) - 10)\" y=\"38\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">\(last)</text>"
        }
        return svg + "</svg>\n<p class=\"legend meta\"><span style=\"color:#1c7c54\">● revision</span><span style=\"color:#6b4fbb\">● back-fill</span>"
            + "<span style=\"color:#b35900\">● correction</span><span style=\"color:#c92a2a\">● retraction</span></p>\n"
    }

    static func dayNumber(_ d: EffectiveDate) -> Int { d.year * 372 + (d.month - 1) * 31 + (d.day - 1) }

    static func compact(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    // MARK: A revision's full text, changes highlighted in place

    /// The full text of a revision; against the revision before it (`diff`), added sentences, rewordings
    /// (word by word) and sentences moved here are marked in place, and what was removed is listed after.
    public static func revision(_ id: ProfileID, _ revision: ResolvedRevision, _ profile: Profile, previous: (EffectiveDate, Profile)?,
                                diff: DocumentDiff?) -> String {
        var body = "<h1>\(escape(id.description))</h1>\n" + profileNav(id)
        body += "<p class=\"meta\">Revision of \(revision.lastUpdated) (commit <code>\(revision.commit.short)</code>)"
        if let (date, _) = previous {
            body += " · changes since the revision of <a href=\"/profiles/\(id.area)/\(id.topic)/revisions/\(date)\">\(date)</a> are marked · "
            body += "<a href=\"/profiles/\(id.area)/\(id.topic)/compare?from=\(date)&amp;to=\(revision.lastUpdated)\">side by side</a>"
        } else {
            body += " · the first revision"
        }
        body += "</p>\n<p class=\"legend meta\"><span class=\"added\">added</span><span class=\"changed\">reworded</span><span class=\"moved-here\">moved here</span></p>\n"
        var status: [Int: SentenceLink.Status] = [:]
        var changeOf: [Int: Change] = [:]
        if let diff {
            for link in diff.links { if let n = link.new { status[n] = link.status } }
            for change in diff.changes { for n in change.newSentences { changeOf[n] = change } }
        }
        var index = 0
        func paragraph(_ p: Paragraph) -> String {
            var out = "<p>" + (p.label.map { "<strong>\(escape($0)):</strong> " } ?? "")
            for sentence in p.sentences {
                out += marked(sentence.text, status[index], changeOf[index], diff != nil) + " "
                index += 1
            }
            return out + "</p>\n"
        }
        body += "<article class=\"revision\">\n"
        if let title = profile.title { body += "<h2>\(escape(title))</h2>\n" }
        for p in profile.summary { body += paragraph(p) }
        for section in profile.sections {
            if let heading = section.heading { body += "<h3>\(escape(heading))</h3>\n" }
            for p in section.paragraphs { body += paragraph(p) }
        }
        if !profile.footnotes.isEmpty {
            body += "<h3>Notes</h3>\n<ol class=\"footnotes\">\n"
            for note in profile.footnotes {
                body += "<li value=\"\(note.number)\">"
                for sentence in note.sentences {
                    body += marked(sentence.text, status[index], changeOf[index], diff != nil) + " "
                    index += 1
                }
                body += "</li>\n"
            }
            body += "</ol>\n"
        }
        body += "</article>\n"
        if let diff, let (date, old) = previous {
            let sentences = old.allSentences
            let removed = diff.links.filter { $0.status == .removed }.compactMap { $0.old.flatMap { $0 < sentences.count ? sentences[$0].text : nil } }
            if !removed.isEmpty {
                body += "<h3>Removed since \(date)</h3>\n<ul class=\"removed-list\">\n"
                body += removed.map { "<li><del>\(escape($0))</del></li>\n" }.joined() + "</ul>\n"
            }
        }
        return layout(title: "\(id) \(revision.lastUpdated)", body: body)
    }

    static func marked(_ text: String, _ status: SentenceLink.Status?, _ change: Change?, _ compared: Bool) -> String {
        guard compared, let status else { return escape(text) }
        switch status {
        case .added:
            return "<span class=\"added\">\(escape(text))</span>"
        case .moved:
            return "<span class=\"moved-here\">\(escape(text))</span>"
        case .changed, .movedAndChanged, .split, .merged:
            let moved = status == .movedAndChanged ? " moved-here" : ""
            guard let change, change.sentenceCount == 1, !change.words.isEmpty else {
                return "<span class=\"changed\(moved)\">\(escape(text))</span>"
            }
            let words = change.words.map { edit in
                switch edit.operation {
                case .equal: escape(edit.text)
                case .delete: "<del>\(escape(edit.text))</del>"
                case .insert: "<ins>\(escape(edit.text))</ins>"
                }
            }.joined()
            return "<span class=\"changed\(moved)\">\(words)</span>"
        case .unchanged, .restyled, .removed:
            return escape(text)
        }
    }

    // MARK: Two dates side by side

    /// Two revisions side by side, sentence against sentence as the diff aligned them; a moved sentence is
    /// linked to where it went (or came from), as Wikipedia's diff links moved paragraphs.
    public static func sideBySide(_ id: ProfileID, _ c: ProfileComparison, old: Profile?, new: Profile?) -> String {
        var body = "<h1>\(escape(id.description))</h1>\n" + profileNav(id)
        let from = c.from.revision?.lastUpdated.description ?? "(none)", to = c.to.revision?.lastUpdated.description ?? "(none)"
        body += "<p class=\"meta\">The revision of \(escape(from)) (left) and of \(escape(to)) (right) · "
        body += "\(c.diff.counts.major) major, \(c.diff.counts.minor) minor, \(c.diff.counts.cosmetic) cosmetic</p>\n"
        let oldSentences = old?.allSentences ?? [], newSentences = new?.allSentences ?? []
        var changeOf: [Int: Change] = [:]
        for change in c.diff.changes where change.sentenceCount == 1 && !change.words.isEmpty {
            for n in change.newSentences { changeOf[n] = change }
        }
        /// One side of a reworded sentence, word by word: the older side without insertions, the newer without deletions.
        func side(_ words: [WordEdit], old: Bool) -> String {
            words.map { edit in
                switch edit.operation {
                case .equal: escape(edit.text)
                case .delete: old ? "<del>\(escape(edit.text))</del>" : ""
                case .insert: old ? "" : "<ins>\(escape(edit.text))</ins>"
                }
            }.joined()
        }
        body += "<table class=\"sxs\">\n<thead><tr><th>\(escape(from))</th><th>\(escape(to))</th></tr></thead>\n<tbody>\n"
        for link in c.diff.links {
            let left = link.old.flatMap { $0 < oldSentences.count ? oldSentences[$0].text : nil }
            let right = link.new.flatMap { $0 < newSentences.count ? newSentences[$0].text : nil }
            let moved = link.status == .moved || link.status == .movedAndChanged
            var l = left.map(escape) ?? "", r = right.map(escape) ?? ""
            if [.changed, .movedAndChanged].contains(link.status), let n = link.new, let change = changeOf[n] {
                l = side(change.words, old: true)
                r = side(change.words, old: false)
            }
            if moved, let o = link.old, let n = link.new {
                l = "<span id=\"o\(o)\">\(l)</span><a class=\"jump\" href=\"#n\(n)\">moved ↓</a>"
                r = "<span id=\"n\(n)\">\(r)</span><a class=\"jump\" href=\"#o\(o)\">moved from ↑</a>"
            }
            let (lc, rc): (String, String) = switch link.status {
            case .added: ("", "new")
            case .removed: ("gone", "")
            case .changed, .movedAndChanged, .split, .merged: ("edit", "edit")
            case .unchanged, .restyled, .moved: ("", "")
            }
            body += "<tr><td class=\"\(lc)\">\(l)</td><td class=\"\(rc)\">\(r)</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        return layout(title: "\(id) \(from) | \(to)", body: body)
    }

    // MARK: Search

    /// Profiles whose id contains the query, and statements that say it (each with its life).
    public static func search(_ query: String, profiles: [ProfileSummary], statements: [StatementMatch], limit: Int) -> String {
        var body = "<h1>Search</h1>\n" + searchForm(query)
        guard !query.isEmpty else { return layout(title: "Search", body: body) }
        body += "<h2>Profiles</h2>\n"
        body += profiles.isEmpty ? "<p class=\"meta\">No profile id contains that.</p>\n"
            : "<ul>\n" + profiles.map { p in
                "<li><a href=\"/profiles/\(p.profile.area)/\(p.profile.topic)\">\(escape(p.profile.description))</a> · \(p.revisions) revisions, \(p.first) … \(p.last)</li>\n"
            }.joined() + "</ul>\n"
        body += "<h2>Statements</h2>\n"
        if statements.isEmpty { body += "<p class=\"meta\">No statement says that.</p>\n" }
        for m in statements.prefix(limit) {
            let base = "/profiles/\(m.profile.area)/\(m.profile.topic)"
            body += "<div class=\"change\"><p><a href=\"\(base)\">\(escape(m.profile.description))</a>: “\(escape(m.latest.text))”</p>\n"
            body += "<p class=\"meta\">introduced in the revision of <a href=\"\(base)/revisions/\(m.introduced.lastUpdated)\">\(m.introduced.lastUpdated)</a>"
            if !m.rewordings.isEmpty {
                body += " · reworded " + m.rewordings.map { "<a href=\"\(base)/revisions/\($0.lastUpdated)\">\($0.lastUpdated)</a>" }.joined(separator: ", ")
            }
            body += m.removed.map { " · removed <a href=\"\(base)/revisions/\($0.lastUpdated)\">\($0.lastUpdated)</a>" } ?? " · still stated"
            body += "</p></div>\n"
        }
        if statements.count > limit { body += "<p class=\"meta\">\(statements.count - limit) more; narrow the words.</p>\n" }
        return layout(title: "Search: \(query)", body: body)
    }
}

extension String {
    /// `123` → `12.3`: tenths, as SVG coordinates are written here.
    var withDecimal: String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        return (negative ? "-" : "") + digits.dropLast() + "." + digits.suffix(1)
    }
}
