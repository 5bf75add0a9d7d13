import HistoryModel
import ProfileModel
import SemanticDiff

/// The pages where reviewing happens: sign-in, the queue of unreviewed events, and each event's page
/// with its diff, its reviews and — for a reviewer — the form that records a verdict.
extension Pages {
    public static let queueStylesheet = """
        form.verdict{display:grid;gap:.5rem;max-width:40rem;background:#f7f7f8;padding:.8rem;border-radius:6px}
        form.verdict textarea{min-height:5rem;font:inherit}form.signin{display:grid;gap:.5rem;max-width:28rem}
        form.verdict label,form.signin label{display:flex;flex-direction:column;gap:.2rem}form.verdict button{justify-self:start}
        .who{float:right;font-size:.85rem;color:#555}.who form{display:inline}
        .review{border-left:3px solid #888;padding:.2rem .7rem;margin:.4rem 0}.review.approved{border-color:#2b8a3e}
        .review.questioned{border-color:#e67700}.review.rejected{border-color:#c92a2a}
        """

    /// "Signed in as ada (reviewer) · Sign out", with the sign-out form's CSRF token.
    public static func whoIsIn(_ name: String?, role: String?, csrf: String?) -> String {
        guard let name, let role, let csrf else { return "<div class=\"who\"><a href=\"/signin\">Sign in</a></div>\n" }
        return "<div class=\"who\">Signed in as <strong>\(escape(name))</strong> (\(escape(role))) · "
            + "<form method=\"post\" action=\"/signout\"><input type=\"hidden\" name=\"csrf\" value=\"\(escape(csrf))\">"
            + "<button type=\"submit\">Sign out</button></form></div>\n"
    }

    public static func signIn(next: String, csrf: String, message: String?) -> String {
        var body = "<h1>Sign in</h1>\n"
        if let message { body += "<p class=\"error\">\(escape(message))</p>\n" }
        body += "<p>Paste the token <code>history users add</code> printed for you. It is checked against a salted hash and never stored here.</p>\n"
        body += "<form class=\"signin\" method=\"post\" action=\"/signin\">\n"
        body += "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(csrf))\"><input type=\"hidden\" name=\"next\" value=\"\(escape(next))\">\n"
        body += "<label>Token <input type=\"password\" name=\"token\" autocomplete=\"current-password\" required></label>\n"
        body += "<button type=\"submit\">Sign in</button>\n</form>\n"
        return layout(title: "Sign in", body: body)
    }

    /// The review queue: events nobody has reviewed, newest first, each linking to its page.
    public static func pending(_ events: [ChangeReport.Event], glob: String, minimum: Significance?, who: String) -> String {
        var body = who + "<h1>Review queue</h1>\n"
        body += "<form class=\"pick\" method=\"get\">\n<label>Profiles <input name=\"profile\" value=\"\(escape(glob))\" placeholder=\"kosovo/* or */mine-ban-policy\"></label>\n"
        body += "<label>With a change at least <select name=\"min\"><option value=\"\">any</option>" + Significance.allCases.reversed().map {
            "<option value=\"\($0.rawValue)\"\($0 == minimum ? " selected" : "")>\($0.rawValue)</option>"
        }.joined() + "</select></label>\n<button type=\"submit\">Filter</button>\n</form>\n"
        if events.isEmpty { return layout(title: "Review queue", body: body + "<p>Nothing waits for a review.</p>\n") }
        body += "<p class=\"meta\">\(events.count) event\(events.count == 1 ? "" : "s") nobody has reviewed, newest first.</p>\n"
        body += "<table class=\"queue\">\n<thead><tr><th>Recorded</th><th>Profile</th><th>Event</th><th>Changes</th><th>By</th></tr></thead>\n<tbody>\n"
        for e in events {
            let c = e.comparison.diff.counts
            let kind = e.isFlagged ? "<span class=\"event-correction\">\(escape(e.event.rawValue))</span>" : escape(e.event.rawValue)
            body += "<tr><td>\(e.recordedAt)</td><td>\(escape(e.comparison.profile.description))</td>"
            body += "<td><a href=\"/events/\(e.commit.hex)\">\(kind) of \(e.lastUpdated)</a></td>"
            body += "<td>\(c.major) major, \(c.minor) minor, \(c.cosmetic) cosmetic</td><td>\(escape(e.author.name))</td></tr>\n"
        }
        return layout(title: "Review queue", body: body + "</tbody>\n</table>\n")
    }

    /// One event: what was recorded, by whom and when, its diff, its reviews, and the verdict form for
    /// someone who may review (`csrf` nil: no form).
    public static func event(_ e: ChangeReport.Event, who: String, reviewCSRF: String?) -> String {
        let id = e.comparison.profile
        var body = who + "<h1>\(escape(id.description))</h1>\n" + profileNav(id)
        body += "<h2>\(escape(e.event.rawValue.capitalized)) of \(e.lastUpdated)</h2>\n"
        body += "<p class=\"meta\">Recorded \(e.recordedAt) by \(escape(e.author.description)) · commit <code>\(e.commit.short)</code>"
        if let source = e.source { body += " · from \(escape(source))" }
        let c = e.comparison.diff.counts
        body += " · \(c.major) major, \(c.minor) minor, \(c.cosmetic) cosmetic</p>\n"
        body += "<h3>Reviews</h3>\n"
        if e.reviews.isEmpty { body += "<p>Nobody has reviewed this event yet.</p>\n" }
        for r in e.reviews {
            body += "<div class=\"review \(r.verdict.rawValue)\"><strong>\(r.verdict.rawValue)</strong> by \(escape(r.reviewer.description)) at \(Timestamp(seconds: r.reviewedAt.seconds))"
            body += "<br>\(escape(r.note))</div>\n"
        }
        if let csrf = reviewCSRF {
            body += "<form class=\"verdict\" method=\"post\" action=\"/events/\(e.commit.hex)/review\">\n"
            body += "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(csrf))\">\n"
            body += "<label>Verdict <select name=\"verdict\">" + Review.Verdict.allCases.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }.joined() + "</select></label>\n"
            body += "<label>Note (what you checked) <textarea name=\"note\" required maxlength=\"4000\"></textarea></label>\n"
            body += "<button type=\"submit\">Record verdict</button>\n</form>\n"
        }
        if e.comparison.diff.isEmpty {
            body += "<p>Nothing changed in meaning.</p>\n"
        } else {
            body += "<h3>Facts</h3>\n" + ReportHTML.factsTable(e.comparison.diff)
            body += "<h3>Changes</h3>\n" + ReportHTML.body(e.comparison.diff, minimum: .minor)
        }
        return layout(title: "\(id) \(e.event.rawValue) of \(e.lastUpdated)", body: body)
    }
}
