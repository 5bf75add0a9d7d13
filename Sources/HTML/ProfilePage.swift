internal import CLibXML2
import HistoryModel

/// A published profile page turned into the plain layout `history import` reads: the title lines, the
/// `Last updated` line, then headings, paragraphs and numbered footnotes, one block per paragraph. The page
/// is parsed by libxml2's HTML parser (lenient, as browsers are; no network access); navigation, headers,
/// footers, cookie banners, forms, scripts and styles are left out, as is anything whose id or class names
/// such chrome. `container` (an XPath expression, e.g. `//div[@id='profile']`) picks the part of the page
/// holding the profile; without it, the first `<main>` or `<article>`, else the body.
public enum ProfilePage {
    public struct Missing: Error, Equatable, Sendable, CustomStringConvertible {
        /// What the page lacked: `a "Last updated" line`, `any paragraph of text`, …
        public let what: String
        public var description: String { what }
        public init(what: String) { self.what = what }
    }

    /// `excluding`: XPath expressions of parts of the page that are no part of the profile (a box of related
    /// pages, a view counter) and would otherwise be recorded as changes each time they change.
    public static func text(of html: [UInt8], container: String? = nil, excluding excluded: [String] = []) throws(Missing) -> String {
        guard !html.isEmpty else { throw Missing(what: "any content (the page is empty)") }
        if !declaresOtherCharset(html), String(validating: html, as: UTF8.self) == nil {
            throw Missing(what: "valid UTF-8 text (the page declares no other charset, and its bytes are not UTF-8)")
        }
        let document = try Document(html)
        let root = try document.root(container)
        var walker = Walker()
        walker.excluded = Set(excluded.flatMap(document.all))
        walker.visit(root)
        return try walker.finished()
    }

    /// Whether libxml2 can compile `expression` as XPath (checked when a source is added, not at each fetch).
    public static func isSelector(_ expression: String) -> Bool {
        xmlInitParser()
        guard let context = xmlXPathNewContext(nil) else { return false }
        defer { xmlXPathFreeContext(context) }
        // The reason goes to the user in a sentence of our own, not to stderr in libxml2's words.
        context.pointee.error = { _, _ in }
        guard let compiled = xmlXPathCtxtCompile(context, expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }

    /// A `charset=` naming something else than UTF-8 in the first 2 KB (a `<meta>`): libxml2 converts it.
    static func declaresOtherCharset(_ html: [UInt8]) -> Bool {
        let head = String(decoding: html.prefix(2048), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return false }
        let value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" }.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return !value.isEmpty && value != "utf-8" && value != "utf8"
    }
}

/// One parsed page; the only owner of its libxml2 document, freed once.
final class Document {
    private let pointer: htmlDocPtr

    init(_ html: [UInt8]) throws(ProfilePage.Missing) {
        xmlInitParser()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let parsed = html.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { htmlReadMemory($0, Int32(clamping: buffer.count), "page.html", nil, options) }
            }
        }
        guard let parsed else { throw ProfilePage.Missing(what: "an HTML document libxml2 could read") }
        pointer = parsed
    }

    deinit { xmlFreeDoc(pointer) }

    /// The element `container` selects, else `<main>`, `<article>` or `<body>`.
    func root(_ container: String?) throws(ProfilePage.Missing) -> xmlNodePtr {
        if let container {
            guard let node = first(container) else { throw ProfilePage.Missing(what: "an element matching the selector \(container)") }
            return node
        }
        for fallback in ["//main", "//article", "//body"] {
            if let node = first(fallback) { return node }
        }
        guard let root = xmlDocGetRootElement(pointer) else { throw ProfilePage.Missing(what: "any element") }
        return root
    }

    /// The first element an XPath expression selects (nil for none, or for an expression libxml2 refuses).
    private func first(_ expression: String) -> xmlNodePtr? {
        all(expression).first
    }

    /// Every element an XPath expression selects, in document order (none for an expression libxml2 refuses).
    /// The nodes belong to this document and live as long as it does.
    func all(_ expression: String) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(pointer) else { return [] }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(expression, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval, set.pointee.nodeNr > 0,
              let nodes = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { i in nodes[i].flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil } }
    }
}

/// Walks the container in document order and collects the profile's blocks.
struct Walker {
    var title: [String] = []
    var lastUpdated: String?
    var blocks: [String] = []
    var footnotes: [String] = []
    /// Bytes of text a cell spanning rows may still repeat on this page: a real table repeats a few names, a
    /// hostile one (rowspan="1000" on long cells over many rows) could multiply a 10 MB page a thousandfold.
    var carriedBudget = 1 << 20
    /// Elements the source's `exclude` selects: left out with everything inside them.
    var excluded: Set<xmlNodePtr> = []

    static let skipped: Set<String> = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
                                       "iframe", "svg", "template", "select", "input", "dialog", "head"]
    static let chrome = ["cookie", "consent", "banner", "breadcrumb", "menu", "navbar", "share", "social", "footer",
                         "header", "sidebar", "skip", "newsletter", "search"]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    mutating func visit(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = Self.name(current)
            if Self.skipped.contains(name) && !(name == "header" && Self.isInsideContent(current)) || Self.isChrome(current)
                || isLeftOut(current) { continue }
            if Self.headings.contains(name) {
                let lines = lines(current)
                if lastUpdated == nil, let stamp = lines.lazy.compactMap(Self.lastUpdated).first {
                    lastUpdated = stamp
                } else if lastUpdated == nil {
                    title += lines
                } else {
                    blocks += lines
                }
                continue
            }
            if name == "ol" || name == "ul", Self.isFootnoteList(current) {
                var number = 0
                var item = current.pointee.children
                while let li = item {
                    defer { item = li.pointee.next }
                    guard li.pointee.type == XML_ELEMENT_NODE, Self.name(li) == "li" else { continue }
                    number += 1
                    let text = inline(li)
                    guard !text.isEmpty else { continue }
                    footnotes.append(text.hasPrefix("[") ? text : "[\(number)] \(text)")
                }
                continue
            }
            if name == "p" || name == "li" || name == "dd" || name == "dt" || name == "blockquote" && !Self.hasBlocks(current) || name == "time" {
                add(inline(current))
                continue
            }
            // Any other list: one block, an item to a bulleted line ("- HALO Trust"), which the parser reads
            // as a list — items one to a block would read as headings, and an item gone as a heading removed.
            if name == "ol" || name == "ul" {
                let items = items(current)
                // Before the date, the title's lines as they were.
                if lastUpdated == nil { items.forEach { add($0) } } else { add(items.map { "- " + $0 }.joined(separator: "\n")) }
                continue
            }
            // A description list is key data: each term and its description a row, "Label: value".
            if name == "dl" {
                definitions(current).forEach { add($0) }
                continue
            }
            if name == "table" {
                table(current)
                continue
            }
            if name == "tr" {
                var none: [Int: (text: String, rows: Int)] = [:]
                row(cells(current, carried: &none))
                continue
            }
            // A container (div, section, table, ul …): its blocks, or its text when it holds none.
            if Self.hasBlocks(current) {
                visit(current)
            } else {
                add(inline(current))
            }
        }
    }

    /// Two cells are a key-data row, "Label: value"; more, a row of a wide table, "Japan | Clearance | 4,200,000".
    mutating func row(_ cells: [String]) {
        if cells.count == 2 { add("\(cells[0]): \(cells[1])") } else if !cells.isEmpty { add(cells.joined(separator: " | ")) }
    }

    /// A table's caption, then its rows in order (in `thead`, `tbody`, `tfoot` or not). A cell spanning rows
    /// (`rowspan`) stands in each of them, as a browser shows it: "Moxico | 3.1", not "3.1" without its name.
    mutating func table(_ node: xmlNodePtr) {
        var carried: [Int: (text: String, rows: Int)] = [:]
        func rows(_ parent: xmlNodePtr, into out: inout [xmlNodePtr]) {
            var child = parent.pointee.children
            while let current = child {
                defer { child = current.pointee.next }
                guard current.pointee.type == XML_ELEMENT_NODE, !isLeftOut(current) else { continue }
                switch Self.name(current) {
                case "tr": out.append(current)
                case "thead", "tbody", "tfoot": rows(current, into: &out)
                case "caption": add(inline(current))
                default: continue
                }
            }
        }
        var found: [xmlNodePtr] = []
        rows(node, into: &found)
        for tr in found { row(cells(tr, carried: &carried)) }
    }

    /// A row's cells, each its text; `carried`, by column, the cells of rows above that span this one,
    /// which stand in it where they stand (their repeats paid from `carriedBudget`).
    mutating func cells(_ tr: xmlNodePtr, carried: inout [Int: (text: String, rows: Int)]) -> [String] {
        var cells: [String] = []
        var column = 0
        func takeCarried() {
            while let span = carried[column] {
                if !span.text.isEmpty, carriedBudget >= span.text.utf8.count {
                    carriedBudget -= span.text.utf8.count
                    cells.append(span.text)
                }
                carried[column] = span.rows > 1 ? (span.text, span.rows - 1) : nil
                column += 1
            }
        }
        var child = tr.pointee.children
        while let cell = child {
            defer { child = cell.pointee.next }
            guard cell.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(Self.name(cell)), !isLeftOut(cell) else { continue }
            takeCarried()
            let text = inline(cell)
            if !text.isEmpty { cells.append(text) }
            let span = min(max(Int(Self.attribute(cell, "rowspan") ?? "") ?? 1, 1), 1_000)
            if span > 1 { carried[column] = (text, span - 1) }
            column += min(max(Int(Self.attribute(cell, "colspan") ?? "") ?? 1, 1), 1_000)
        }
        takeCarried()
        // Spans past the row's last cell (a short row) still stand in it.
        for k in carried.keys.sorted() where k > column {
            column = k
            takeCarried()
        }
        return cells
    }

    /// Left out with everything inside it: text no reader sees, or a part the source excludes.
    func isLeftOut(_ node: xmlNodePtr) -> Bool {
        Self.isHidden(node) || excluded.contains(node)
    }

    mutating func add(_ text: String) {
        guard !text.isEmpty else { return }
        if lastUpdated == nil, let stamp = Self.lastUpdated(text) {
            lastUpdated = stamp
        } else if text.first == "[", let close = text.firstIndex(of: "]"), Int(text[text.index(after: text.startIndex)..<close]) != nil,
                  !blocks.isEmpty {
            footnotes.append(text)
        } else if lastUpdated == nil {
            // Before the date: the title's lines (the Monitor prints the country, then the topic).
            title.append(text)
        } else {
            blocks.append(text)
        }
    }

    func finished() throws(ProfilePage.Missing) -> String {
        guard let lastUpdated else { throw ProfilePage.Missing(what: "a \"Last updated\" line with the profile's date") }
        guard !blocks.isEmpty else { throw ProfilePage.Missing(what: "any paragraph of text after the \"Last updated\" line") }
        var out = title.map { $0 + "\n" }.joined() + lastUpdated + "\n\n"
        out += blocks.map { $0 + "\n\n" }.joined()
        out += footnotes.map { $0 + "\n" }.joined()
        return out
    }

    /// `Last updated: 05 July 2016` from a line that says it (any case, with or without the colon).
    static func lastUpdated(_ text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("last updated") else { return nil }
        let rest = text.dropFirst("last updated".count).drop { $0 == ":" || $0 == " " }
        return rest.isEmpty ? nil : "Last updated: " + rest
    }

    // MARK: libxml2 nodes

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { history_xml_free(value) }
        return String(cString: value)
    }

    static func isChrome(_ node: xmlNodePtr) -> Bool {
        let marks = ((attribute(node, "id") ?? "") + " " + (attribute(node, "class") ?? "") + " " + (attribute(node, "role") ?? "")).lowercased()
        if marks.contains("navigation") || marks.contains("banner") || marks.contains("contentinfo") { return true }
        let named = chrome.filter { marks.contains($0) }
        // A header inside the article or the main content is the profile's own (its title, its date:
        // `<article><header><h1>…`, `class="entry-header"`), not the site's.
        if named == ["header"], isInsideContent(node) { return false }
        return !named.isEmpty && !marks.contains("footnote")
    }

    /// Whether an element stands inside an `<article>` or `<main>`.
    static func isInsideContent(_ node: xmlNodePtr) -> Bool {
        var parent = node.pointee.parent
        while let current = parent, current.pointee.type == XML_ELEMENT_NODE {
            if ["article", "main"].contains(name(current)) { return true }
            parent = current.pointee.parent
        }
        return false
    }

    /// Text no reader sees: the `hidden` attribute, `aria-hidden="true"`, an inline `display: none` or
    /// `visibility: hidden`, and the classes that hide text for screen readers only ("opens in a new window").
    /// Not a class that hides only at some screen widths (`hidden-xs`, `d-none d-md-block`): readers see it.
    static func isHidden(_ node: xmlNodePtr) -> Bool {
        guard node.pointee.properties != nil else { return false }
        if xmlHasProp(node, "hidden") != nil { return true }
        if attribute(node, "aria-hidden")?.lowercased() == "true" { return true }
        if let style = attribute(node, "style")?.lowercased().filter({ !$0.isWhitespace }),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        if let classes = attribute(node, "class")?.lowercased() {
            return classes.split(whereSeparator: \.isWhitespace).contains { hidingClasses.contains(String($0)) }
        }
        return false
    }

    static let hidingClasses: Set<String> = ["hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
                                             "element-invisible", "a11y-hidden"]

    static func isFootnoteList(_ node: xmlNodePtr) -> Bool {
        var current: xmlNodePtr? = node
        for _ in 0..<3 {
            guard let element = current else { return false }
            let marks = ((attribute(element, "id") ?? "") + " " + (attribute(element, "class") ?? "")).lowercased()
            if marks.contains("footnote") || marks.contains("endnote") || marks.contains("notes") { return true }
            current = element.pointee.parent
        }
        return false
    }

    /// Whether an element holds block elements (so its text is not one paragraph).
    static func hasBlocks(_ node: xmlNodePtr) -> Bool {
        let blocks: Set<String> = ["p", "div", "section", "article", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                                   "blockquote", "dl", "main", "li", "tbody", "thead"]
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, blocks.contains(name(current)) { return true }
            child = current.pointee.next
        }
        return false
    }

    /// A list's items, each its own text; the items of a list nested in one follow it as items of their
    /// own ("Moxico", then "Luena"), never run into its text ("MoxicoLuena").
    func items(_ list: xmlNodePtr) -> [String] {
        var items: [String] = []
        var item = list.pointee.children
        while let li = item {
            defer { item = li.pointee.next }
            guard li.pointee.type == XML_ELEMENT_NODE, Self.name(li) == "li", !isLeftOut(li) else { continue }
            var raw = ""
            collect(li, into: &raw, breaks: false, omitting: Self.lists)
            let text = Self.collapse(raw)
            if !text.isEmpty { items.append(text) }
            var child = li.pointee.children
            while let nested = child {
                defer { child = nested.pointee.next }
                if nested.pointee.type == XML_ELEMENT_NODE, Self.lists.contains(Self.name(nested)) { items += self.items(nested) }
            }
        }
        return items
    }

    static let lists: Set<String> = ["ul", "ol"]

    /// A description list's rows: its terms, then their descriptions, "Article 5 deadline: 31 December 2025"
    /// (two descriptions of one term joined by "; "); a term or a description alone is a line of its own.
    func definitions(_ list: xmlNodePtr) -> [String] {
        var rows: [String] = []
        var terms: [String] = []
        var values: [String] = []
        func flush() {
            if terms.isEmpty { rows += values } else if values.isEmpty { rows += terms } else {
                rows.append(terms.joined(separator: ", ") + ": " + values.joined(separator: "; "))
            }
            terms = []
            values = []
        }
        var child = list.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE, !isLeftOut(current) else { continue }
            let text = inline(current)
            guard !text.isEmpty else { continue }
            switch Self.name(current) {
            case "dt":
                if !values.isEmpty { flush() }
                terms.append(text.hasSuffix(":") ? String(text.dropLast()) : text)
            case "dd": values.append(text)
            default: flush(); rows.append(text)
            }
        }
        flush()
        return rows
    }

    /// A heading's lines (`<br>` starts a new one).
    func lines(_ node: xmlNodePtr) -> [String] {
        var raw = ""
        collect(node, into: &raw, breaks: true)
        return raw.split(separator: "\n").map { Self.collapse(String($0)) }.filter { !$0.isEmpty }
    }

    /// An element's text as one line: whitespace collapsed; a footnote marker (`<sup>1</sup>`, or a link
    /// to a note whose text is a number) written `[1]`.
    func inline(_ node: xmlNodePtr) -> String {
        var raw = ""
        collect(node, into: &raw, breaks: false)
        return Self.collapse(raw)
    }

    /// Elements a browser lays out as blocks: their text never runs into the text beside them.
    static let blockElements: Set<String> = ["p", "div", "section", "article", "ul", "ol", "li", "table", "tr", "td", "th",
                                             "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dl", "dt", "dd", "main",
                                             "tbody", "thead", "caption", "figure", "figcaption", "address", "pre"]

    func collect(_ node: xmlNodePtr, into out: inout String, breaks: Bool, omitting omitted: Set<String> = []) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { out += String(cString: content) }
            case XML_ELEMENT_NODE:
                let name = Self.name(current)
                if Self.skipped.contains(name) || omitted.contains(name) || isLeftOut(current) { continue }
                if name == "br" { out += breaks ? "\n" : " "; continue }
                if Self.blockElements.contains(name) {
                    let separator = breaks ? "\n" : " "
                    out += separator
                    collect(current, into: &out, breaks: breaks, omitting: omitted)
                    out += separator
                    continue
                }
                if name == "sup" || (name == "a" && (Self.attribute(current, "href")?.hasPrefix("#") ?? false)) {
                    // Only a short text can be a marker: reading more of it at every nesting level made
                    // nested markers exponential (the fuzzer's timeout).
                    let marker = String((Self.shortText(current, limit: 8) ?? "").filter { $0 != "[" && $0 != "]" && !$0.isWhitespace })
                    if !marker.isEmpty, marker.allSatisfy(\.isNumber) {
                        while out.last == " " { out.removeLast() }
                        out += "[\(marker)]"
                        continue
                    }
                }
                collect(current, into: &out, breaks: breaks, omitting: omitted)
            default:
                continue
            }
        }
    }

    /// The text of an element when it has at most `limit` characters; nil (having read no more than that)
    /// when it has more.
    static func shortText(_ node: xmlNodePtr, limit: Int) -> String? {
        var out = ""
        var over = false
        func walk(_ parent: xmlNodePtr) {
            var child = parent.pointee.children
            while let current = child, !over {
                child = current.pointee.next
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { out += String(cString: content) }
                    over = out.count > limit
                case XML_ELEMENT_NODE:
                    walk(current)
                default:
                    continue
                }
            }
        }
        walk(node)
        return over ? nil : out
    }

    /// Runs of whitespace (no-break spaces too) as one space, none at the ends.
    static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !out.isEmpty
            } else {
                if space { out += " " }
                space = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
