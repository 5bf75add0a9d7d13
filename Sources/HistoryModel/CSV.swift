/// CSV as RFC 4180 writes it, for every CSV `history` prints (`facts --format csv`, `export --csv`).
public enum CSV {
    /// A field, quoted when it holds a comma, a quote or a line break (quotes doubled). Scanned as bytes:
    /// as `Character`s, a CR LF pair is neither "\r" nor "\n", and a comma or quote followed by a
    /// combining mark is neither a comma nor a quote, so such fields went unquoted.
    public static func field(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            out.append(byte)
            if byte == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// One line of fields.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}
