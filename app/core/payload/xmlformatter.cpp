#include "xmlformatter.h"

#include <QCoreApplication>

#include <cstring>
#include <vector>

namespace Payload {

namespace {

enum class Kind : quint8 { Declaration, Pi, Comment, CData, Doctype, StartTag, EmptyTag, EndTag, Text };

// StartTag flags: what the element holds, which decides between indenting and copying it whole.
enum : quint8 {
    kHasMarkup = 1, // a child element, comment or PI
    kHasText = 2,   // non-blank text or CDATA: mixed or text content
    kPreserve = 4,  // xml:space="preserve" (XML 1.0 §2.10)
};

struct Token
{
    quint32 begin = 0;
    quint32 end = 0;
    quint32 match = 0; // StartTag: index of its EndTag
    Kind kind = Kind::Text;
    quint8 flags = 0;
};

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// XML 1.0 §2.3 names, by bytes: every non-ASCII byte is accepted as part of a name, which is
// right for UTF-8 and harmless for display.
bool isNameStart(char ch)
{
    const auto c = static_cast<unsigned char>(ch);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// Pass 1: checks the document and lists its tokens, marking each element with what it holds.
class XmlScanner
{
    Q_DECLARE_TR_FUNCTIONS(Payload::XmlFormatter)

public:
    XmlScanner(QByteArrayView in, const JobControl &control)
        : m_in(in)
        , m_begin(in.data())
        , m_end(in.data() + in.size())
        , m_checkpoint(control, in.size())
    {
    }

    // False on error (error() says why) or when cancelled (cancelled() says so).
    bool run()
    {
        const char *p = m_begin;
        if (m_in.size() >= 2 && ((p[0] == '\xff' && p[1] == '\xfe') || (p[0] == '\xfe' && p[1] == '\xff') ||
                                 (p[0] == '\0' && p[1] == '<') || (p[0] == '<' && p[1] == '\0')))
            return fail(p, tr("UTF-16 XML cannot be formatted; it is shown as text"));
        if (m_in.size() >= 3 && std::memcmp(p, "\xef\xbb\xbf", 3) == 0)
            p += 3;
        m_start = p;
        while (p < m_end) {
            if (m_checkpoint.due(p - m_begin) && !m_checkpoint.pass(p - m_begin)) {
                m_cancelled = true;
                return false;
            }
            p = *p == '<' ? markup(p) : text(p);
            if (!p)
                return false;
        }
        if (!m_open.empty()) {
            const Token &t = m_tokens[m_open.back()];
            return fail(m_end, tr("the element <%1> (line %2) is not closed")
                                   .arg(QString::fromUtf8(tagName(m_begin + t.begin)))
                                   .arg(ParseError::at(m_in, t.begin, {}).line));
        }
        if (!m_rootSeen)
            return fail(m_end, tr("no root element"));
        m_checkpoint.finish();
        return true;
    }

    const ParseError &error() const { return m_error; }
    bool cancelled() const { return m_cancelled; }
    const std::vector<Token> &tokens() const { return m_tokens; }
    const char *start() const { return m_start; }

    // The name of the tag at `lt` ('<' or "</").
    static QByteArrayView tagName(const char *lt)
    {
        const char *n = lt + (lt[1] == '/' ? 2 : 1);
        const char *e = n;
        while (isNameChar(*e))
            ++e;
        return QByteArrayView(n, e - n);
    }

private:
    bool fail(const char *at, QString reason)
    {
        m_error = ParseError::at(m_in, at - m_begin, std::move(reason));
        return false;
    }

    bool startsWith(const char *p, const char *s) const
    {
        const auto n = qsizetype(std::strlen(s));
        return m_end - p >= n && std::memcmp(p, s, size_t(n)) == 0;
    }

    const char *find(const char *from, const char *needle) const
    {
        const qsizetype at = m_in.indexOf(needle, from - m_begin);
        return at < 0 ? nullptr : m_begin + at;
    }

    void push(Kind kind, const char *b, const char *e, quint8 parentFlag)
    {
        if (!m_open.empty())
            m_tokens[m_open.back()].flags |= parentFlag;
        Token t;
        t.kind = kind;
        t.begin = quint32(b - m_begin);
        t.end = quint32(e - m_begin);
        m_tokens.push_back(t);
    }

    // XML 1.0 §4.1: '&' starts "&name;", "&#digits;" or "&#xhex;". Returns past the ';' or null.
    const char *reference(const char *amp)
    {
        const char *q = amp + 1;
        if (q < m_end && *q == '#') {
            ++q;
            const bool hex = q < m_end && *q == 'x';
            if (hex)
                ++q;
            const char *digits = q;
            while (q < m_end &&
                   ((*q >= '0' && *q <= '9') || (hex && ((*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F')))))
                ++q;
            if (q == digits || q == m_end || *q != ';')
                return fail(amp, tr("malformed character reference (XML 1.0 §4.1)")), nullptr;
            return q + 1;
        }
        if (q == m_end || !isNameStart(*q))
            return fail(amp, tr("'&' must begin a reference such as &amp; (XML 1.0 §4.1)")), nullptr;
        while (q < m_end && isNameChar(*q))
            ++q;
        if (q == m_end || *q != ';')
            return fail(amp, tr("an entity reference must end with ';'")), nullptr;
        return q + 1;
    }

    bool checkReferences(const char *b, const char *e)
    {
        for (const char *p = b; p < e;) {
            const auto *amp = static_cast<const char *>(std::memchr(p, '&', size_t(e - p)));
            if (!amp)
                return true;
            p = reference(amp);
            if (!p)
                return false;
        }
        return true;
    }

    const char *text(const char *p)
    {
        const auto *lt = static_cast<const char *>(std::memchr(p, '<', size_t(m_end - p)));
        const char *e = lt ? lt : m_end;
        const char *q = p;
        while (q < e && isXmlSpace(*q))
            ++q;
        if (q == e) // blank: only ever replaced by indentation or copied inside a whole element
            return e;
        if (m_open.empty())
            return fail(q, tr("text outside the root element")), nullptr;
        if (!checkReferences(p, e))
            return nullptr;
        push(Kind::Text, p, e, kHasText);
        return e;
    }

    const char *markup(const char *p)
    {
        if (startsWith(p, "<!--"))
            return comment(p);
        if (startsWith(p, "<![CDATA[")) {
            const char *close = find(p + 9, "]]>");
            if (!close)
                return fail(p, tr("the CDATA section is not closed")), nullptr;
            if (m_open.empty())
                return fail(p, tr("CDATA outside the root element")), nullptr;
            push(Kind::CData, p, close + 3, kHasText);
            return close + 3;
        }
        if (startsWith(p, "<!DOCTYPE"))
            return doctype(p);
        if (startsWith(p, "<!"))
            return fail(p, tr("expected <!--, <![CDATA[ or <!DOCTYPE after '<!'")), nullptr;
        if (startsWith(p, "<?"))
            return processingInstruction(p);
        if (startsWith(p, "</"))
            return endTag(p);
        return startTag(p);
    }

    const char *comment(const char *p)
    {
        const char *close = find(p + 4, "-->");
        if (!close)
            return fail(p, tr("the comment is not closed")), nullptr;
        const char *dashes = find(p + 4, "--");
        if (dashes && dashes < close)
            return fail(dashes, tr("'--' is not allowed inside a comment (XML 1.0 §2.5)")), nullptr;
        push(Kind::Comment, p, close + 3, kHasMarkup);
        return close + 3;
    }

    const char *processingInstruction(const char *p)
    {
        const char *q = p + 2;
        if (q == m_end || !isNameStart(*q))
            return fail(q, tr("expected a name after '<?'")), nullptr;
        while (q < m_end && isNameChar(*q))
            ++q;
        const QByteArrayView target(p + 2, q - p - 2);
        if (q < m_end && !isXmlSpace(*q) && !startsWith(q, "?>"))
            return fail(q, tr("expected whitespace or '?>' after the processing instruction name")), nullptr;
        const char *close = find(q, "?>");
        if (!close)
            return fail(p, tr("the processing instruction is not closed")), nullptr;
        const bool declaration = target.compare("xml", Qt::CaseInsensitive) == 0;
        // XML 1.0 §2.8: the declaration comes first; "xml" is reserved as a PI target.
        if (declaration && p != m_start)
            return fail(p, tr("the XML declaration must be at the very start (XML 1.0 §2.8)")), nullptr;
        push(declaration ? Kind::Declaration : Kind::Pi, p, close + 2, kHasMarkup);
        return close + 2;
    }

    // XML 1.0 §2.8: the internal subset may hold quoted strings and comments with '>' in them.
    const char *doctype(const char *p)
    {
        if (m_rootSeen)
            return fail(p, tr("the DOCTYPE must come before the root element")), nullptr;
        if (m_doctypeSeen)
            return fail(p, tr("a second DOCTYPE")), nullptr;
        m_doctypeSeen = true;
        int brackets = 0;
        for (const char *q = p + 9; q < m_end; ++q) {
            const char c = *q;
            if (c == '"' || c == '\'') {
                const auto *close = static_cast<const char *>(std::memchr(q + 1, c, size_t(m_end - q - 1)));
                if (!close)
                    break;
                q = close;
            } else if (c == '<' && startsWith(q, "<!--")) {
                const char *close = find(q + 4, "-->");
                if (!close)
                    break;
                q = close + 2;
            } else if (c == '[') {
                ++brackets;
            } else if (c == ']') {
                --brackets;
            } else if (c == '>' && brackets <= 0) {
                push(Kind::Doctype, p, q + 1, 0);
                return q + 1;
            }
        }
        return fail(p, tr("the DOCTYPE is not closed")), nullptr;
    }

    const char *skipSpace(const char *q) const
    {
        while (q < m_end && isXmlSpace(*q))
            ++q;
        return q;
    }

    const char *startTag(const char *p)
    {
        const char *q = p + 1;
        if (q == m_end || !isNameStart(*q))
            return fail(q, tr("expected a tag name after '<' (write &lt; for a literal '<')")), nullptr;
        if (m_open.empty() && m_rootSeen)
            return fail(p, tr("only one root element is allowed; this is a second one")), nullptr;
        while (q < m_end && isNameChar(*q))
            ++q;
        m_attributes.clear();
        quint8 flags = 0;
        for (;;) {
            const char *afterSpace = skipSpace(q);
            const bool spaced = afterSpace != q;
            q = afterSpace;
            if (q == m_end)
                return fail(q, tr("unexpected end of input inside a tag")), nullptr;
            if (*q == '>' || startsWith(q, "/>"))
                break;
            if (*q == '/')
                return fail(q, tr("expected '>' after '/'")), nullptr;
            if (!isNameStart(*q))
                return fail(q, tr("expected an attribute name, '>' or '/>'")), nullptr;
            if (!spaced)
                return fail(q, tr("expected whitespace before the attribute")), nullptr;
            const char *name = q;
            while (q < m_end && isNameChar(*q))
                ++q;
            const QByteArrayView attr(name, q - name);
            // XML 1.0 §3.1, well-formedness constraint "Unique Att Spec".
            for (QByteArrayView seen : m_attributes) {
                if (seen == attr)
                    return fail(name, tr("the attribute '%1' appears twice in this tag").arg(QString::fromUtf8(attr))),
                           nullptr;
            }
            m_attributes.push_back(attr);
            q = skipSpace(q);
            if (q == m_end || *q != '=')
                return fail(q, tr("expected '=' after the attribute name")), nullptr;
            q = skipSpace(q + 1);
            if (q == m_end || (*q != '"' && *q != '\''))
                return fail(q, tr("an attribute value must be in quotes")), nullptr;
            const char quote = *q;
            const char *value = q + 1;
            const auto *close = static_cast<const char *>(std::memchr(value, quote, size_t(m_end - value)));
            if (!close)
                return fail(q, tr("the attribute value is not closed")), nullptr;
            if (const void *lt = std::memchr(value, '<', size_t(close - value)))
                return fail(static_cast<const char *>(lt), tr("'<' is not allowed in an attribute value")), nullptr;
            if (!checkReferences(value, close))
                return nullptr;
            if (attr == "xml:space" && QByteArrayView(value, close - value) == "preserve")
                flags |= kPreserve;
            q = close + 1;
        }
        const bool empty = *q == '/';
        const char *e = q + (empty ? 2 : 1);
        push(empty ? Kind::EmptyTag : Kind::StartTag, p, e, kHasMarkup);
        m_tokens.back().flags = flags;
        m_rootSeen = true;
        if (!empty)
            m_open.push_back(quint32(m_tokens.size() - 1));
        return e;
    }

    const char *endTag(const char *p)
    {
        const char *q = p + 2;
        if (q == m_end || !isNameStart(*q))
            return fail(q, tr("expected a tag name after '</'")), nullptr;
        while (q < m_end && isNameChar(*q))
            ++q;
        const QByteArrayView name(p + 2, q - p - 2);
        q = skipSpace(q);
        if (q == m_end || *q != '>')
            return fail(q, tr("expected '>' to end the end tag")), nullptr;
        if (m_open.empty())
            return fail(p, tr("the end tag </%1> has no start tag").arg(QString::fromUtf8(name))), nullptr;
        const quint32 open = m_open.back();
        const QByteArrayView openName = tagName(m_begin + m_tokens[open].begin);
        if (openName != name)
            return fail(p, tr("the end tag </%1> does not match the start tag <%2> (line %3)")
                               .arg(QString::fromUtf8(name), QString::fromUtf8(openName))
                               .arg(ParseError::at(m_in, m_tokens[open].begin, {}).line)),
                   nullptr;
        m_open.pop_back();
        push(Kind::EndTag, p, q + 1, 0);
        m_tokens[open].match = quint32(m_tokens.size() - 1);
        return q + 1;
    }

    QByteArrayView m_in;
    const char *m_begin;
    const char *m_end;
    const char *m_start = nullptr; // after a BOM
    Detail::Checkpoint m_checkpoint;
    std::vector<Token> m_tokens;
    std::vector<quint32> m_open;
    std::vector<QByteArrayView> m_attributes; // names in the current tag
    ParseError m_error;
    bool m_rootSeen = false;
    bool m_doctypeSeen = false;
    bool m_cancelled = false;
};

// Pass 2: writes each token on its own line, or an element whole, with highlighting runs.
class XmlWriter
{
public:
    XmlWriter(QByteArrayView in, const XmlFormatOptions &options)
        : m_in(in)
        , m_maxIndent(qMax(options.maxIndentLevels, 0))
        , m_limit(options.maxOutputBytes)
    {
        m_out.reserve(qMin<qint64>(qint64(in.size()) + in.size() / 4 + 256, m_limit));
    }

    bool write(const std::vector<Token> &tokens)
    {
        int depth = 0;
        for (size_t i = 0; i < tokens.size(); ++i) {
            const Token &t = tokens[i];
            if (t.kind == Kind::StartTag && (!(t.flags & kHasMarkup) || (t.flags & (kHasText | kPreserve)))) {
                newline(depth);
                if (!copy(tokens, i, t.match))
                    return false;
                i = t.match;
                continue;
            }
            if (t.kind == Kind::EndTag)
                --depth;
            newline(depth);
            if (!copy(tokens, i, i))
                return false;
            if (t.kind == Kind::StartTag)
                ++depth;
        }
        return true;
    }

    QByteArray takeText() { return std::move(m_out); }
    QList<TokenSpan> takeSpans() { return std::move(m_spans); }

private:
    void newline(int depth)
    {
        if (!m_out.isEmpty())
            m_out += '\n';
        m_out.append(qsizetype(2) * qMin(depth, m_maxIndent), ' ');
    }

    // Tokens first..last, with the input bytes between them, exactly as sent.
    bool copy(const std::vector<Token> &tokens, size_t first, size_t last)
    {
        const qsizetype b = tokens[first].begin;
        const qsizetype e = tokens[last].end;
        if (qint64(m_out.size()) + (e - b) > m_limit)
            return false;
        const qsizetype shift = m_out.size() - b;
        for (size_t k = first; k <= last; ++k)
            spans(tokens[k], shift);
        m_out.append(m_in.sliced(b, e - b));
        return true;
    }

    void add(qsizetype b, qsizetype e, TokenType type) { m_spans.append(TokenSpan{quint32(b), quint32(e - b), type}); }

    void spans(const Token &t, qsizetype shift)
    {
        const qsizetype b = t.begin + shift;
        const qsizetype e = t.end + shift;
        switch (t.kind) {
        case Kind::Declaration:
        case Kind::Pi:
            return add(b, e, TokenType::ProcessingInstruction);
        case Kind::Comment:
            return add(b, e, TokenType::Comment);
        case Kind::CData:
            return add(b, e, TokenType::CData);
        case Kind::Doctype:
            return add(b, e, TokenType::Doctype);
        case Kind::Text:
            return add(b, e, TokenType::Text);
        case Kind::EndTag:
            return add(b, e, TokenType::Tag);
        case Kind::StartTag:
        case Kind::EmptyTag:
            return tagSpans(t, shift);
        }
    }

    // The scanner checked the syntax, so this only needs to find the pieces again.
    void tagSpans(const Token &t, qsizetype shift)
    {
        const char *const base = m_in.data();
        const char *q = base + t.begin + 1;
        while (isNameChar(*q))
            ++q;
        add(t.begin + shift, q - base + shift, TokenType::Tag);
        for (;;) {
            while (isXmlSpace(*q))
                ++q;
            if (*q == '>' || *q == '/') {
                add(q - base + shift, t.end + shift, TokenType::Tag);
                return;
            }
            const char *name = q;
            while (isNameChar(*q))
                ++q;
            add(name - base + shift, q - base + shift, TokenType::AttributeName);
            while (*q != '"' && *q != '\'')
                ++q;
            const char *close = static_cast<const char *>(std::memchr(q + 1, *q, size_t(base + t.end - q - 1)));
            add(q - base + shift, close + 1 - base + shift, TokenType::AttributeValue);
            q = close + 1;
        }
    }

    QByteArrayView m_in;
    QByteArray m_out;
    QList<TokenSpan> m_spans;
    int m_maxIndent;
    qint64 m_limit;
};

} // namespace

XmlFormatResult formatXml(QByteArrayView xml, const JobControl &control, const XmlFormatOptions &options)
{
    XmlFormatResult result;
    if (quint64(xml.size()) >= 0xffffffffu) {
        result.error =
            ParseError::at(xml, 0,
                           QCoreApplication::translate("Payload::XmlFormatter",
                                                       "the document is too large to format (4 GiB or more)"));
        return result;
    }
    XmlScanner scanner(xml, control);
    if (!scanner.run()) {
        result.cancelled = scanner.cancelled();
        result.error = scanner.error();
        return result;
    }
    XmlWriter writer(xml, options);
    if (!writer.write(scanner.tokens())) {
        result.error = ParseError::at(
            xml, 0,
            QCoreApplication::translate("Payload::XmlFormatter", "the formatted text would be larger than %1 MiB")
                .arg(options.maxOutputBytes >> 20));
        return result;
    }
    result.text = writer.takeText();
    result.spans = writer.takeSpans();
    return result;
}

} // namespace Payload
